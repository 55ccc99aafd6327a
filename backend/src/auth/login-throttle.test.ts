import assert from 'node:assert/strict';
import { LoginThrottle } from './login-throttle';

describe('login throttle', () => {
  let now = 0;
  const throttle = (options: { maxKeys?: number } = {}) =>
    new LoginThrottle({ maxFailures: 3, windowMs: 15 * 60_000, baseDelayMs: 250, maxDelayMs: 2_000, now: () => now, ...options });
  beforeEach(() => {
    now = 1_000_000;
  });

  it('refuses an address for an account after its failures, for the rest of the window only', () => {
    const t = throttle();
    for (let i = 0; i < 3; i++) t.failed('10.0.0.1', 'a@example.com');
    now += 5 * 60_000; // past the per-minute address limit, still inside the pair's window
    assert.deepEqual(t.check('10.0.0.1', 'a@example.com'), { refused: true, retryAfterSeconds: 600 });
    assert.equal(t.check('10.0.0.1', 'b@example.com').refused, false, 'other accounts from that address');
    assert.equal(t.check('10.0.0.2', 'a@example.com').refused, false, 'that account from other addresses');
    now += 10 * 60_000;
    assert.deepEqual(t.check('10.0.0.1', 'a@example.com'), { refused: false, delayMs: 0 });
  });

  it('never refuses an account failing from many addresses: the delay doubles per failure, up to the cap', () => {
    const t = throttle();
    const delays = [];
    for (let i = 0; i < 8; i++) {
      const verdict = t.check(`10.0.1.${i}`, 'a@example.com');
      assert.equal(verdict.refused, false);
      delays.push(verdict.refused ? -1 : verdict.delayMs);
      t.failed(`10.0.1.${i}`, 'a@example.com');
    }
    assert.deepEqual(delays, [0, 0, 0, 250, 500, 1000, 2000, 2000]);
    now += 15 * 60_000;
    assert.deepEqual(t.check('10.0.1.99', 'a@example.com'), { refused: false, delayMs: 0 }, 'failures age out');
  });

  it('a correct password clears that address’s failures, not the account’s slow-down', () => {
    const t = throttle();
    for (let i = 0; i < 2; i++) t.failed('10.0.0.1', 'a@example.com');
    t.failed('10.0.0.2', 'a@example.com');
    t.failed('10.0.0.2', 'a@example.com');
    t.succeeded('10.0.0.1', 'a@example.com');
    t.failed('10.0.0.1', 'a@example.com');
    assert.equal(t.check('10.0.0.1', 'a@example.com').refused, false);
    assert.deepEqual(t.check('10.0.0.3', 'a@example.com'), { refused: false, delayMs: 1000 }, 'five failures: two doublings');
  });

  it('keeps a bounded number of keys under a flood of made-up e-mails', () => {
    const t = throttle({ maxKeys: 50 });
    for (let i = 0; i < 1000; i++) t.failed('10.0.0.1', `nobody${i}@example.com`);
    // The most recent ones are still remembered…
    for (let i = 0; i < 3; i++) t.failed('10.0.0.1', 'nobody999@example.com');
    assert.equal(t.check('10.0.0.1', 'nobody999@example.com').refused, true);
    // …and the map did not grow with the flood (internal state, read for the bound).
    const sizes = Object.values(t as unknown as Record<string, { times?: Map<string, unknown> }>)
      .map((v) => v?.times?.size)
      .filter((s): s is number => typeof s === 'number');
    assert.ok(sizes.length === 2 && sizes.every((s) => s <= 50), `sizes ${sizes.join(',')}`);
  });
});
