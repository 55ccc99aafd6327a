/**
 * How a gateway error affects a sync pass: stop everything (authorization refused — the store is told;
 * throttled — come back later), or it is about one listing (its data was refused; Amazon unavailable).
 */
import { AmazonError, AmazonThrottledError, AmazonUnavailableError, AuthorizationRevokedError } from '../../../spapi/index';
import type { AmazonErrorDetails } from '../../../spapi/errors';
import type { SyncIssue } from '../types';

export type PassStop = 'authorization' | 'throttled' | 'unavailable';

/** Thrown inside a pass to end it; the worker maps it onto DrainResult.stopped. */
export class StopPass extends Error {
  constructor(
    readonly reason: PassStop,
    readonly error: unknown,
  ) {
    super(`sync pass stopped: ${reason}`);
  }
}

export function isAuthorizationFailure(err: unknown): boolean {
  return err instanceof AuthorizationRevokedError || (err instanceof AmazonError && [401, 403].includes(err.amazon.status ?? 0));
}

/** The reason a pass must stop for this error, or null when the error concerns one request only. */
export function stopReasonOf(err: unknown): PassStop | null {
  if (isAuthorizationFailure(err)) return 'authorization';
  if (err instanceof AmazonThrottledError) return 'throttled';
  return null;
}

export const isUnavailable = (err: unknown) => err instanceof AmazonUnavailableError;

/** Amazon's error envelope as a listing issue, so the admin sees Amazon's words. */
export function issueOf(err: unknown): SyncIssue {
  if (err instanceof AmazonError || err instanceof AmazonUnavailableError || err instanceof AmazonThrottledError) {
    const d = err.details as AmazonErrorDetails;
    return { code: d.amazonCode ?? String(d.status ?? 'ERROR'), message: d.amazonMessage ?? err.message, severity: 'ERROR' };
  }
  return { code: 'ERROR', message: err instanceof Error ? err.message : String(err), severity: 'ERROR' };
}
