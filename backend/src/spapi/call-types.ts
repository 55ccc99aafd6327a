/** Who a gateway call is made for and what it carries: the types every spapi/ file and its callers share. */

export type Region = 'na' | 'eu' | 'fe';

/** Who a call is made for. The refresh token is the seller's authorization (decrypted by the caller). */
export interface SellerContext {
  storeId?: number | null;
  sellerId: string;
  region: Region;
  refreshToken: string;
  /** Marketplace to note in the Communication Log when a call does not name one. */
  marketplaceId?: string | null;
}

/**
 * A grantless call (Notifications destinations, subscriptions by id): made for the application in a region with an
 * LWA `client_credentials` token of `scope`, not for a seller. Its rate bucket and log row have no seller.
 */
export interface GrantlessContext {
  grantless: 'sellingpartnerapi::notifications';
  region: Region;
  storeId?: null;
  marketplaceId?: null;
}

export type CallContext = SellerContext | GrantlessContext;

export const isGrantless = (ctx: CallContext): ctx is GrantlessContext => 'grantless' in ctx;

export interface CallParams {
  path?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  /** For the Communication Log. */
  marketplaceId?: string | null;
  /** Non-2xx statuses that are an answer, not an error (e.g. 404 for "no such listing"). */
  expect?: number[];
  /** Restricted (PII) operations: a restricted data token is sent instead of the seller's access token. */
  restricted?: RestrictedTokenSource;
}

/** Where a restricted call gets its token (restricted-tokens.ts caches them per seller and path set). */
export interface RestrictedTokenSource {
  token(): Promise<string>;
  /** Amazon said the token expired or is invalid: the next token() must fetch a fresh one. */
  invalidate(token: string): void;
}

export interface CallResult<T = unknown> {
  status: number;
  body: T;
  requestId: string | null;
  attempts: number;
}
