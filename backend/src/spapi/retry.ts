/**
 * Bounded retries with jittered exponential backoff ("equal jitter": half of the step is fixed, half
 * random, so retries never bunch up at zero and several workers that failed together spread out).
 */
export interface RetryPolicy {
  /** Retries after the first attempt (AMAZON_MAX_RETRIES). */
  maxRetries: number;
  /** Backoff step of the first retry. */
  baseMs: number;
  /** Upper bound of one backoff. */
  capMs: number;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, 'maxRetries'> = { baseMs: 250, capMs: 20_000 };

/** Wait before retry number `retry` (1-based). */
export function backoffMs(retry: number, policy: Pick<RetryPolicy, 'baseMs' | 'capMs'>, random: () => number = Math.random): number {
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
