/**
 * Listings Items 2021-08-01: put / patch / get / delete / search of the seller's SKUs.
 * Submissions (one marketplace each) return ACCEPTED (or VALID/INVALID with mode=VALIDATION_PREVIEW); the
 * listing changes after the scenario's processing delay (see ../listings-store.ts for issues and statuses).
 * Reads take several marketplaces and answer summaries, offers and issues per marketplace, as Amazon does.
 */
import type { Attributes, ListingIssue, ListingRecord } from '../listings-store';
import { offerOf, quantityOf } from '../listings-store';
import { enforcedStatus } from '../listing-issues';
import { catalogImages } from '../catalog-blocks';
import type { World } from '../state';
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

/** The path's seller (it must be the authorizing one) and the requested marketplaces, all known to Amazon. */
function owner(ctx: ApiContext): { sellerId: string; marketplaceIds: string[] } {
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
  return { sellerId: seller.sellerId, marketplaceIds: requireMarketplaces(ctx, ctx.query.marketplaceIds) };
}

/** Submissions here go to one marketplace at a time (reads take several). */
function target(ctx: ApiContext): Target {
  const { sellerId, marketplaceIds } = owner(ctx);
  if (marketplaceIds.length !== 1) throw invalidInput('Exactly one marketplaceId is supported per listing submission.');
  return { sellerId, marketplaceId: marketplaceIds[0] ?? '', sku: ctx.path.sku ?? '' };
}

/** The Listings Items API gives its dates to the second (`2021-02-01T00:00:00Z`). */
const isoSeconds = (ms: number) => isoDate(Math.floor(ms / 1000) * 1000).replace('.000Z', 'Z');

/** Amazon's issues of one SKU across marketplaces: the same issue once, with every marketplace it applies to. */
function mergedIssues(recs: ListingRecord[]): Record<string, unknown>[] {
  const byKey = new Map<string, { issue: ListingIssue; marketplaceIds: string[] }>();
  for (const r of recs)
    for (const issue of [...r.issues, ...(r.amazonIssues ?? [])]) {
      const key = JSON.stringify(issue);
      const seen = byKey.get(key);
      if (seen) seen.marketplaceIds.push(r.marketplaceId);
      else byKey.set(key, { issue, marketplaceIds: [r.marketplaceId] });
    }
  return [...byKey.values()].map(({ issue, marketplaceIds }) => ({ ...issue, marketplaceIds }));
}

/** The catalog item's main image, as the listing summary shows it. */
function mainImageOf(world: World, asin: string | null): Record<string, unknown> | undefined {
  const item = asin ? world.catalog.get(asin) : undefined;
  if (!item) return undefined;
  const main = catalogImages(item).find((i) => i.variant === 'MAIN');
  return main ? { link: main.link, height: main.height, width: main.width } : undefined;
}

/** One SKU as Amazon answers it: one record per requested marketplace where the SKU is listed. */
export function itemBody(world: World, recs: ListingRecord[], included: string[]): Record<string, unknown> {
  const body: Record<string, unknown> = { sku: recs[0]?.sku };
  const now = world.clock.nowMs();
  for (const part of included) {
    if (part === 'summaries') {
      body.summaries = recs.map((rec) => {
        const cond = (rec.attributes.condition_type as { value?: string }[] | undefined)?.[0]?.value;
        const name = (rec.attributes.item_name as { value?: string }[] | undefined)?.[0]?.value;
        const image = mainImageOf(world, rec.asin);
        return {
          marketplaceId: rec.marketplaceId,
          ...(rec.asin ? { asin: rec.asin } : {}),
          productType: rec.productType,
          ...(cond && CONDITIONS.has(cond) ? { conditionType: cond } : {}),
          status: enforcedStatus(rec.status, rec.amazonIssues ?? [], now),
          ...(name ? { itemName: name } : {}),
          createdDate: isoSeconds(rec.createdAtMs),
          lastUpdatedDate: isoSeconds(rec.updatedAtMs),
          ...(image ? { mainImage: image } : {}),
        };
      });
    } else if (part === 'attributes') body.attributes = recs[0]?.attributes ?? {};
    else if (part === 'issues') body.issues = mergedIssues(recs);
    else if (part === 'offers') {
      body.offers = recs.flatMap((rec) => {
        const o = offerOf(rec.attributes);
        if (!o) return [];
        // Amazon's amounts are decimal strings in the currency's minor unit ("100.00"; yen has none).
        const amount = Number(o.amount).toFixed(o.currency === 'JPY' ? 0 : 2);
        const price = { currencyCode: o.currency, amount };
        return [{ marketplaceId: rec.marketplaceId, offerType: 'B2C', price, audience: { value: 'ALL', displayName: 'Sell on Amazon' } }];
      });
    } else if (part === 'fulfillmentAvailability') {
      // Stock belongs to the SKU, not to a marketplace: each channel once.
      const channels = new Map<string, number>();
      for (const rec of recs) {
        const q = quantityOf(rec.attributes);
        if (q && !channels.has(q.channel)) channels.set(q.channel, q.quantity);
      }
      body.fulfillmentAvailability = [...channels].map(([fulfillmentChannelCode, quantity]) => ({ fulfillmentChannelCode, quantity }));
    } else if (part === 'productTypes')
      body.productTypes = recs.map((r) => ({ marketplaceId: r.marketplaceId, productType: r.productType }));
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
    // An invalid submission matches no catalog item: Amazon answers its identifiers empty.
    ...(included.includes('identifiers') ? { identifiers: !invalid && asin ? [{ marketplaceId: t.marketplaceId, asin }] : [] } : {}),
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
  const { sellerId, marketplaceIds } = owner(ctx);
  const sku = ctx.path.sku ?? '';
  const recs = marketplaceIds.flatMap((m) => ctx.sim.world.listings.get(sellerId, m, sku) ?? []);
  if (!recs.length) throw new ApiError(404, 'NOT_FOUND', `SKU '${sku}' not found in marketplace ${marketplaceIds.join(', ')}`);
  return { status: 200, body: itemBody(ctx.sim.world, recs, (ctx.query.includedData as string[] | undefined) ?? ['summaries']) };
};

/** searchListingsItems' page tokens: opaque to clients, the offset inside. */
export const listingsPageToken = (offset: number): string => Buffer.from(String(offset)).toString('base64url');

const searchListingsItems: ApiHandler = (ctx) => {
  const { sellerId, marketplaceIds } = owner(ctx);
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
  // A SKU is one result however many of the requested marketplaces it is listed in; filters and sorting
  // look at its record in the first of them.
  const listed = ctx.sim.world.listings.list(sellerId).filter((l) => marketplaceIds.includes(l.marketplaceId));
  const recsOf = (sku: string) => marketplaceIds.flatMap((m) => listed.find((l) => l.sku === sku && l.marketplaceId === m) ?? []);
  let rows = [...new Set(listed.map((l) => l.sku))].flatMap((sku) => recsOf(sku).slice(0, 1));
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
  const now = ctx.sim.world.clock.nowMs();
  const statusOf = (l: ListingRecord): string[] => enforcedStatus(l.status, l.amazonIssues ?? [], now);
  if (q.withStatus) rows = rows.filter((l) => q.withStatus?.every((s) => statusOf(l).includes(s)));
  if (q.withoutStatus) rows = rows.filter((l) => !q.withoutStatus?.some((s) => statusOf(l).includes(s)));
  if (q.withIssueSeverity)
    rows = rows.filter((l) => [...l.issues, ...(l.amazonIssues ?? [])].some((i) => q.withIssueSeverity?.includes(i.severity)));
  const key = q.sortBy ?? 'lastUpdatedDate';
  const val = (l: ListingRecord) => (key === 'sku' ? l.sku : key === 'createdDate' ? l.createdAtMs : l.updatedAtMs);
  rows.sort((a, b) => (val(a) < val(b) ? -1 : val(a) > val(b) ? 1 : 0) * ((q.sortOrder ?? 'DESC') === 'ASC' ? 1 : -1));
  const pageSize = Math.min(q.pageSize ?? 10, 20);
  const start = q.pageToken ? Number(Buffer.from(q.pageToken, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw invalidInput("Invalid 'pageToken'.");
  const pagination = {
    ...(start + pageSize < rows.length ? { nextToken: listingsPageToken(start + pageSize) } : {}),
    ...(start > 0 ? { previousToken: listingsPageToken(Math.max(0, start - pageSize)) } : {}),
  };
  return {
    status: 200,
    body: {
      numberOfResults: rows.length,
      ...(Object.keys(pagination).length ? { pagination } : {}),
      items: rows.slice(start, start + pageSize).map((r) => itemBody(ctx.sim.world, recsOf(r.sku), q.includedData ?? ['summaries'])),
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
