/**
 * Catalog Items 2022-04-01: searchCatalogItems (by identifiers + identifiersType, or keywords) and
 * getCatalogItem, with includedData shaping the item (summaries by default).
 */
import { catalogClassifications, catalogImages, catalogRelationships, catalogSalesRanks, catalogSummary, rootOf } from '../catalog-blocks';
import type { ScenarioCatalogItem } from '../scenario';
import { ApiError, invalidInput, requireMarketplaces, type ApiContext, type ApiHandler } from './types';

export const modelId = 'catalogItems_2022-04-01';

function itemBody(ctx: ApiContext, c: ScenarioCatalogItem, marketplaceId: string, included: string[]): Record<string, unknown> {
  const item: Record<string, unknown> = { asin: c.asin };
  const children = () => [...ctx.sim.world.catalog.values()].filter((x) => x.parentAsin === c.asin).map((x) => x.asin);
  const inMarket = (block: Record<string, unknown>) => [{ marketplaceId, ...block }];
  for (const part of included) {
    switch (part) {
      case 'summaries':
        item.summaries = [catalogSummary(c, marketplaceId)];
        break;
      case 'identifiers':
        item.identifiers = inMarket({ identifiers: c.identifiers.map((i) => ({ identifier: i.value, identifierType: i.type })) });
        break;
      case 'productTypes':
        item.productTypes = inMarket({ productType: c.productType });
        break;
      case 'relationships':
        item.relationships = inMarket({ relationships: catalogRelationships(c, children()) });
        break;
      case 'attributes':
        item.attributes = {
          item_name: [{ value: c.title, marketplace_id: marketplaceId }],
          brand: [{ value: c.brand, marketplace_id: marketplaceId }],
          ...(c.color ? { color: [{ value: c.color, marketplace_id: marketplaceId }] } : {}),
          ...(c.size ? { size: [{ value: c.size, marketplace_id: marketplaceId }] } : {}),
        };
        break;
      case 'images':
        item.images = inMarket({ images: catalogImages(c) });
        break;
      case 'classifications':
        item.classifications = inMarket({ classifications: catalogClassifications(c) });
        break;
      case 'salesRanks':
        item.salesRanks = [catalogSalesRanks(c, marketplaceId)];
        break;
      case 'dimensions':
        item.dimensions = inMarket({ ...c.dimensions });
        break;
      case 'vendorDetails':
        // Amazon answers vendorDetails to vendor accounts only; a seller's item has none.
        if (ctx.seller?.scenario.vendor && c.vendorDetails) item.vendorDetails = inMarket(c.vendorDetails);
        break;
    }
  }
  return item;
}

/**
 * Keyword search: every word (a keyword may hold several) is looked for in the title and brand; items that
 * hold more of the words come first, as Amazon ranks the closest matches first. An item holding none is out.
 */
export function byKeywords(items: readonly ScenarioCatalogItem[], keywords: readonly string[]): ScenarioCatalogItem[] {
  const words = [...new Set(keywords.flatMap((k) => k.toLowerCase().split(/\s+/)).filter(Boolean))];
  return items
    .map((item, order) => {
      const text = `${item.title} ${item.brand}`.toLowerCase();
      return { item, order, score: words.filter((w) => text.includes(w)).length };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((x) => x.item);
}

const included = (ctx: ApiContext) => (ctx.query.includedData as string[] | undefined) ?? ['summaries'];

const searchCatalogItems: ApiHandler = (ctx) => {
  const [marketplaceId = ''] = requireMarketplaces(ctx, ctx.query.marketplaceIds);
  const identifiers = ctx.query.identifiers as string[] | undefined;
  const keywords = ctx.query.keywords as string[] | undefined;
  const type = ctx.query.identifiersType as string | undefined;
  if (identifiers && keywords) throw invalidInput("Cannot use 'identifiers' and 'keywords' in the same request.");
  if (!identifiers && !keywords) throw invalidInput("Either 'identifiers' or 'keywords' is required.");
  if (identifiers && !type) throw invalidInput("'identifiersType' is required when 'identifiers' is provided.");
  if (type === 'SKU' && !ctx.query.sellerId) throw invalidInput("'sellerId' is required when 'identifiersType' is SKU.");
  const all = [...ctx.sim.world.catalog.values()].filter((c) => c.marketplaceIds.includes(marketplaceId));
  let hits: ScenarioCatalogItem[];
  if (identifiers) {
    const wanted = new Set(identifiers);
    hits = all.filter((c) =>
      type === 'ASIN'
        ? wanted.has(c.asin)
        : type === 'SKU'
          ? ctx.sim.world.listings
              .list(String(ctx.query.sellerId))
              .some((l) => wanted.has(l.sku) && l.asin === c.asin && l.marketplaceId === marketplaceId)
          : c.identifiers.some((i) => i.type === type && wanted.has(i.value)),
    );
  } else hits = byKeywords(all, keywords ?? []);
  const brands = ctx.query.brandNames as string[] | undefined;
  if (brands) hits = hits.filter((c) => brands.includes(c.brand));
  const pageSize = (ctx.query.pageSize as number | undefined) ?? 10;
  const start = ctx.query.pageToken ? Number(Buffer.from(String(ctx.query.pageToken), 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw invalidInput("Invalid 'pageToken'.");
  const page = hits.slice(start, start + pageSize);
  const next = start + pageSize < hits.length ? Buffer.from(String(start + pageSize)).toString('base64url') : undefined;
  const brandCounts = new Map<string, number>();
  for (const h of hits) brandCounts.set(h.brand, (brandCounts.get(h.brand) ?? 0) + 1);
  // Results refine by department (Electronics, not QLED TVs): the item's, else the root of its browse tree.
  const roots = new Map<string, { displayName: string; classificationId: string; numberOfResults: number }>();
  for (const h of hits) {
    const dept =
      h.department ?? rootOf(catalogClassifications(h)[0] ?? { displayName: h.classificationName, classificationId: h.classificationId });
    const r = roots.get(dept.classificationId) ?? { ...dept, numberOfResults: 0 };
    r.numberOfResults++;
    roots.set(dept.classificationId, r);
  }
  return {
    status: 200,
    body: {
      numberOfResults: hits.length,
      pagination: next ? { nextToken: next } : {},
      refinements: {
        brands: [...brandCounts].map(([brandName, numberOfResults]) => ({ brandName, numberOfResults })),
        classifications: [...roots.values()].map(({ numberOfResults, displayName, classificationId }) => ({
          numberOfResults,
          displayName,
          classificationId,
        })),
      },
      items: page.map((c) => itemBody(ctx, c, marketplaceId, included(ctx))),
    },
  };
};

const getCatalogItem: ApiHandler = (ctx) => {
  // `/items/` without an ASIN cannot be parsed: Amazon answers 400, not 404.
  if (!ctx.path.asin) throw invalidInput('Request has missing or invalid parameters and cannot be parsed.');
  const [marketplaceId = ''] = requireMarketplaces(ctx, ctx.query.marketplaceIds);
  const c = ctx.sim.world.catalog.get(ctx.path.asin ?? '');
  if (!c || !c.marketplaceIds.includes(marketplaceId)) {
    throw new ApiError(404, 'NOT_FOUND', `Requested item '${ctx.path.asin}' not found in marketplace '${marketplaceId}'.`);
  }
  return { status: 200, body: itemBody(ctx, c, marketplaceId, included(ctx)) };
};

export const handlers: Record<string, ApiHandler> = { searchCatalogItems, getCatalogItem };
