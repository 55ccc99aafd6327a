import assert from 'node:assert/strict';
import { afterFailure, describeSendError, isPermanent, MAX_ATTEMPTS, RETRY_DELAYS_MS, statusOf } from './delivery-policy';

const NOW = new Date('2026-12-01T10:00:00.000Z');
const refused = { message: 'connect ECONNREFUSED 127.0.0.1:2525', code: 'ESOCKET' };

describe('mail delivery policy', () => {
  it('tells where a message stands', () => {
    const base = { sentAt: null, failedAt: null, sendingSince: null, attempts: 0 };
    assert.equal(statusOf(base), 'queued');
    assert.equal(statusOf({ ...base, sendingSince: 'x', attempts: 1 }), 'sending');
    assert.equal(statusOf({ ...base, attempts: 2 }), 'retrying');
    assert.equal(statusOf({ ...base, attempts: 6, failedAt: 'x' }), 'failed');
    assert.equal(statusOf({ ...base, attempts: 3, sentAt: 'x' }), 'sent');
  });

  it('waits longer after each failure, then gives up after the last attempt', () => {
    const waits: number[] = [];
    for (let attempts = 1; attempts < MAX_ATTEMPTS; attempts++) {
      const next = afterFailure(attempts, refused, NOW);
      assert.equal(next.giveUp, false, `attempt ${attempts} is retried`);
      if (!next.giveUp) waits.push(next.retryAt.getTime() - NOW.getTime());
    }
    assert.deepEqual(waits, [...RETRY_DELAYS_MS]);
    assert.ok(waits.every((w, i) => i === 0 || w > waits[i - 1]!));
    assert.deepEqual(afterFailure(MAX_ATTEMPTS, refused, NOW), { giveUp: true });
  });

  it('gives up at once on a permanent refusal of the recipient or message, never on auth or connection errors', () => {
    assert.equal(isPermanent({ code: 'EENVELOPE', responseCode: 550 }), true);
    assert.equal(isPermanent({ code: 'EMESSAGE', responseCode: 554 }), true);
    assert.equal(isPermanent({ code: 'EENVELOPE', responseCode: 451 }), false);
    assert.equal(isPermanent({ code: 'EAUTH', responseCode: 535 }), false);
    assert.equal(isPermanent(refused), false);
    assert.deepEqual(afterFailure(1, { code: 'EENVELOPE', responseCode: 550 }, NOW), { giveUp: true });
  });

  it('describes an error with its code and what happens next', () => {
    assert.equal(
      describeSendError(refused, 1, afterFailure(1, refused, NOW)),
      `connect ECONNREFUSED 127.0.0.1:2525 (ESOCKET) — Attempt 1 of ${MAX_ATTEMPTS}; trying again later.`,
    );
    assert.match(describeSendError(refused, MAX_ATTEMPTS, { giveUp: true }), /Given up after 6 attempts/);
    const rejected = { message: "Can't send mail - all recipients were rejected: 550 No such user", code: 'EENVELOPE', responseCode: 550 };
    assert.match(describeSendError(rejected, 1, { giveUp: true }), /550 No such user \(EENVELOPE\) — The server refused it for good/);
    assert.ok(describeSendError({ message: 'x'.repeat(5000) }, 1, { giveUp: true }).length < 1100);
  });
});
