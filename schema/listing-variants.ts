/**
 * Variants of a parent listing, added or removed by hand (backend/src/listings/variants.*). Draft-07 literals
 * used inline by the routes (no `$id`: nothing else `$ref`s them) and by the admin for its types and its check
 * of the body before sending.
 */
import { LISTING_STATUSES } from './listings';

/** listed: a child listing under the parent; removed: taken out by hand; not_listed: never listed (yet). */
export const VARIANT_STATES = ['listed', 'removed', 'not_listed'] as const;
export type VariantState = (typeof VARIANT_STATES)[number];

export const listingVariantSchema = {
  type: 'object',
  required: ['productId', 'sku', 'name', 'type', 'enabled', 'attributes', 'state', 'listing', 'removedAt', 'removedBy', 'cannotAdd'],
  properties: {
    productId: { type: 'integer' },
    sku: { type: 'string' },
    name: { type: 'string' },
    type: { type: 'string', description: 'Catalog product type; only simple products can be variations' },
    enabled: { type: 'boolean', description: 'The catalog product is enabled' },
    attributes: {
      type: 'object',
      additionalProperties: { type: ['string', 'null'] },
      description: "The product's values of the parent's super attributes (the variation theme), by attribute code",
    },
    state: { type: 'string', enum: VARIANT_STATES },
    listing: {
      type: ['object', 'null'],
      required: ['id', 'status', 'asin'],
      properties: { id: { type: 'integer' }, status: { type: 'string', enum: LISTING_STATUSES }, asin: { type: ['string', 'null'] } },
      description: 'Its child listing, when it has one (a variant removed by hand keeps its ended listing)',
    },
    removedAt: { type: ['string', 'null'], format: 'date-time' },
    removedBy: { type: ['string', 'null'] },
    cannotAdd: { type: ['string', 'null'], description: 'Why "Add to listing" would refuse it (null: it can be added, or is listed)' },
  },
} as const;

export const listingVariantsSchema = {
  type: 'object',
  required: ['parentListingId', 'variationTheme', 'superAttributes', 'variants'],
  properties: {
    parentListingId: { type: 'integer' },
    variationTheme: { type: ['string', 'null'] },
    superAttributes: { type: 'array', items: { type: 'string' }, description: "The configurable's super attribute codes, in order" },
    variants: { type: 'array', items: listingVariantSchema },
  },
} as const;

export const listingVariantsBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['productIds'],
  properties: {
    productIds: {
      type: 'array',
      minItems: 1,
      maxItems: 500,
      uniqueItems: true,
      items: { type: 'integer', minimum: 1 },
      description: 'Catalog ids of child products of the parent listing',
    },
  },
} as const;

export const listingVariantsResultSchema = {
  type: 'object',
  required: ['done', 'skipped', 'variants'],
  properties: {
    done: { type: 'array', items: { type: 'integer' }, description: 'Product ids added or removed' },
    skipped: {
      type: 'array',
      items: {
        type: 'object',
        required: ['productId', 'reason'],
        properties: { productId: { type: 'integer' }, reason: { type: 'string' } },
      },
    },
    variants: listingVariantsSchema,
  },
} as const;
