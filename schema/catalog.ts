/**
 * Catalog schemas (products, inventory, websites, attributes, categories, sources, stocks): draft-07
 * literals with `$id`, registered by platform/swagger.ts so routes `$ref` them ('Product#'), and
 * shared with the admin for form validation. Field names are the API's (camelCase).
 */

export const PRODUCT_TYPES = ['simple', 'configurable', 'virtual', 'bundle', 'grouped', 'downloadable', 'giftcard'] as const;
export const PRODUCT_STATUSES = ['enabled', 'disabled'] as const;
export const VISIBILITIES = ['not_visible', 'catalog', 'search', 'catalog_search'] as const;
export const BACKORDERS = ['no', 'allow', 'allow_notify'] as const;
export const ATTRIBUTE_TYPES = ['text', 'textarea', 'int', 'decimal', 'boolean', 'select', 'multiselect', 'date'] as const;
export const ATTRIBUTE_SCOPES = ['global', 'website', 'store_view'] as const;
export const PRODUCT_SORTS = ['sku', 'name', 'type', 'status', 'price', 'salableQty', 'updatedAt'] as const;
/** Product types that hold no stock of their own (their children do). */
export const STOCKLESS_TYPES = ['configurable', 'bundle', 'grouped'] as const;

export type ProductType = (typeof PRODUCT_TYPES)[number];
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
export type Visibility = (typeof VISIBILITIES)[number];
export type Backorders = (typeof BACKORDERS)[number];
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];
export type AttributeScope = (typeof ATTRIBUTE_SCOPES)[number];
export type ProductSort = (typeof PRODUCT_SORTS)[number];

const money = { type: ['number', 'null'] } as const;
const dateOrNull = { type: ['string', 'null'], format: 'date' } as const;
const codes = { type: 'array', items: { type: 'string' } } as const;

/** The fields a product grid row and the product detail share. */
const productFields = {
  id: { type: 'integer' },
  sku: { type: 'string' },
  name: { type: 'string' },
  type: { type: 'string', enum: PRODUCT_TYPES },
  status: { type: 'string', enum: PRODUCT_STATUSES },
  visibility: { type: 'string', enum: VISIBILITIES },
  price: money,
  specialPrice: money,
  attributeSet: { type: 'string', description: 'Attribute set name' },
  websites: { ...codes, description: 'Website codes the product is assigned to' },
  salableQty: { type: 'number', description: 'Salable quantity in the stock asked for (see stockId)' },
  isSalable: { type: 'boolean' },
  manageStock: { type: 'boolean' },
  backorders: { type: 'string', enum: BACKORDERS },
  updatedAt: { type: 'string' },
} as const;
const productRequired = Object.keys(productFields) as (keyof typeof productFields)[];

export const productSchema = {
  $id: 'Product',
  type: 'object',
  required: productRequired,
  properties: productFields,
} as const;

export const productPageSchema = {
  $id: 'ProductPage',
  type: 'object',
  required: ['items', 'total', 'page', 'pageSize', 'stockId'],
  properties: {
    items: { type: 'array', items: { $ref: 'Product#' } },
    total: { type: 'integer' },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
    stockId: { type: ['integer', 'null'], description: 'The stock salable quantities were computed for' },
  },
} as const;

const attributeValue = { description: 'string, number, boolean, array of option labels (multiselect) or null' } as const;

export const productDetailSchema = {
  $id: 'ProductDetail',
  type: 'object',
  required: [
    ...productRequired,
    'stockId',
    'categories',
    'attributes',
    'stockSettings',
    'sourceItems',
    'salable',
    'superAttributes',
    'children',
    'parents',
  ],
  properties: {
    ...productFields,
    stockId: { type: ['integer', 'null'], description: 'The stock of salableQty/isSalable and of the children' },
    attributeSetCode: { type: 'string' },
    specialPriceFrom: { type: ['string', 'null'] },
    specialPriceTo: { type: ['string', 'null'] },
    weight: money,
    createdAt: { type: 'string' },
    categories: { ...codes, description: 'Category paths ("Default Category/Gear/Bags")' },
    attributes: {
      type: 'array',
      description: "The custom attributes of the product's attribute set, and any other custom attribute it has a value for",
      items: {
        type: 'object',
        required: ['code', 'label', 'type', 'scope', 'value', 'storeValues'],
        properties: {
          code: { type: 'string' },
          label: { type: 'string' },
          type: { type: 'string', enum: ATTRIBUTE_TYPES },
          scope: { type: 'string', enum: ATTRIBUTE_SCOPES },
          isRequired: { type: 'boolean' },
          options: { ...codes, description: 'Option labels (select and multiselect)' },
          value: attributeValue,
          storeValues: { type: 'object', additionalProperties: attributeValue, description: 'Per store view code' },
        },
      },
    },
    stockSettings: {
      type: 'object',
      required: ['manageStock', 'backorders', 'minQty'],
      properties: { manageStock: { type: 'boolean' }, backorders: { type: 'string', enum: BACKORDERS }, minQty: { type: 'number' } },
    },
    sourceItems: {
      type: 'array',
      items: {
        type: 'object',
        required: ['sourceCode', 'sourceName', 'sourceEnabled', 'quantity', 'inStock'],
        properties: {
          sourceCode: { type: 'string' },
          sourceName: { type: 'string' },
          sourceEnabled: { type: 'boolean' },
          quantity: { type: 'number' },
          inStock: { type: 'boolean' },
        },
      },
    },
    salable: {
      type: 'array',
      items: {
        type: 'object',
        required: ['stockId', 'stockName', 'websites', 'salableQty', 'isSalable'],
        properties: {
          stockId: { type: 'integer' },
          stockName: { type: 'string' },
          websites: codes,
          salableQty: { type: 'number' },
          isSalable: { type: 'boolean' },
        },
      },
    },
    superAttributes: {
      type: 'array',
      items: { type: 'object', required: ['code', 'label'], properties: { code: { type: 'string' }, label: { type: 'string' } } },
    },
    children: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'sku', 'name', 'status', 'price', 'superAttributeValues', 'salableQty'],
        properties: {
          id: { type: 'integer' },
          sku: { type: 'string' },
          name: { type: 'string' },
          type: { type: 'string', enum: PRODUCT_TYPES },
          status: { type: 'string', enum: PRODUCT_STATUSES },
          price: money,
          superAttributeValues: { type: 'object', additionalProperties: attributeValue },
          salableQty: { type: 'number' },
          isSalable: { type: 'boolean' },
        },
      },
    },
    parents: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'sku', 'name'],
        properties: {
          id: { type: 'integer' },
          sku: { type: 'string' },
          name: { type: 'string' },
          type: { type: 'string', enum: PRODUCT_TYPES },
        },
      },
    },
  },
} as const;

/** Query of GET /api/catalog/products and products.csv (inline in the routes: Fastify expands it into parameters). */
export const productListQuerySchema = {
  type: 'object',
  properties: {
    page: { type: 'integer', minimum: 1, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    sort: { type: 'string', enum: PRODUCT_SORTS, default: 'sku' },
    dir: { type: 'string', enum: ['asc', 'desc'], default: 'asc' },
    sku: { type: 'string', maxLength: 64, description: 'SKU contains (case-insensitive)' },
    name: { type: 'string', maxLength: 255, description: 'Name contains (case-insensitive)' },
    q: { type: 'string', maxLength: 255, description: 'SKU or name contains' },
    type: { type: 'string', enum: PRODUCT_TYPES },
    status: { type: 'string', enum: PRODUCT_STATUSES },
    visibility: { type: 'string', enum: VISIBILITIES },
    website: { type: 'string', maxLength: 32, description: 'Website code the product is assigned to' },
    stock: {
      type: 'integer',
      minimum: 1,
      description: "Stock id for salable quantities; default: the website filter's stock, else the default website's",
    },
    salableMin: { type: 'number' },
    salableMax: { type: 'number' },
    attr: {
      type: 'array',
      maxItems: 20,
      items: { type: 'string', pattern: '^[a-z][a-z0-9_]*:', maxLength: 320 },
      description: '"code:value", repeatable: the attribute has exactly this value (multiselect: one of its values)',
    },
  },
} as const;

export const productPatchBodySchema = {
  $id: 'ProductPatchBody',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 255 },
    price: { type: 'number', minimum: 0, maximum: 99999999 },
    specialPrice: { type: ['number', 'null'], minimum: 0, maximum: 99999999 },
    specialPriceFrom: dateOrNull,
    specialPriceTo: dateOrNull,
    status: { type: 'string', enum: PRODUCT_STATUSES },
    visibility: { type: 'string', enum: VISIBILITIES },
    weight: { type: ['number', 'null'], minimum: 0, maximum: 99999999 },
    attributes: {
      type: 'object',
      description: 'Default-scope values by attribute code; null removes the value. Checked against the attribute type.',
      // No type here: the service checks each value against its attribute's type and names the field.
      additionalProperties: { description: 'string, number, boolean, array of option labels (multiselect) or null' },
    },
  },
} as const;

export const sourceItemBodySchema = {
  $id: 'SourceItemBody',
  type: 'object',
  required: ['quantity', 'inStock'],
  additionalProperties: false,
  properties: { quantity: { type: 'number', minimum: 0, maximum: 99999999 }, inStock: { type: 'boolean' } },
} as const;

export const stockSettingsBodySchema = {
  $id: 'StockSettingsBody',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    manageStock: { type: 'boolean' },
    backorders: { type: 'string', enum: BACKORDERS },
    minQty: { type: 'number', minimum: -99999999, maximum: 99999999, description: 'Out-of-stock threshold; below 0 only with backorders' },
  },
} as const;

export const reservationBodySchema = {
  $id: 'ReservationBody',
  type: 'object',
  required: ['sku', 'stockId', 'quantity', 'reason'],
  additionalProperties: false,
  properties: {
    sku: { type: 'string', minLength: 1, maxLength: 64 },
    stockId: { type: 'integer', minimum: 1 },
    quantity: {
      type: 'number',
      minimum: -99999999,
      maximum: 99999999,
      description: 'Not 0. Negative holds stock (an order), positive releases it',
    },
    reason: { type: 'string', minLength: 1, maxLength: 64 },
    reference: { type: ['string', 'null'], maxLength: 255 },
  },
} as const;

export const reservationSchema = {
  $id: 'Reservation',
  type: 'object',
  required: ['id', 'sku', 'stockId', 'quantity', 'reason', 'reference', 'createdAt', 'salableQty', 'isSalable'],
  properties: {
    id: { type: 'integer' },
    sku: { type: 'string' },
    stockId: { type: 'integer' },
    quantity: { type: 'number' },
    reason: { type: 'string' },
    reference: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    salableQty: { type: 'number', description: 'The SKU’s salable quantity in the stock after this reservation' },
    isSalable: { type: 'boolean' },
  },
} as const;

export const storeViewSchema = {
  $id: 'StoreView',
  type: 'object',
  required: ['id', 'code', 'name', 'locale', 'isActive'],
  properties: {
    id: { type: 'integer' },
    code: { type: 'string' },
    name: { type: 'string' },
    locale: { type: 'string' },
    isActive: { type: 'boolean' },
  },
} as const;

export const websiteSchema = {
  $id: 'Website',
  type: 'object',
  required: ['id', 'code', 'name', 'baseCurrency', 'isDefault', 'stockId', 'storeViews'],
  properties: {
    id: { type: 'integer' },
    code: { type: 'string' },
    name: { type: 'string' },
    baseCurrency: { type: 'string' },
    isDefault: { type: 'boolean' },
    stockId: { type: ['integer', 'null'], description: 'The stock this website sells from' },
    storeViews: { type: 'array', items: { $ref: 'StoreView#' } },
  },
} as const;

export const attributeSchema = {
  $id: 'Attribute',
  type: 'object',
  required: ['id', 'code', 'label', 'type', 'scope', 'isRequired', 'isSystem', 'options'],
  properties: {
    id: { type: 'integer' },
    code: { type: 'string' },
    label: { type: 'string' },
    type: { type: 'string', enum: ATTRIBUTE_TYPES },
    scope: { type: 'string', enum: ATTRIBUTE_SCOPES },
    isRequired: { type: 'boolean' },
    isSystem: { type: 'boolean', description: 'Held in a product column (name, price…), not as an attribute value' },
    options: { ...codes, description: 'Option labels in sort order (select and multiselect)' },
  },
} as const;

export const createAttributeBodySchema = {
  $id: 'CreateAttributeBody',
  type: 'object',
  required: ['code', 'label', 'type'],
  additionalProperties: false,
  properties: {
    code: { type: 'string', pattern: '^[a-z][a-z0-9_]*$', maxLength: 64 },
    label: { type: 'string', minLength: 1, maxLength: 255 },
    type: { type: 'string', enum: ATTRIBUTE_TYPES },
    scope: { type: 'string', enum: ATTRIBUTE_SCOPES, default: 'store_view' },
    isRequired: { type: 'boolean', default: false },
    options: {
      type: 'array',
      maxItems: 1000,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[^,]*$' },
    },
    attributeSets: { ...codes, description: 'Attribute set codes to add the attribute to' },
  },
} as const;

export const attributeSetSchema = {
  $id: 'AttributeSet',
  type: 'object',
  required: ['id', 'code', 'name', 'attributes'],
  properties: {
    id: { type: 'integer' },
    code: { type: 'string' },
    name: { type: 'string' },
    attributes: { ...codes, description: 'Attribute codes' },
  },
} as const;

export const categorySchema = {
  $id: 'Category',
  type: 'object',
  required: ['id', 'parentId', 'name', 'path', 'level'],
  properties: {
    id: { type: 'integer' },
    parentId: { type: ['integer', 'null'] },
    name: { type: 'string' },
    path: { type: 'string' },
    level: { type: 'integer' },
    productCount: { type: 'integer' },
    children: { type: 'array', items: { $ref: 'Category#' }, description: 'Only with format=tree' },
  },
} as const;

const stockSourceLink = {
  type: 'object',
  required: ['code', 'name', 'enabled', 'priority'],
  properties: { code: { type: 'string' }, name: { type: 'string' }, enabled: { type: 'boolean' }, priority: { type: 'integer' } },
} as const;

export const sourceSchema = {
  $id: 'Source',
  type: 'object',
  required: ['code', 'name', 'enabled', 'country', 'description', 'stocks'],
  properties: {
    code: { type: 'string' },
    name: { type: 'string' },
    enabled: { type: 'boolean' },
    country: { type: 'string' },
    description: { type: ['string', 'null'] },
    stocks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'priority'],
        properties: { id: { type: 'integer' }, name: { type: 'string' }, priority: { type: 'integer' } },
      },
    },
    itemCount: { type: 'integer', description: 'Source items (SKUs) held by this source' },
  },
} as const;

export const stockSchema = {
  $id: 'Stock',
  type: 'object',
  required: ['id', 'name', 'sources', 'websites'],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    sources: { type: 'array', items: stockSourceLink, description: 'By priority' },
    websites: codes,
  },
} as const;

export const catalogSchemas = [
  productSchema,
  productPageSchema,
  productDetailSchema,
  productPatchBodySchema,
  sourceItemBodySchema,
  stockSettingsBodySchema,
  reservationBodySchema,
  reservationSchema,
  storeViewSchema,
  websiteSchema,
  attributeSchema,
  createAttributeBodySchema,
  attributeSetSchema,
  categorySchema,
  sourceSchema,
  stockSchema,
] as const;
