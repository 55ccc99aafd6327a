/**
 * Failed sign-ins, remembered in memory per (address, account) and per account, to slow guessing
 * without handing strangers a way to lock an admin out:
 *
 * - an address that keeps failing for one account is refused for that account (429) until its
 *   failures age out of the window — the real admin at another address is not affected;
 * - an account failing from many addresses is not refused (that would be the lock-out) but slowed
 *   down: every attempt on it waits a delay that doubles with each failure beyond the limit, up to
 *   a cap. The wait comes before the password is checked, so a guesser cannot cut it short by
 *   reading an early answer, and the real admin still gets in, only a few seconds later.
 *
 * The per-address limit on all attempts stays with @fastify/rate-limit on the route. Counts live in
 * this process (a restart forgets them, like the rate limiter's); both maps are bounded.
 */

export interface LoginThrottleOptions {
  /** Failures allowed per (address, account) in the window, and per account before delays start. */
  maxFailures: number;
  windowMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Keys kept per map before the oldest are forgotten (a flood of made-up e-mails must not fill memory). */
  maxKeys?: number;
  now?: () => number;
}

export type LoginVerdict = { refused: true; retryAfterSeconds: number } | { refused: false; delayMs: number };

export const LOGIN_FAILURE_WINDOW_MS = 15 * 60_000;
export const LOGIN_BASE_DELAY_MS = 250;
export const LOGIN_MAX_DELAY_MS = 5_000;

/** Recent failure times per key; each list holds no more entries than the caller can use. */
class FailureLog {
  private readonly times = new Map<string, number[]>();
  constructor(
    private readonly windowMs: number,
    private readonly keep: number,
    private readonly maxKeys: number,
  ) {}

  recent(key: string, now: number): number[] {
    const list = this.times.get(key);
    if (!list) return [];
    const fresh = list.filter((t) => now - t < this.windowMs);
    if (fresh.length === 0) this.times.delete(key);
    else if (fresh.length !== list.length) this.times.set(key, fresh);
    return fresh;
  }

  add(key: string, now: number): void {
    const list = [...this.recent(key, now), now].slice(-this.keep);
    // Re-inserted, so Map order is "least recently failed first" for the eviction below.
    this.times.delete(key);
    this.times.set(key, list);
    if (this.times.size > this.maxKeys) this.evict(now);
  }

  clear(key: string): void {
    this.times.delete(key);
  }

  private evict(now: number): void {
    for (const [key, list] of this.times) if (now - (list[list.length - 1] ?? 0) >= this.windowMs) this.times.delete(key);
    for (const key of this.times.keys()) {
      if (this.times.size <= this.maxKeys) break;
      this.times.delete(key);
    }
  }
}

export class LoginThrottle {
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly now: () => number;
  private readonly pairs: FailureLog;
  private readonly accounts: FailureLog;

  constructor(options: LoginThrottleOptions) {
    this.maxFailures = options.maxFailures;
    this.windowMs = options.windowMs ?? LOGIN_FAILURE_WINDOW_MS;
    this.baseDelayMs = options.baseDelayMs ?? LOGIN_BASE_DELAY_MS;
    this.maxDelayMs = options.maxDelayMs ?? LOGIN_MAX_DELAY_MS;
    this.now = options.now ?? Date.now;
    const maxKeys = options.maxKeys ?? 10_000;
    this.pairs = new FailureLog(this.windowMs, this.maxFailures, maxKeys);
    // Enough failures to reach the cap; older ones cannot make the delay longer.
    const doublings = Math.ceil(Math.log2(Math.max(1, this.maxDelayMs / this.baseDelayMs)));
    this.accounts = new FailureLog(this.windowMs, this.maxFailures + doublings + 1, maxKeys);
  }

  /** Asked before the password is checked: refuse this address for this account, or wait `delayMs` first. */
  check(address: string, email: string): LoginVerdict {
    const now = this.now();
    const pair = this.pairs.recent(pairKey(address, email), now);
    if (pair.length >= this.maxFailures) {
      const oldest = pair[0] ?? now;
      return { refused: true, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)) };
    }
    const beyond = this.accounts.recent(email, now).length - this.maxFailures;
    if (beyond < 0) return { refused: false, delayMs: 0 };
    return { refused: false, delayMs: Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** beyond) };
  }

  failed(address: string, email: string): void {
    const now = this.now();
    this.pairs.add(pairKey(address, email), now);
    this.accounts.add(email, now);
  }

  /**
   * A correct password clears this address's failures for the account. The account's own count
   * stays: a stranger's guesses elsewhere should not start again at full speed after the admin
   * signs in.
   */
  succeeded(address: string, email: string): void {
    this.pairs.clear(pairKey(address, email));
  }
}

const pairKey = (address: string, email: string) => `${address}\u0000${email}`;
