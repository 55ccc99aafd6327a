/**
 * Searching Amazon's catalog for a listing's Resolve dialog (backend/src/listings/catalog-search.*): by keywords
 * or by one identifier, in the store's marketplace. Draft-07 literals with `$id`, registered through
 * `listingsSchemas` in listings.ts (which re-exports this file) and shared with the admin.
 */

/** Identifier types Amazon's catalog search takes (`identifiersType`). */
export const CATALOG_IDENTIFIER_TYPES = ['ASIN', 'EAN', 'UPC', 'ISBN'] as const;
export type CatalogIdentifierType = (typeof CATALOG_IDENTIFIER_TYPES)[number];

export const catalogSearchQuerySchema = {
  $id: 'CatalogSearchQuery',
  type: 'object',
  additionalProperties: false,
  properties: {
    keywords: { type: 'string', minLength: 1, maxLength: 200, description: 'Words of the title or brand (give these or an identifier)' },
    identifier: { type: 'string', pattern: '^[A-Za-z0-9-]{1,40}$', description: 'An ASIN, EAN, UPC or ISBN value' },
    identifierType: { type: 'string', enum: CATALOG_IDENTIFIER_TYPES, description: 'Required with identifier' },
    pageToken: { type: 'string', minLength: 1, maxLength: 1024, description: 'nextPageToken of the previous page' },
  },
} as const;

export const catalogSearchItemSchema = {
  type: 'object',
  required: ['asin', 'title', 'brand', 'productType', 'classification', 'imageUrl', 'identifiers', 'variationParent'],
  properties: {
    asin: { type: 'string' },
    title: { type: ['string', 'null'] },
    brand: { type: ['string', 'null'] },
    productType: { type: ['string', 'null'], description: "Amazon's product type (e.g. LUGGAGE)" },
    classification: { type: ['string', 'null'], description: "Amazon's browse category" },
    imageUrl: {
      type: ['string', 'null'],
      description: "The main image through this service (/api/amazon-images/…), so the admin's page loads it from its own origin",
    },
    identifiers: {
      type: 'array',
      items: { type: 'object', required: ['type', 'value'], properties: { type: { type: 'string' }, value: { type: 'string' } } },
    },
    variationParent: { type: 'boolean', description: 'A variation family, not an item one can sell (its children are)' },
  },
} as const;

export const catalogSearchResultSchema = {
  $id: 'CatalogSearchResult',
  type: 'object',
  required: ['numberOfResults', 'items', 'nextPageToken'],
  properties: {
    numberOfResults: { type: 'integer', description: 'All matches on Amazon (this page holds up to 10)' },
    items: { type: 'array', items: catalogSearchItemSchema },
    nextPageToken: { type: ['string', 'null'] },
  },
} as const;

export const catalogSearchSchemas = [catalogSearchQuerySchema, catalogSearchResultSchema] as const;
