/**
 * Pure rules of the sync engine: how a submission moves through its life (a transition table with
 * guards), which Amazon issues are worth retrying, the backoff, when to poll a feed again, and whether a
 * batch goes one by one or as a feed.
 */
import type { SyncIssue } from './types';

// ---- Submission lifecycle ----

/**
 * preparing: rows written, nothing known to have reached Amazon yet (a crash here is resolved by looking
 *            for the feed on Amazon, never by sending again blindly);
 * submitted: Amazon has it (feedId stored, or the API calls are under way);
 * done:      every item has its outcome;  fatal: the feed failed as a whole (items back to the queue);
 * lost:      a crashed 'preparing' feed that Amazon never received (items back to the queue).
 */
export const SUBMISSION_STATES = ['preparing', 'submitted', 'done', 'fatal', 'lost'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];
export type SubmissionEvent = 'sent' | 'found_on_amazon' | 'not_on_amazon' | 'report_applied' | 'feed_fatal' | 'feed_cancelled';

const TRANSITIONS: Record<SubmissionEvent, { from: SubmissionState[]; to: SubmissionState }> = {
  sent: { from: ['preparing'], to: 'submitted' },
  found_on_amazon: { from: ['preparing'], to: 'submitted' },
  not_on_amazon: { from: ['preparing'], to: 'lost' },
  report_applied: { from: ['submitted'], to: 'done' },
  feed_fatal: { from: ['submitted'], to: 'fatal' },
  feed_cancelled: { from: ['submitted'], to: 'fatal' },
};

export function nextSubmissionState(from: SubmissionState, event: SubmissionEvent): SubmissionState | null {
  const rule = TRANSITIONS[event];
  return rule.from.includes(from) ? rule.to : null;
}

export const isOpenSubmission = (s: SubmissionState) => s === 'preparing' || s === 'submitted';

// ---- Issues ----

// Amazon's processing problems that are not about our data (its side failed, or it asks us to come back).
const RETRYABLE_CODES = new Set(['4000003', '4000004', '5000', '500', 'InternalFailure', 'QuotaExceeded', 'ServiceUnavailable']);
const RETRYABLE_TEXT = /internal (server )?error|temporar|try again|timed? ?out|throttl|unavailable/i;

/** A failure is retried later only when every blocking issue is Amazon's own trouble; data errors wait for new data. */
export function isRetryable(issues: SyncIssue[]): boolean {
  const errors = issues.filter((i) => i.severity === 'ERROR');
  return errors.length > 0 && errors.every((i) => RETRYABLE_CODES.has(i.code) || RETRYABLE_TEXT.test(i.message));
}

export const hasErrors = (issues: SyncIssue[]) => issues.some((i) => i.severity === 'ERROR');

// ---- Timing ----

export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_MAX_MS = 6 * 3_600_000;

/** Exponential: 1, 2, 4 … minutes after the 1st, 2nd, 3rd failure, capped at 6 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/** Feeds take minutes: first look after 30 s, then every 30 s up to 5 minutes apart (getFeed is cheap, 2/s). */
export function nextPollDelayMs(polls: number): number {
  return Math.min(300_000, 30_000 * (1 + Math.floor(polls / 4)));
}

/**
 * Default of SYNC_STUCK_AFTER_MINUTES: a change waiting for Amazon, or a submission (feed or direct batch) in
 * flight, longer than this makes the store's sync "stuck" (health figures, the admin alert).
 */
export const DEFAULT_STUCK_AFTER_MS = 30 * 60_000;

/** Whether something that started at `sinceMs` has waited longer than the stuck threshold at `nowMs`. */
export const isStuck = (sinceMs: number, nowMs: number, stuckAfterMs: number): boolean => nowMs - sinceMs > stuckAfterMs;

// ---- Batching ----

/** Up to this many dirty listings go one by one (put/patch/delete), more go as one feed. */
export const DIRECT_THRESHOLD = 20;
/** Amazon's limit for one JSON_LISTINGS_FEED. */
export const MAX_FEED_MESSAGES = 25_000;
/** Feeds created per pass at most (createFeed refills one token every two minutes after a burst of 15). */
export const MAX_FEEDS_PER_PASS = 4;

export type Route = 'direct' | 'feed';
export const routeFor = (dirty: number, threshold = DIRECT_THRESHOLD): Route => (dirty <= threshold ? 'direct' : 'feed');

/** A backlog still flowing in: listings made dirty this recently mean more are coming (the consumer's next page). */
export const GATHER_QUIET_MS = 1_500;
/** …but no change waits longer than this for the burst to end (from its catalog change time). */
export const GATHER_MAX_WAIT_MS = 10_000;
/** How soon a gathering store's worker looks again. */
export const GATHER_RECHECK_MS = 500;

/**
 * Whether a woken pass holds a feed's worth of due listings back to gather the rest of a burst into the same
 * feed (one feed and one message per SKU instead of a small feed per consumer page): more due than go by direct
 * calls (a handful always go at once), fewer than a full feed, the newest made dirty within GATHER_QUIET_MS,
 * and the oldest change not yet waiting GATHER_MAX_WAIT_MS.
 */
export function shouldGather(
  due: { count: number; newestDirtyMs: number; oldestChangeMs: number },
  nowMs: number,
  limits: { directThreshold: number; maxFeedMessages: number },
): boolean {
  if (due.count <= limits.directThreshold || due.count >= limits.maxFeedMessages) return false;
  return nowMs - due.newestDirtyMs < GATHER_QUIET_MS && nowMs - due.oldestChangeMs <= GATHER_MAX_WAIT_MS;
}

/** How far back to look for a feed a crashed worker may have created (Amazon's clock vs ours). */
export const CLOCK_SKEW_MS = 5 * 60_000;
