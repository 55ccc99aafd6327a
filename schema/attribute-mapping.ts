/**
 * The Attributes page: Amazon attributes mapped to catalog attributes per marketplace (draft-07 literals
 * with `$id`; registered with the stores schemas by platform/swagger.ts).
 */

const str = { type: 'string' } as const;

/**
 * The product's own fields a mapping may take its value from, beside the catalog attributes: they are columns of the
 * product, not attributes, in this catalog (Magento's system attributes). Their codes win over an attribute with the
 * same code. They are sources for what the channel sends Amazon; an import of Amazon values never writes them.
 */
export const PRODUCT_FIELD_SOURCES = [
  { code: 'name', label: 'Product name' },
  { code: 'sku', label: 'SKU' },
  { code: 'price', label: 'Price' },
] as const;
export type ProductFieldSource = (typeof PRODUCT_FIELD_SOURCES)[number]['code'];
export const isProductFieldSource = (code: string): code is ProductFieldSource => PRODUCT_FIELD_SOURCES.some((f) => f.code === code);

const country = {
  type: 'string',
  pattern: '^[A-Za-z]{2}$',
  description: 'Marketplace country (ISO 3166 alpha-2: US, CA, MX, GB, DE, FR, IT, ES, JP, AU)',
} as const;

export const amazonAttributeSchema = {
  $id: 'AmazonAttribute',
  type: 'object',
  required: ['code', 'label', 'description'],
  properties: { code: str, label: str, description: str },
} as const;

const storeViewCodes = {
  type: 'array',
  uniqueItems: true,
  maxItems: 100,
  items: { type: 'string', minLength: 1, maxLength: 64 },
  description: 'Store view codes that receive imported values; empty = the default (global) value',
} as const;

const mappingWritable = {
  catalogAttribute: {
    type: 'string',
    minLength: 1,
    maxLength: 64,
    description: 'Catalog attribute code, or one of the product fields name, sku, price',
  },
  isActive: { type: 'boolean', default: true },
  overwriteExisting: { type: 'boolean', default: false, description: 'Imported Amazon values replace catalog values that are already set' },
  storeViews: { ...storeViewCodes, default: [] },
} as const;

export const attributeMappingSchema = {
  $id: 'AttributeMapping',
  type: 'object',
  required: [
    'id',
    'country',
    'marketplaceId',
    'amazonAttribute',
    'catalogAttribute',
    'source',
    'isActive',
    'overwriteExisting',
    'storeViews',
    'createdAt',
    'updatedAt',
  ],
  properties: {
    id: { type: 'integer' },
    country: str,
    marketplaceId: str,
    amazonAttribute: str,
    catalogAttribute: str,
    source: {
      type: 'string',
      enum: ['product_field', 'attribute'],
      description: "product_field: catalogAttribute is the product's name, sku or price; attribute: a catalog attribute",
    },
    isActive: { type: 'boolean' },
    overwriteExisting: { type: 'boolean' },
    storeViews: { type: 'array', items: str },
    createdAt: str,
    updatedAt: str,
  },
} as const;

export const createAttributeMappingBodySchema = {
  $id: 'CreateAttributeMappingBody',
  type: 'object',
  additionalProperties: false,
  required: ['country', 'amazonAttribute', 'catalogAttribute'],
  properties: { country, amazonAttribute: { type: 'string', minLength: 1, maxLength: 96 }, ...mappingWritable },
} as const;

export const updateAttributeMappingBodySchema = {
  $id: 'UpdateAttributeMappingBody',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    catalogAttribute: mappingWritable.catalogAttribute,
    isActive: { type: 'boolean' },
    overwriteExisting: { type: 'boolean' },
    storeViews: storeViewCodes,
  },
} as const;

export const attributeMappingSchemas = [
  amazonAttributeSchema,
  attributeMappingSchema,
  createAttributeMappingBodySchema,
  updateAttributeMappingBodySchema,
] as const;
