/**
 * Which renewal reminder is due: at 30, 7 and 1 days before expiry, once each per authorization.
 * When several thresholds were crossed at once (the service was down), only the tightest is sent.
 * Pure.
 */
import { EXPIRY_NOTICE_DAYS } from '../../../schema/stores';
import { DAY_MS } from '../jobs/clock';

/** The tightest threshold crossed (days), or null when none is. */
export function crossedThreshold(expiresAt: Date, now: Date): number | null {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return null;
  const crossed = EXPIRY_NOTICE_DAYS.filter((d) => left <= d * DAY_MS);
  return crossed.length ? Math.min(...crossed) : null;
}

/** Thresholds whose notice would make a reminder at `threshold` redundant (itself and tighter ones). */
export function coveringThresholds(threshold: number): number[] {
  return EXPIRY_NOTICE_DAYS.filter((d) => d <= threshold);
}

export const expiryNoticeKey = (storeId: number, authorizedAt: string, days: number) => `auth-expiry:${storeId}:${authorizedAt}:${days}`;
