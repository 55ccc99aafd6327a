import assert from 'node:assert/strict';
import { pauseReasonOf, transition, type StoreEvent, type StoreState } from './lifecycle';

const state = (status: StoreState['status'], authorization: StoreState['authorization']): StoreState => ({ status, authorization });

function next(s: StoreState, event: StoreEvent): StoreState {
  const r = transition(s, event);
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r.state;
}

describe('store lifecycle', () => {
  it('a first connection makes an In Setup store Active and starts sync', () => {
    const r = transition(state('in_setup', 'not_connected'), 'connected');
    assert.deepEqual(r, { ok: true, state: state('active', 'connected'), pause: null });
  });

  it('refuses to connect a connected store (renew instead) and to renew a store never connected', () => {
    const a = transition(state('active', 'connected'), 'connected');
    assert.equal(a.ok, false);
    assert.match(!a.ok ? a.reason : '', /Renew/);
    const b = transition(state('in_setup', 'not_connected'), 'renewed');
    assert.equal(b.ok, false);
  });

  it('revocation pauses sync; reconnecting lifts the pause and keeps the status', () => {
    const revoked = transition(state('active', 'connected'), 'revoked');
    assert.deepEqual(revoked, { ok: true, state: state('active', 'revoked'), pause: 'authorization_revoked' });
    const back = transition(state('active', 'revoked'), 'connected');
    assert.deepEqual(back, { ok: true, state: state('active', 'connected'), pause: null });
  });

  it('expiry pauses sync; renewal after expiry resumes it', () => {
    const expired = next(state('active', 'connected'), 'expired');
    assert.equal(pauseReasonOf(expired), 'authorization_expired');
    assert.deepEqual(transition(expired, 'renewed'), { ok: true, state: state('active', 'connected'), pause: null });
  });

  it('a deactivated store stays Inactive when reconnected, and stays paused', () => {
    const r = transition(state('inactive', 'revoked'), 'connected');
    assert.deepEqual(r, { ok: true, state: state('inactive', 'connected'), pause: 'deactivated' });
  });

  it('activate needs a connected store; deactivate needs an active one', () => {
    assert.equal(transition(state('in_setup', 'not_connected'), 'activate').ok, false);
    assert.equal(transition(state('active', 'connected'), 'activate').ok, false);
    assert.deepEqual(next(state('inactive', 'connected'), 'activate'), state('active', 'connected'));
    assert.equal(transition(state('inactive', 'connected'), 'deactivate').ok, false);
    assert.deepEqual(transition(state('active', 'connected'), 'deactivate'), {
      ok: true,
      state: state('inactive', 'connected'),
      pause: 'deactivated',
    });
  });

  it('disconnect goes back to In Setup / Not connected from any connected state, not twice', () => {
    for (const a of ['connected', 'revoked', 'expired', 'error'] as const) {
      assert.deepEqual(next(state('active', a), 'disconnect'), state('in_setup', 'not_connected'));
    }
    assert.equal(transition(state('in_setup', 'not_connected'), 'disconnect').ok, false);
  });

  it('a revoked store is not revoked again or marked failed (the first reason stays)', () => {
    assert.equal(transition(state('active', 'revoked'), 'revoked').ok, false);
    assert.equal(transition(state('active', 'revoked'), 'failed').ok, false);
    assert.equal(transition(state('active', 'expired'), 'revoked').ok, false);
  });
});
