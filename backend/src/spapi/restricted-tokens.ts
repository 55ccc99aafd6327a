/**
 * Restricted data tokens (Tokens 2021-03-01 `createRestrictedDataToken`) for the Orders API's PII
 * operations. One RDT per (region, seller, set of restricted resources) is reused for its lifetime (one
 * hour at Amazon), minus a margin so a token never expires in flight; concurrent callers share one
 * request. Paths use Amazon's generic `{orderId}` form, so one token serves every order of the seller.
 */
import type { RestrictedTokenSource, SellerContext } from './client';

export interface RestrictedResource {
  method: 'GET';
  path: string;
  dataElements?: ('buyerInfo' | 'shippingAddress' | 'buyerTaxInformation')[];
}

export interface IssuedToken {
  restrictedDataToken: string;
  /** Seconds. */
  expiresIn: number;
}

/** Renew this long before Amazon's expiry. */
export const RDT_MARGIN_MS = 60_000;

interface Entry {
  token: Promise<string>;
  /** The token once issued (so invalidate() can compare synchronously). */
  value?: string;
  expiresAtMs: number;
}

export class RestrictedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly issue: (ctx: SellerContext, resources: RestrictedResource[]) => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  source(ctx: SellerContext, resources: RestrictedResource[]): RestrictedTokenSource {
    const key = cacheKey(ctx, resources);
    return {
      token: () => this.token(key, ctx, resources),
      invalidate: (token) => {
        // Only the token that failed: a fresh one another caller already fetched stays.
        if (this.entries.get(key)?.value === token) this.entries.delete(key);
      },
    };
  }

  private token(key: string, ctx: SellerContext, resources: RestrictedResource[]): Promise<string> {
    const cached = this.entries.get(key);
    if (cached && cached.expiresAtMs > this.now()) return cached.token;
    const entry: Entry = { token: Promise.resolve(''), expiresAtMs: Number.POSITIVE_INFINITY };
    entry.token = this.issue(ctx, resources).then(
      (t) => {
        entry.expiresAtMs = this.now() + t.expiresIn * 1000 - RDT_MARGIN_MS;
        entry.value = t.restrictedDataToken;
        return t.restrictedDataToken;
      },
      (err: unknown) => {
        // A failed issue is not cached: the next caller asks Amazon again.
        if (this.entries.get(key) === entry) this.entries.delete(key);
        throw err;
      },
    );
    this.entries.set(key, entry);
    return entry.token;
  }
}

export function cacheKey(ctx: Pick<SellerContext, 'region' | 'sellerId'>, resources: RestrictedResource[]): string {
  const parts = resources.map((r) => `${r.method} ${r.path} ${[...(r.dataElements ?? [])].sort().join(',')}`).sort();
  return `${ctx.region}|${ctx.sellerId}|${parts.join('|')}`;
}
