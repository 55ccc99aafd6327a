/**
 * Catalog Items 2022-04-01: searchCatalogItems (by identifiers + identifiersType, or keywords) and
 * getCatalogItem, with includedData shaping the item (summaries by default).
 */
import { IMAGE_SIZE, imageLinkOf } from '../images';
import type { ScenarioCatalogItem } from '../scenario';
import { ApiError, invalidInput, requireMarketplaces, type ApiContext, type ApiHandler } from './types';

export const modelId = 'catalogItems_2022-04-01';

function itemBody(ctx: ApiContext, c: ScenarioCatalogItem, marketplaceId: string, included: string[]): Record<string, unknown> {
  const item: Record<string, unknown> = { asin: c.asin };
  const children = [...ctx.sim.world.catalog.values()].filter((x) => x.parentAsin === c.asin).map((x) => x.asin);
  for (const part of included) {
    switch (part) {
      case 'summaries':
        item.summaries = [
          {
            marketplaceId,
            brand: c.brand,
            itemName: c.title,
            manufacturer: c.brand,
            ...(c.color ? { color: c.color } : {}),
            ...(c.size ? { size: c.size } : {}),
            itemClassification: c.variationTheme ? 'VARIATION_PARENT' : 'BASE_PRODUCT',
            browseClassification: { displayName: c.classificationName, classificationId: c.classificationId },
            websiteDisplayGroup: `${c.productType.toLowerCase()}_display_on_website`,
          },
        ];
        break;
      case 'identifiers':
        item.identifiers = [{ marketplaceId, identifiers: c.identifiers.map((i) => ({ identifierType: i.type, identifier: i.value })) }];
        break;
      case 'productTypes':
        item.productTypes = [{ marketplaceId, productType: c.productType }];
        break;
      case 'relationships':
        item.relationships = [
          {
            marketplaceId,
            relationships: c.variationTheme
              ? [
                  {
                    type: 'VARIATION',
                    childAsins: children,
                    variationTheme: { attributes: c.variationTheme.toLowerCase().split('/'), theme: c.variationTheme },
                  },
                ]
              : c.parentAsin
                ? [{ type: 'VARIATION', parentAsins: [c.parentAsin] }]
                : [],
          },
        ];
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
        item.images = [
          {
            marketplaceId,
            images: [{ variant: 'MAIN', link: imageLinkOf(c.asin), height: IMAGE_SIZE, width: IMAGE_SIZE }],
          },
        ];
        break;
      case 'classifications':
        item.classifications = [
          { marketplaceId, classifications: [{ displayName: c.classificationName, classificationId: c.classificationId }] },
        ];
        break;
      case 'salesRanks':
        item.salesRanks = [
          {
            marketplaceId,
            classificationRanks: [
              { classificationId: c.classificationId, title: c.classificationName, rank: 1000 + Number(c.asin.replace(/\D/g, '')) },
            ],
          },
        ];
        break;
      case 'dimensions':
        item.dimensions = [{ marketplaceId }];
        break;
      case 'vendorDetails':
        break; // vendors only; sellers get nothing
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
  return {
    status: 200,
    body: {
      numberOfResults: hits.length,
      pagination: next ? { nextToken: next } : {},
      refinements: {
        brands: [...brandCounts].map(([brandName, numberOfResults]) => ({ brandName, numberOfResults })),
        classifications: [],
      },
      items: page.map((c) => itemBody(ctx, c, marketplaceId, included(ctx))),
    },
  };
};

const getCatalogItem: ApiHandler = (ctx) => {
  const [marketplaceId = ''] = requireMarketplaces(ctx, ctx.query.marketplaceIds);
  const c = ctx.sim.world.catalog.get(ctx.path.asin ?? '');
  if (!c || !c.marketplaceIds.includes(marketplaceId)) {
    throw new ApiError(404, 'NOT_FOUND', `Requested item '${ctx.path.asin}' not found in marketplace '${marketplaceId}'.`);
  }
  return { status: 200, body: itemBody(ctx, c, marketplaceId, included(ctx)) };
};

export const handlers: Record<string, ApiHandler> = { searchCatalogItems, getCatalogItem };
