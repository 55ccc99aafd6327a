import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createState, stateKey, verifyState } from './state';

describe('consent state', () => {
  const key = stateKey(randomBytes(32));

  it('verifies a state it signed and names its store', () => {
    const state = createState(key, 42);
    assert.equal(verifyState(key, state), 42);
    assert.notEqual(createState(key, 42), state, 'every state is new');
  });

  it('rejects a tampered store id, a forged signature, another key and garbage', () => {
    const state = createState(key, 42);
    assert.equal(verifyState(key, state.replace(/^42\./, '43.')), null);
    assert.equal(verifyState(key, `${state.slice(0, -2)}AA`), null);
    assert.equal(verifyState(stateKey(randomBytes(32)), state), null);
    assert.equal(verifyState(key, 'st-123'), null);
    assert.equal(verifyState(key, ''), null);
  });
});
