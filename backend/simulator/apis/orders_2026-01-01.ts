/**
 * Orders 2026-01-01: searchOrders and getOrder over the same order state as Orders v0 (the shopper's
 * purchases, replayed orders, seeded ones), answered in the 2026 shape by orders_2026-01-01-render.ts.
 * searchOrders keeps v0's rules where the model repeats them: exactly one of createdAfter/lastUpdatedAfter,
 * no mixing of the two windows, an upper bound at least two minutes before now — so an order is visible to
 * searchOrders only `ordersApiLagSeconds` after it was created or updated, as with getOrders. getOrder has no lag.
 */
import type { OrderState } from '../state';
import { decodePageToken, encodePageToken } from '../jobs';
import { findOrder, amazonTime } from './ordersV0-render';
import { DATASETS, fulfillmentStatus, order2026 } from './orders_2026-01-01-render';
import { invalidInput, requireMarketplaces, requireSeller, type ApiContext, type ApiHandler } from './types';

export const modelId = 'orders_2026-01-01';

/** ISO 8601 as Amazon takes it (date, or date-time with optional seconds, fraction and zone). */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function time(q: Record<string, unknown>, name: string): number | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  const ms = ISO_8601.test(String(v)) ? Date.parse(String(v)) : NaN;
  if (Number.isNaN(ms)) throw invalidInput(`Invalid Input: ${name} must be an ISO 8601 date-time.`, String(v));
  return ms;
}

const FILTERS = [
  'createdAfter',
  'createdBefore',
  'lastUpdatedAfter',
  'lastUpdatedBefore',
  'fulfillmentStatuses',
  'marketplaceIds',
  'fulfilledBy',
  'maxResultsPerPage',
  'includedData',
] as const;

/** The window on createdTime or lastUpdatedTime, after the model's rules. */
function window(ctx: ApiContext, q: Record<string, unknown>) {
  const latest = ctx.sim.clock.nowMs() - ctx.sim.world.cfg.ordersApiLagSeconds * 1000;
  const [ca, cb, la, lb] = ['createdAfter', 'createdBefore', 'lastUpdatedAfter', 'lastUpdatedBefore'].map((n) => time(q, n));
  if ((ca === undefined) === (la === undefined)) throw invalidInput('Exactly one of createdAfter and lastUpdatedAfter must be provided.');
  if (ca !== undefined && (la !== undefined || lb !== undefined))
    throw invalidInput('lastUpdatedAfter and lastUpdatedBefore cannot be provided with createdAfter.');
  if (la !== undefined && cb !== undefined) throw invalidInput('createdAfter and createdBefore cannot be provided with lastUpdatedAfter.');
  const field = la !== undefined ? ('lastUpdated' as const) : ('created' as const);
  const after = (field === 'created' ? ca : la) ?? 0;
  const before = field === 'created' ? cb : lb;
  if (before !== undefined && before > latest)
    throw invalidInput(`${field}Before must be at least two minutes before the time of the request.`, String(q[`${field}Before`]));
  if (after > latest) throw invalidInput(`${field}After must be at least two minutes before the time of the request.`);
  // Amazon's own upper bound is whole seconds, like its order times.
  const upper = before ?? Math.floor(latest / 1000) * 1000;
  if (after > upper) throw invalidInput(`${field}Before must be equal to or after ${field}After.`);
  return { field, after, before: upper };
}

function includedData(v: unknown): Set<string> {
  const list = Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',') : [];
  const bad = list.find((d) => !(DATASETS as readonly string[]).includes(d));
  if (bad) throw invalidInput(`Invalid includedData '${bad}'.`, bad);
  return new Set(list);
}

const searchOrders: ApiHandler = (ctx) => {
  const seller = requireSeller(ctx);
  let q: Record<string, unknown> = ctx.query;
  let offset = 0;
  if (typeof ctx.query.paginationToken === 'string') {
    // The token carries the first page's filters and pins its upper bound, so later orders do not shift pages.
    const t = decodePageToken(ctx.query.paginationToken);
    q = { ...t.filters, ...(ctx.query.includedData !== undefined ? { includedData: ctx.query.includedData } : {}) };
    offset = t.offset;
  }
  const w = window(ctx, q);
  const markets =
    q.marketplaceIds !== undefined
      ? requireMarketplaces(ctx, q.marketplaceIds)
      : seller.scenario.participations.map((p) => p.marketplaceId).filter((id) => ctx.sim.world.marketplaceRegion(id) === ctx.region);
  const statuses = q.fulfillmentStatuses as string[] | undefined;
  const by = q.fulfilledBy as string[] | undefined;
  const size = Number(q.maxResultsPerPage ?? 100);
  if (!(Number.isInteger(size) && size >= 1 && size <= 100)) throw invalidInput('maxResultsPerPage must be between 1 and 100.');
  const included = includedData(q.includedData);
  const stamp = (o: OrderState) => (w.field === 'created' ? o.purchaseDateMs : o.lastUpdateDateMs);
  const rows = [...seller.orders.values()]
    .filter(
      (o) =>
        markets.includes(o.marketplaceId) &&
        stamp(o) >= w.after &&
        stamp(o) <= w.before &&
        (!statuses || statuses.includes(fulfillmentStatus(o))) &&
        (!by || by.includes(o.fulfillmentChannel === 'AFN' ? 'AMAZON' : 'MERCHANT')),
    )
    .sort((a, b) => stamp(a) - stamp(b) || a.amazonOrderId.localeCompare(b.amazonOrderId));
  const pinned: Record<string, unknown> = Object.fromEntries(FILTERS.filter((k) => q[k] !== undefined).map((k) => [k, q[k]]));
  pinned[`${w.field}Before`] = new Date(w.before).toISOString();
  const next = offset + size < rows.length ? encodePageToken(pinned, offset + size) : undefined;
  return {
    status: 200,
    body: {
      orders: rows.slice(offset, offset + size).map((o) => order2026(ctx, o, included)),
      ...(next ? { pagination: { nextToken: next } } : {}),
      [`${w.field}Before`]: amazonTime(w.before),
    },
  };
};

const getOrder: ApiHandler = (ctx) => {
  const included = includedData(ctx.query.includedData);
  return { status: 200, body: { order: order2026(ctx, findOrder(ctx).order, included) } };
};

export const handlers: Record<string, ApiHandler> = { searchOrders, getOrder };
