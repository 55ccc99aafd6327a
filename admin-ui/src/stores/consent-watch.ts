/**
 * Waiting for a Seller Central consent that runs in another tab: poll the store's authorization (a cheap
 * call) until it differs from what it was when the admin clicked Connect/Renew, or until the consent's
 * one-time state has run out. Pure apart from the injected fetch, sleep and clock, so it is unit-tested.
 */
import type { StoreAuthorization } from '../api/types';

/** The consent's state lives 10 minutes on the server; a little slack for a slow last step. */
export const CONSENT_WINDOW_MS = 10 * 60_000 + 15_000;
export const POLL_INTERVAL_MS = 2000;

/** What a completed consent changes: a new authorization time, seller, expiry or state. */
export function authorizationChanged(before: StoreAuthorization, after: StoreAuthorization): boolean {
  return (
    before.state !== after.state ||
    before.authorizedAt !== after.authorizedAt ||
    before.expiresAt !== after.expiresAt ||
    before.sellerId !== after.sellerId ||
    before.lastError !== after.lastError
  );
}

export type WatchOutcome = { kind: 'changed'; authorization: StoreAuthorization } | { kind: 'timeout' } | { kind: 'cancelled' };

export interface WatchOptions {
  before: StoreAuthorization;
  fetch: () => Promise<StoreAuthorization>;
  /** Resolves after ms; the watcher checks `cancelled()` after each wait. */
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  cancelled: () => boolean;
  intervalMs?: number;
  windowMs?: number;
}

/**
 * Polls until the authorization changes, the window closes or the watch is cancelled. A failed poll
 * (network blip, a 5xx) is not the end: the consent is still running in the other tab, so try again.
 */
export async function watchConsent(o: WatchOptions): Promise<WatchOutcome> {
  const deadline = o.now() + (o.windowMs ?? CONSENT_WINDOW_MS);
  for (;;) {
    await o.sleep(o.intervalMs ?? POLL_INTERVAL_MS);
    if (o.cancelled()) return { kind: 'cancelled' };
    try {
      const current = await o.fetch();
      if (o.cancelled()) return { kind: 'cancelled' };
      if (authorizationChanged(o.before, current)) return { kind: 'changed', authorization: current };
    } catch {
      // keep waiting; the deadline still bounds the loop
    }
    if (o.now() >= deadline) return { kind: 'timeout' };
  }
}
