import assert from 'node:assert/strict';
import { isStuckNow, stuckMessage, stuckNoticeKey } from './health-alerts';
import { DEFAULT_STUCK_AFTER_MS, isStuck } from './policy';
import { changeTime, percentile } from './sync.service';
import type { SyncHealth } from './types';

const healthy: SyncHealth = {
  queueDepth: 0,
  oldestPendingAt: null,
  oldestPendingAgeMs: null,
  inFlightFeeds: 0,
  stuckFeeds: 0,
  stuckPending: 0,
  stuckAfterMs: DEFAULT_STUCK_AFTER_MS,
  stuckSince: null,
  latencyP50Ms: null,
  latencyP95Ms: null,
  samples: 0,
};

describe('listings sync health (pure parts)', () => {
  it('is stuck only past the threshold', () => {
    assert.equal(isStuck(0, DEFAULT_STUCK_AFTER_MS, DEFAULT_STUCK_AFTER_MS), false, 'exactly 30 minutes is not stuck yet');
    assert.equal(isStuck(0, DEFAULT_STUCK_AFTER_MS + 1, DEFAULT_STUCK_AFTER_MS), true);
  });

  it('starts the wait at the catalog change, never in the future, and now without one', () => {
    const now = new Date('2026-11-25T10:00:00.000Z');
    assert.equal(changeTime(new Date('2026-11-25T09:59:53.250Z'), now), '2026-11-25 09:59:53.250');
    assert.equal(changeTime(new Date('2026-11-25T10:00:05.000Z'), now), '2026-11-25 10:00:00.000');
    assert.equal(changeTime(undefined, now), '2026-11-25 10:00:00.000');
    assert.equal(changeTime(new Date('nonsense'), now), '2026-11-25 10:00:00.000');
  });

  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 20 }, (_, i) => (i + 1) * 100);
    assert.deepEqual([percentile(sorted, 50), percentile(sorted, 95), percentile([], 95)], [1_000, 1_900, null]);
  });

  it('words the alert by what is stuck, keyed by store and episode start', () => {
    assert.equal(isStuckNow(healthy), false);
    const h = { ...healthy, stuckPending: 2, stuckFeeds: 1, stuckSince: '2026-11-25T10:30:00.000Z' };
    assert.equal(isStuckNow(h), true);
    const m = stuckMessage('Outdoor US', h);
    assert.equal(m.title, 'Sync of "Outdoor US" is stuck');
    assert.match(
      m.text,
      /^2 listing changes have waited more than 30 minutes for Amazon; 1 submission has been in flight more than 30 minutes \(stuck since 2026-11-25T10:30:00.000Z\)/,
    );
    assert.equal(stuckNoticeKey(4, h.stuckSince), 'sync-stuck:4:2026-11-25T10:30:00.000Z');
  });
});
