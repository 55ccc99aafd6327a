/**
 * Listings Items 2021-08-01: put / patch / get / delete / search of the seller's SKUs.
 * Submissions return ACCEPTED (or VALID/INVALID with mode=VALIDATION_PREVIEW); the listing changes
 * after the scenario's processing delay (see ../listings-store.ts for issues and statuses).
 */
import type { Attributes, ListingIssue, ListingRecord } from '../listings-store';
import { offerOf, quantityOf } from '../listings-store';
import { ApiError, invalidInput, isoDate, requireMarketplaces, requireSeller, type ApiContext, type ApiHandler } from './types';

export const modelId = 'listingsItems_2021-08-01';

const CONDITIONS = new Set([
  'new_new',
  'new_open_box',
  'new_oem',
  'refurbished_refurbished',
  'used_like_new',
  'used_very_good',
  'used_good',
  'used_acceptable',
  'collectible_like_new',
  'collectible_very_good',
  'collectible_good',
  'collectible_acceptable',
  'club_club',
]);

interface Target {
  sellerId: string;
  marketplaceId: string;
  sku: string;
}

/** The listings service checks marketplace ids itself: one Amazon does not have is BAD_REQUEST "Invalid input". */
function knownMarketplaces(ctx: ApiContext): void {
  const ids = (ctx.query.marketplaceIds as string[] | undefined) ?? [];
  const bad = ids.find((id) => !ctx.sim.world.marketplaces.has(id));
  if (bad !== undefined) throw new ApiError(400, 'BAD_REQUEST', 'Invalid input', `Unknown marketplaceId '${bad}'.`);
}

function target(ctx: ApiContext): Target {
  knownMarketplaces(ctx);
  const seller = requireSeller(ctx);
  if (ctx.path.sellerId !== seller.sellerId) {
    throw new ApiError(
      403,
      'Unauthorized',
      'Access to requested resource is denied.',
      `sellerId ${ctx.path.sellerId} is not the seller who authorized this application.`,
    );
  }
  const ids = requireMarketplaces(ctx, ctx.query.marketplaceIds);
  if (ids.length !== 1) throw invalidInput('Exactly one marketplaceId is supported per listing request.');
  return { sellerId: seller.sellerId, marketplaceId: ids[0] ?? '', sku: ctx.path.sku ?? '' };
}

export function itemBody(rec: ListingRecord, included: string[]): Record<string, unknown> {
  const body: Record<string, unknown> = { sku: rec.sku };
  const m = rec.marketplaceId;
  for (const part of included) {
    if (part === 'summaries') {
      const cond = (rec.attributes.condition_type as { value?: string }[] | undefined)?.[0]?.value;
      const name = (rec.attributes.item_name as { value?: string }[] | undefined)?.[0]?.value;
      body.summaries = [
        {
          marketplaceId: m,
          ...(rec.asin ? { asin: rec.asin } : {}),
          productType: rec.productType,
          ...(cond && CONDITIONS.has(cond) ? { conditionType: cond } : {}),
          status: rec.status,
          ...(name ? { itemName: name } : {}),
          createdDate: isoDate(rec.createdAtMs),
          lastUpdatedDate: isoDate(rec.updatedAtMs),
        },
      ];
    } else if (part === 'attributes') body.attributes = rec.attributes;
    else if (part === 'issues') body.issues = rec.issues.map((i) => ({ ...i, marketplaceIds: [m] }));
    else if (part === 'offers') {
      const o = offerOf(rec.attributes);
      body.offers = o ? [{ marketplaceId: m, offerType: 'B2C', price: { currencyCode: o.currency, amount: o.amount } }] : [];
    } else if (part === 'fulfillmentAvailability') {
      const q = quantityOf(rec.attributes);
      body.fulfillmentAvailability = q ? [{ fulfillmentChannelCode: q.channel, quantity: q.quantity }] : [];
    } else if (part === 'productTypes') body.productTypes = [{ marketplaceId: m, productType: rec.productType }];
    else if (part === 'relationships') body.relationships = [];
  }
  return body;
}

function submission(ctx: ApiContext, t: Target, productType: string, attributes: Attributes | null): Record<string, unknown> {
  const store = ctx.sim.world.listings;
  const preview = ctx.query.mode === 'VALIDATION_PREVIEW';
  const included = (ctx.query.includedData as string[] | undefined) ?? ['issues'];
  let issues: ListingIssue[] = [];
  let asin: string | null = null;
  if (attributes) {
    const ev = store.evaluate(t.sellerId, t.marketplaceId, t.sku, productType, attributes);
    asin = ev.asin;
    issues = preview ? [...ev.blocking, ...ev.issues] : ev.blocking;
  }
  const invalid = issues.some((i) => i.severity === 'ERROR');
  let submissionId = '';
  if (!preview && !invalid)
    submissionId = store.submit(t.sellerId, t.marketplaceId, t.sku, attributes ? { productType, attributes } : null);
  else submissionId = `sim-${Date.now().toString(16)}`;
  return {
    sku: t.sku,
    status: preview ? (invalid ? 'INVALID' : 'VALID') : invalid ? 'INVALID' : 'ACCEPTED',
    submissionId,
    ...(included.includes('issues') ? { issues: issues.map((i) => ({ ...i, marketplaceIds: [t.marketplaceId] })) } : {}),
    ...(included.includes('identifiers') && asin ? { identifiers: [{ marketplaceId: t.marketplaceId, asin }] } : {}),
  };
}

const putListingsItem: ApiHandler = (ctx) => {
  const t = target(ctx);
  const body = ctx.body as { productType: string; attributes: Attributes };
  return { status: 200, body: submission(ctx, t, body.productType, structuredClone(body.attributes)) };
};

export function applyPatch(attrs: Attributes, patches: { op: string; path: string; value?: unknown[] }[]): string | null {
  for (const p of patches) {
    const m = /^\/attributes\/([^/]+)$/.exec(p.path);
    if (!m?.[1]) return `Unsupported patch path '${p.path}'; expected /attributes/{name}.`;
    const name = m[1];
    if (p.op === 'delete') {
      delete attrs[name];
      continue;
    }
    if (!Array.isArray(p.value)) return `Patch '${p.op} ${p.path}' needs an array value.`;
    if (p.op === 'merge' && Array.isArray(attrs[name])) {
      const cur = attrs[name] as Record<string, unknown>[];
      attrs[name] = p.value.map((v, i) => ({ ...(cur[i] ?? {}), ...(v as Record<string, unknown>) }));
    } else attrs[name] = structuredClone(p.value);
  }
  return null;
}

const patchListingsItem: ApiHandler = (ctx) => {
  const t = target(ctx);
  const body = ctx.body as { productType: string; patches: { op: string; path: string; value?: unknown[] }[] };
  const current = ctx.sim.world.listings.latestAttributes(t.sellerId, t.marketplaceId, t.sku);
  if (!current) {
    const issue: ListingIssue = {
      code: '4000001',
      message: `SKU '${t.sku}' does not exist in marketplace ${t.marketplaceId}; use putListingsItem to create it.`,
      severity: 'ERROR',
      categories: [],
    };
    return {
      status: 200,
      body: {
        sku: t.sku,
        status: 'INVALID',
        submissionId: `sim-${Date.now().toString(16)}`,
        issues: [{ ...issue, marketplaceIds: [t.marketplaceId] }],
      },
    };
  }
  const problem = applyPatch(current.attributes, body.patches);
  if (problem) throw invalidInput(problem);
  return { status: 200, body: submission(ctx, t, body.productType, current.attributes) };
};

const deleteListingsItem: ApiHandler = (ctx) => {
  const t = target(ctx);
  const submissionId = ctx.sim.world.listings.submit(t.sellerId, t.marketplaceId, t.sku, null);
  return { status: 200, body: { sku: t.sku, status: 'ACCEPTED', submissionId, issues: [] } };
};

const getListingsItem: ApiHandler = (ctx) => {
  const t = target(ctx);
  const rec = ctx.sim.world.listings.get(t.sellerId, t.marketplaceId, t.sku);
  if (!rec) throw new ApiError(404, 'NOT_FOUND', `SKU '${t.sku}' not found in marketplace ${t.marketplaceId}`);
  return { status: 200, body: itemBody(rec, (ctx.query.includedData as string[] | undefined) ?? ['summaries']) };
};

const searchListingsItems: ApiHandler = (ctx) => {
  knownMarketplaces(ctx);
  const seller = requireSeller(ctx);
  if (ctx.path.sellerId !== seller.sellerId)
    throw new ApiError(403, 'Unauthorized', 'Access to requested resource is denied.', 'sellerId mismatch');
  const [marketplaceId = ''] = requireMarketplaces(ctx, ctx.query.marketplaceIds);
  const q = ctx.query as {
    identifiers?: string[];
    identifiersType?: string;
    withStatus?: string[];
    withoutStatus?: string[];
    withIssueSeverity?: string[];
    sortBy?: string;
    sortOrder?: string;
    pageSize?: number;
    pageToken?: string;
    includedData?: string[];
  };
  if (q.identifiers && !q.identifiersType) throw invalidInput("'identifiersType' is required when 'identifiers' is provided.");
  let rows = ctx.sim.world.listings.list(seller.sellerId).filter((l) => l.marketplaceId === marketplaceId);
  if (q.identifiers) {
    const ids = new Set(q.identifiers);
    rows = rows.filter((l) =>
      q.identifiersType === 'SKU'
        ? ids.has(l.sku)
        : q.identifiersType === 'ASIN'
          ? l.asin !== null && ids.has(l.asin)
          : ctx.sim.world.catalog.get(l.asin ?? '')?.identifiers.some((i) => i.type === q.identifiersType && ids.has(i.value)),
    );
  }
  if (q.withStatus) rows = rows.filter((l) => q.withStatus?.every((s) => l.status.includes(s as 'BUYABLE')));
  if (q.withoutStatus) rows = rows.filter((l) => !q.withoutStatus?.some((s) => l.status.includes(s as 'BUYABLE')));
  if (q.withIssueSeverity) rows = rows.filter((l) => l.issues.some((i) => q.withIssueSeverity?.includes(i.severity)));
  const key = q.sortBy ?? 'lastUpdatedDate';
  const val = (l: ListingRecord) => (key === 'sku' ? l.sku : key === 'createdDate' ? l.createdAtMs : l.updatedAtMs);
  rows.sort((a, b) => (val(a) < val(b) ? -1 : val(a) > val(b) ? 1 : 0) * ((q.sortOrder ?? 'DESC') === 'ASC' ? 1 : -1));
  const pageSize = Math.min(q.pageSize ?? 10, 20);
  const start = q.pageToken ? Number(Buffer.from(q.pageToken, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw invalidInput("Invalid 'pageToken'.");
  const next = start + pageSize < rows.length ? Buffer.from(String(start + pageSize)).toString('base64url') : undefined;
  return {
    status: 200,
    body: {
      numberOfResults: rows.length,
      ...(next ? { pagination: { nextToken: next } } : {}),
      items: rows.slice(start, start + pageSize).map((r) => itemBody(r, q.includedData ?? ['summaries'])),
    },
  };
};

export const handlers: Record<string, ApiHandler> = {
  putListingsItem,
  patchListingsItem,
  deleteListingsItem,
  getListingsItem,
  searchListingsItems,
};
