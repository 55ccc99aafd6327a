/**
 * Amazon's answers mapped onto our error catalog (platform/errors.ts). Every error keeps what support
 * needs: Amazon's error code, message and details, the HTTP status and the x-amzn-RequestId.
 * The classification (retry or not, refresh token or not) is pure and unit-tested.
 */
import { AppError } from '../platform/errors';

export interface AmazonErrorDetails {
  operation: string;
  status: number | null;
  amazonCode: string | null;
  amazonMessage: string | null;
  amazonDetails: string | null;
  requestId: string | null;
  attempts: number;
}

/** Amazon refused or failed the call (a 4xx that is not ours to retry, or an unexpected answer). */
export class AmazonError extends AppError {
  constructor(message: string, details: AmazonErrorDetails) {
    super('AMAZON_ERROR', message, details);
    this.name = 'AmazonError';
  }
  get amazon(): AmazonErrorDetails {
    return this.details as AmazonErrorDetails;
  }
}

/** Still throttled (429) after every retry: the caller should try again later. */
export class AmazonThrottledError extends AppError {
  constructor(message: string, details: AmazonErrorDetails) {
    super('AMAZON_THROTTLED', message, details);
    this.name = 'AmazonThrottledError';
  }
}

/** 5xx or network failure after every retry. */
export class AmazonUnavailableError extends AppError {
  constructor(message: string, details: AmazonErrorDetails) {
    super('AMAZON_UNAVAILABLE', message, details);
    this.name = 'AmazonUnavailableError';
  }
}

/**
 * The seller's authorization is gone (LWA invalid_grant on refresh: revoked in Seller Central, or older
 * than 365 days). Retrying cannot help; callers pause the store until the seller re-authorizes.
 */
export class AuthorizationRevokedError extends AppError {
  constructor(
    message: string,
    details: { sellerId: string | null; storeId: number | null; lwaError: string; lwaDescription: string | null },
  ) {
    super('AMAZON_AUTH_REVOKED', message, details);
    this.name = 'AuthorizationRevokedError';
  }
}

/** An spapi_oauth_code Amazon refused (expired after 5 minutes, used twice, or for another app/redirect URI). */
export class AuthorizationCodeError extends AppError {
  constructor(message: string, details: { lwaError: string; lwaDescription: string | null; status: number }) {
    super('AMAZON_AUTH_CODE_INVALID', message, details);
    this.name = 'AuthorizationCodeError';
  }
}

export interface AmazonErrorItem {
  code: string;
  message: string;
  details?: string;
}

/** The first error of Amazon's `{"errors": [...]}` envelope (or of a bare array, as Listings Restrictions sends). */
export function firstAmazonError(body: unknown): AmazonErrorItem | null {
  const list = Array.isArray(body) ? body : (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(list) || list.length === 0) return null;
  const e = list[0] as Partial<AmazonErrorItem>;
  if (typeof e?.code !== 'string') return null;
  return { code: e.code, message: String(e.message ?? ''), ...(e.details !== undefined ? { details: String(e.details) } : {}) };
}

export type Outcome = { kind: 'ok' } | { kind: 'refresh-token' } | { kind: 'throttled' } | { kind: 'server-error' } | { kind: 'rejected' };

/**
 * What to do with one HTTP answer. A 403 `Unauthorized` about the access token (expired, revoked,
 * malformed) asks for a fresh token; any other 403 (missing role, wrong seller) is a refusal.
 */
export function classify(status: number, error: AmazonErrorItem | null): Outcome {
  if (status >= 200 && status < 300) return { kind: 'ok' };
  if (status === 429) return { kind: 'throttled' };
  if (status >= 500) return { kind: 'server-error' };
  if (
    status === 403 &&
    error?.code === 'Unauthorized' &&
    /access token/i.test(error.details ?? '') &&
    !/missing/i.test(error.details ?? '')
  ) {
    return { kind: 'refresh-token' };
  }
  return { kind: 'rejected' };
}

/** Network-level failures worth another attempt (connection reset/refused, timeouts, DNS hiccups). */
export function isRetryableNetworkError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    [
      'ECONNRESET',
      'ECONNREFUSED',
      'ETIMEDOUT',
      'EPIPE',
      'EAI_AGAIN',
      'ENOTFOUND',
      'API_RESPONSE_TIMEOUT',
      'API_DEADLINE_TIMEOUT',
      'API_IDLE_TIMEOUT',
      'UND_ERR_SOCKET',
    ].includes(code)
  );
}

/** LWA answers `{error, error_description}`; the client rethrows them as errors carrying `code`. */
export function lwaErrorOf(err: unknown): { error: string; description: string | null } | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (
    ![
      'invalid_grant',
      'invalid_client',
      'invalid_request',
      'unauthorized_client',
      'unsupported_grant_type',
      'invalid_scope',
      'access_denied',
      'server_error',
      'temporarily_unavailable',
    ].includes(code)
  ) {
    return null;
  }
  const message = (err as { message?: unknown }).message;
  return { error: code, description: typeof message === 'string' && message ? message : null };
}
