import assert from 'node:assert/strict';
import {
  backoffMs,
  BACKOFF_MAX_MS,
  GATHER_MAX_WAIT_MS,
  GATHER_QUIET_MS,
  isRetryable,
  nextSubmissionState,
  routeFor,
  shouldGather,
  SUBMISSION_STATES,
  type SubmissionEvent,
} from './policy';

describe('listings sync policy', () => {
  it('moves a submission only along its transition table', () => {
    assert.equal(nextSubmissionState('preparing', 'sent'), 'submitted');
    assert.equal(nextSubmissionState('preparing', 'found_on_amazon'), 'submitted');
    assert.equal(nextSubmissionState('preparing', 'not_on_amazon'), 'lost');
    assert.equal(nextSubmissionState('submitted', 'report_applied'), 'done');
    assert.equal(nextSubmissionState('submitted', 'feed_fatal'), 'fatal');
    // Closed submissions never reopen; a submitted one cannot be "lost".
    const events: SubmissionEvent[] = ['sent', 'found_on_amazon', 'not_on_amazon', 'report_applied', 'feed_fatal', 'feed_cancelled'];
    for (const closed of ['done', 'fatal', 'lost'] as const) for (const e of events) assert.equal(nextSubmissionState(closed, e), null);
    assert.equal(nextSubmissionState('submitted', 'not_on_amazon'), null);
    assert.equal(SUBMISSION_STATES.length, 5);
  });

  it('retries Amazon trouble, never data errors', () => {
    assert.equal(isRetryable([{ code: '8560', message: 'SKU mismatch', severity: 'ERROR' }]), false);
    assert.equal(isRetryable([{ code: '4000003', message: 'An internal error occurred', severity: 'ERROR' }]), true);
    assert.equal(isRetryable([{ code: '123', message: 'Please try again later', severity: 'ERROR' }]), true);
    assert.equal(
      isRetryable([
        { code: '4000003', message: 'internal error', severity: 'ERROR' },
        { code: '90220', message: "'condition_type' is required", severity: 'ERROR' },
      ]),
      false,
      'a data error among them: retrying cannot help',
    );
    assert.equal(isRetryable([{ code: '18027', message: 'no price', severity: 'WARNING' }]), false);
  });

  it('backs off exponentially from one minute, capped', () => {
    assert.deepEqual([1, 2, 3, 4].map(backoffMs), [60_000, 120_000, 240_000, 480_000]);
    assert.equal(backoffMs(30), BACKOFF_MAX_MS);
  });

  it('sends a handful one by one and more as a feed', () => {
    assert.equal(routeFor(1), 'direct');
    assert.equal(routeFor(20), 'direct');
    assert.equal(routeFor(21), 'feed');
  });

  it('gathers a burst only while it flows in, above the direct threshold, below a full feed, and within the cap', () => {
    const now = 1_000_000;
    const limits = { directThreshold: 20, maxFeedMessages: 25_000 };
    const due = (count: number, dirtyAgo: number, changedAgo: number) => ({
      count,
      newestDirtyMs: now - dirtyAgo,
      oldestChangeMs: now - changedAgo,
    });
    assert.equal(shouldGather(due(500, 200, 2_000), now, limits), true);
    assert.equal(shouldGather(due(20, 200, 2_000), now, limits), false, 'a handful goes at once');
    assert.equal(shouldGather(due(25_000, 200, 2_000), now, limits), false, 'a full feed cannot grow');
    assert.equal(shouldGather(due(500, GATHER_QUIET_MS, 2_000), now, limits), false, 'quiet: the burst is over');
    assert.equal(shouldGather(due(500, 200, GATHER_MAX_WAIT_MS + 1), now, limits), false, 'no change waits past the cap');
  });
});
