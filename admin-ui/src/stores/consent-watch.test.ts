import assert from 'node:assert/strict';
import { authorizationChanged, watchConsent, type WatchOptions } from './consent-watch';
import { authorization, CONNECTED } from '../test-support/store-fixtures';

/** A watch on a fake clock: each sleep advances it; `answers` are what each poll gets. */
function run(answers: (ReturnType<typeof authorization> | Error)[], over: Partial<WatchOptions> = {}) {
  let now = 0;
  let polls = 0;
  const outcome = watchConsent({
    before: authorization(),
    fetch: async () => {
      const a = answers[Math.min(polls++, answers.length - 1)]!;
      if (a instanceof Error) throw a;
      return a;
    },
    sleep: async (ms) => {
      now += ms;
    },
    now: () => now,
    cancelled: () => false,
    intervalMs: 1000,
    windowMs: 10_000,
    ...over,
  });
  return { outcome, polls: () => polls, now: () => now };
}

describe('consent watch (the card waiting for Seller Central)', () => {
  it('sees a connection, a renewal (new authorizedAt) and a revoke as changes, and a re-read of the same state as none', () => {
    assert.equal(authorizationChanged(authorization(), CONNECTED), true);
    assert.equal(
      authorizationChanged(CONNECTED, { ...CONNECTED, authorizedAt: '2026-12-01T00:00:00.000Z', expiresAt: '2027-12-01T00:00:00.000Z' }),
      true,
    );
    assert.equal(authorizationChanged(CONNECTED, { ...CONNECTED, state: 'revoked' }), true);
    assert.equal(authorizationChanged(CONNECTED, { ...CONNECTED, updatedAt: '2026-06-01T00:00:00.000Z' }), false);
  });

  it('keeps polling until the consent completes, then hands back the new authorization', async () => {
    const w = run([authorization(), authorization(), CONNECTED]);
    const result = await w.outcome;
    assert.deepEqual(result, { kind: 'changed', authorization: CONNECTED });
    assert.equal(w.polls(), 3);
  });

  it('rides out a failed poll (the consent is still running in the other tab)', async () => {
    const w = run([new Error('network'), CONNECTED]);
    assert.equal((await w.outcome).kind, 'changed');
  });

  it('gives up when the consent’s one-time state has run out', async () => {
    const w = run([authorization()]);
    assert.deepEqual(await w.outcome, { kind: 'timeout' });
    assert.equal(w.now(), 10_000);
    assert.equal(w.polls(), 10);
  });

  it('stops at once when the admin stops waiting', async () => {
    let cancelled = false;
    const w = run([authorization()], {
      cancelled: () => cancelled,
      sleep: async () => {
        cancelled = true;
      },
    });
    assert.deepEqual(await w.outcome, { kind: 'cancelled' });
    assert.equal(w.polls(), 0);
  });
});
