/**
 * Product Type Definitions 2020-09-01: searchDefinitionsProductTypes (by keywords or by an item name, never
 * both) and getDefinitionsProductType, from the world's product-type table (../product-types.ts). The schema
 * and its meta-schema are JSON documents on the document host, linked with a pre-signed URL and an MD5
 * checksum, as Amazon links them. Errors of the listings services' own checks carry code BAD_REQUEST.
 */
import { createHash } from 'node:crypto';
import { createDocument, presignedUrl } from '../documents';
import type { ProductTypeDefinition } from '../product-types';
import { ApiError, requireMarketplaces, requireSeller, type ApiContext, type ApiHandler } from './types';

export const modelId = 'definitionsProductTypes_2020-09-01';

const badRequest = (message: string) => new ApiError(400, 'BAD_REQUEST', message);

const offeredIn = (t: ProductTypeDefinition, marketplaceId: string) => !t.marketplaceIds || t.marketplaceIds.includes(marketplaceId);

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1);

const searchDefinitionsProductTypes: ApiHandler = (ctx) => {
  const marketplaceIds = requireMarketplaces(ctx, ctx.query.marketplaceIds);
  const keywords = ctx.query.keywords as string[] | undefined;
  const itemName = ctx.query.itemName as string | undefined;
  if (keywords && itemName) throw badRequest("'keywords' and 'itemName' cannot be used in the same request.");
  const wanted = keywords ? keywords.flatMap(words) : itemName ? words(itemName) : null;
  const hits = [...ctx.sim.world.productTypes.values()].filter((t) => {
    if (!marketplaceIds.some((m) => offeredIn(t, m))) return false;
    if (!wanted) return true;
    const own = new Set([...words(t.name.replace(/_/g, ' ')), ...words(t.displayName)]);
    return wanted.some((w) => own.has(w) || own.has(w.replace(/s$/, '')));
  });
  return {
    status: 200,
    body: {
      productTypes: hits.map((t) => ({
        name: t.name,
        displayName: t.displayName,
        marketplaceIds: marketplaceIds.filter((m) => offeredIn(t, m)),
      })),
      productTypeVersion: ctx.sim.world.productTypesVersion,
    },
  };
};

/** A JSON Schema (draft 2019-09, as Amazon's) for the product type; the meta-schema is Amazon's vocabulary. */
function schemaOf(t: ProductTypeDefinition, requirements: string): Record<string, unknown> {
  const names = Object.values(t.propertyGroups).flatMap((g) => g.propertyNames);
  const offerOnly = requirements === 'LISTING_OFFER_ONLY';
  const productOnly = requirements === 'LISTING_PRODUCT_ONLY';
  const required = t.required.filter((n) => (offerOnly ? n === 'condition_type' : productOnly ? n !== 'condition_type' : true));
  return {
    $schema: 'https://schemas.amazon.com/selling-partners/definitions/product-types/meta-schema/v1',
    $id: `https://schemas.amazon.com/selling-partners/definitions/product-types/schema/v1/${t.name}`,
    title: `Amazon Product Type Definition for ${t.displayName}`,
    type: 'object',
    required,
    properties: Object.fromEntries(names.map((n) => [n, { title: n, type: 'array', minItems: 1, items: { type: 'object' } }])),
  };
}

const META_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2019-09/schema',
  $id: 'https://schemas.amazon.com/selling-partners/definitions/product-types/meta-schema/v1',
  title: 'Amazon Product Type Definition Meta-Schema',
  $ref: 'https://json-schema.org/draft/2019-09/schema',
};

/** Stores a JSON document under a stable id (one per product type and version) and links it. */
function linked(ctx: ApiContext, sellerId: string, documentId: string, json: unknown) {
  const body = Buffer.from(JSON.stringify(json));
  const doc = createDocument(ctx.sim.world, ctx.documentBaseUrl, {
    documentId,
    contentType: 'application/json',
    body,
    writable: false,
    sellerId,
    region: ctx.region,
  });
  return {
    link: { resource: presignedUrl(ctx.sim.world, ctx.documentBaseUrl, doc), verb: 'GET' },
    checksum: createHash('md5').update(body).digest('hex'),
  };
}

const getDefinitionsProductType: ApiHandler = (ctx) => {
  const seller = requireSeller(ctx);
  const marketplaceIds = requireMarketplaces(ctx, ctx.query.marketplaceIds);
  const name = ctx.path.productType ?? '';
  const t = ctx.sim.world.productTypes.get(name);
  if (!t || !marketplaceIds.every((m) => offeredIn(t, m)))
    throw badRequest(`Product type '${name}' is not available in marketplace ${marketplaceIds.join(', ')}.`);
  const asked = ctx.query.productTypeVersion as string | undefined;
  if (asked && asked !== 'LATEST' && asked !== t.version) throw badRequest(`Unknown productTypeVersion '${asked}' for ${name}.`);
  const requirements = (ctx.query.requirements as string | undefined) ?? 'LISTING';
  const locale = (ctx.query.locale as string | undefined) ?? 'DEFAULT';
  const language = ctx.sim.world.marketplaces.get(marketplaceIds[0] ?? '')?.defaultLanguageCode ?? 'en_US';
  return {
    status: 200,
    body: {
      metaSchema: linked(ctx, seller.sellerId, 'product-types/meta-schema-v1.json', META_SCHEMA),
      schema: linked(ctx, seller.sellerId, `product-types/${name}-${t.version}-${requirements}.json`, schemaOf(t, requirements)),
      requirements,
      requirementsEnforced: (ctx.query.requirementsEnforced as string | undefined) ?? 'ENFORCED',
      propertyGroups: t.propertyGroups,
      locale: locale === 'DEFAULT' ? language : locale,
      marketplaceIds,
      productType: t.name,
      displayName: t.displayName,
      productTypeVersion: { version: t.version, latest: true, releaseCandidate: false },
    },
  };
};

export const handlers: Record<string, ApiHandler> = { searchDefinitionsProductTypes, getDefinitionsProductType };
