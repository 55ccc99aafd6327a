/**
 * Amazon order import (backend/src/amazon-orders/): a store's order settings, the import records the workbench
 * shows, and SKU mappings. Draft-07 literals with `$id`, registered by platform/swagger.ts and shared with the admin.
 * The import states are defined here once.
 */
import { CUSTOMER_MODES, type CustomerMode } from './stores';

/** reserved: a Pending order holds stock, no order yet; imported: the order exists; needs_attention: kept with its reason; skipped: by a setting. */
export const IMPORT_STATES = ['reserved', 'imported', 'needs_attention', 'skipped'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];
export const ORDER_NUMBERING = ['amazon', 'sequence'] as const;
/** Amazon statuses an imported order moves to (status mapping keys). */
export const MAPPED_AMAZON_STATUSES = ['unshipped', 'shipped', 'canceled'] as const;
export type MappedAmazonStatus = (typeof MAPPED_AMAZON_STATUSES)[number];

export interface ShippingMethodMapping {
  /** Amazon's service level as it sends it: Standard, Expedited, SecondDay, NextDay, SameDay, Scheduled, FreeEconomy, Priority… */
  serviceLevel: string;
  code: string;
  title: string;
}

export interface OrderImportSettings {
  /** The store setting `importOrders` (kept on the store). */
  importOrders: boolean;
  /** The store setting `customerMode` (kept on the store): guest orders, or customers created/matched by e-mail. */
  customerMode: CustomerMode;
  importMerchantFulfilled: boolean;
  importAmazonFulfilled: boolean;
  /** Pending (not paid yet) orders reserve stock; the order is created when Amazon shows them Unshipped. */
  reservePending: boolean;
  /** Days after which a reservation of an order that could not be created (Pending, or needing attention) is released. */
  releaseReservationAfterDays: number;
  numbering: (typeof ORDER_NUMBERING)[number];
  /** With `sequence`: the prefix before the store view's number (AMZ-000000042). */
  numberPrefix: string;
  /** Amazon status → the commerce status the order gets (a status code of the state it lands in). */
  statusMapping: Record<MappedAmazonStatus, string>;
  shippingMethods: ShippingMethodMapping[];
  /** A store view (code) of the store's website; null = the website's first. */
  storeViewCode: string | null;
  /** Orders placed before this instant are never imported (ISO 8601); null = no limit. */
  importStartDate: string | null;
  /** Bill the Amazon payment on import: one paid invoice of the whole order (app.sales.invoices), with the order. */
  createInvoice: boolean;
}

export const DEFAULT_SHIPPING_METHODS: ShippingMethodMapping[] = [
  { serviceLevel: 'Standard', code: 'amazon_standard', title: 'Amazon Standard' },
  { serviceLevel: 'Expedited', code: 'amazon_expedited', title: 'Amazon Expedited' },
  { serviceLevel: 'SecondDay', code: 'amazon_second_day', title: 'Amazon Second Day' },
  { serviceLevel: 'NextDay', code: 'amazon_next_day', title: 'Amazon Next Day' },
  { serviceLevel: 'SameDay', code: 'amazon_same_day', title: 'Amazon Same Day' },
  { serviceLevel: 'Scheduled', code: 'amazon_scheduled', title: 'Amazon Scheduled Delivery' },
  { serviceLevel: 'FreeEconomy', code: 'amazon_free_economy', title: 'Amazon Free Economy' },
  { serviceLevel: 'Priority', code: 'amazon_priority', title: 'Amazon Priority' },
];

/** Defaults of what is not a store setting (importOrders and customerMode come from the store). */
export const DEFAULT_ORDER_IMPORT_SETTINGS: Omit<OrderImportSettings, 'importOrders' | 'customerMode'> = {
  importMerchantFulfilled: true,
  importAmazonFulfilled: false,
  reservePending: true,
  releaseReservationAfterDays: 3,
  numbering: 'amazon',
  numberPrefix: 'AMZ-',
  statusMapping: { unshipped: 'processing', shipped: 'complete', canceled: 'canceled' },
  shippingMethods: DEFAULT_SHIPPING_METHODS,
  storeViewCode: null,
  importStartDate: null,
  createInvoice: true,
};

const statusCode = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,31}$' } as const;

const settingsProperties = {
  importOrders: { type: 'boolean', description: 'Import Amazon orders (the store setting of the same name)' },
  customerMode: { type: 'string', enum: CUSTOMER_MODES, description: 'guest orders, or customers created/matched by e-mail' },
  importMerchantFulfilled: { type: 'boolean', description: 'Import merchant-fulfilled (MFN) orders' },
  importAmazonFulfilled: {
    type: 'boolean',
    description: 'Import Amazon-fulfilled (FBA) orders: they come in shipped and reserve no stock',
  },
  reservePending: {
    type: 'boolean',
    description: 'Pending (unpaid) orders reserve stock; the order is created once Amazon shows it Unshipped',
  },
  releaseReservationAfterDays: { type: 'integer', minimum: 1, maximum: 30 },
  numbering: { type: 'string', enum: ORDER_NUMBERING, description: "Amazon's order id, or the commerce sequence with numberPrefix" },
  numberPrefix: { type: 'string', pattern: '^[A-Za-z0-9_-]{0,10}$' },
  statusMapping: {
    type: 'object',
    additionalProperties: false,
    required: [...MAPPED_AMAZON_STATUSES],
    properties: { unshipped: statusCode, shipped: statusCode, canceled: statusCode },
  },
  shippingMethods: {
    type: 'array',
    maxItems: 50,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['serviceLevel', 'code', 'title'],
      properties: {
        serviceLevel: { type: 'string', minLength: 1, maxLength: 60 },
        code: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,59}$' },
        title: { type: 'string', minLength: 1, maxLength: 120 },
      },
    },
  },
  storeViewCode: { type: ['string', 'null'], maxLength: 64 },
  importStartDate: { type: ['string', 'null'], format: 'date-time' },
  createInvoice: { type: 'boolean' },
} as const;

export const orderImportSettingsSchema = {
  $id: 'OrderImportSettings',
  type: 'object',
  additionalProperties: false,
  required: Object.keys(settingsProperties),
  properties: settingsProperties,
} as const;

/** A partial update (PUT merges it over the current settings). */
export const orderImportSettingsPatchSchema = {
  $id: 'OrderImportSettingsPatch',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: settingsProperties,
} as const;

export const orderImportRecordSchema = {
  $id: 'OrderImportRecord',
  type: 'object',
  required: [
    'id',
    'storeId',
    'amazonOrderId',
    'state',
    'reason',
    'attempts',
    'lastError',
    'amazonStatus',
    'orderId',
    'unknownSkus',
    'updatedAt',
  ],
  properties: {
    id: { type: 'integer' },
    storeId: { type: 'integer' },
    amazonOrderId: { type: 'string' },
    state: { type: 'string', enum: IMPORT_STATES },
    reason: { type: ['string', 'null'], description: 'Why it is not imported, in plain words' },
    attempts: { type: 'integer' },
    lastError: { type: ['string', 'null'] },
    amazonStatus: { type: ['string', 'null'] },
    orderId: { type: ['integer', 'null'] },
    unknownSkus: { type: 'array', items: { type: 'string' }, description: 'Seller SKUs that matched no product: map them, then retry' },
    updatedAt: { type: 'string' },
  },
} as const;

export const skuMappingSchema = {
  $id: 'OrderSkuMapping',
  type: 'object',
  required: ['storeId', 'sellerSku', 'sku'],
  properties: { storeId: { type: 'integer' }, sellerSku: { type: 'string' }, sku: { type: 'string' } },
} as const;

const count = { type: 'integer', minimum: 0 } as const;

/** What one "Import now" did (POST /api/stores/:storeId/amazon-orders/import). */
export const importRunSchema = {
  type: 'object',
  required: ['orders', 'created', 'updated', 'reserved', 'needsAttention', 'skipped', 'failed', 'released', 'retried'],
  properties: {
    orders: count,
    created: count,
    updated: count,
    reserved: count,
    needsAttention: count,
    skipped: count,
    failed: count,
    released: count,
    retried: count,
    // searchOrders pages handled; stores whose run stopped before its last page (the next run resumes there).
    pages: count,
    unfinished: count,
  },
} as const;

/** What importing (or retrying) one Amazon order did. */
export const importOutcomeSchema = {
  type: 'object',
  required: ['amazonOrderId', 'action'],
  properties: {
    amazonOrderId: { type: 'string' },
    action: {
      type: 'string',
      description: 'created, reserved, updated, unchanged, skipped, needs_attention, stale, off, failed, not_found',
    },
    state: { type: ['string', 'null'], enum: [...IMPORT_STATES, null] },
    orderId: { type: ['integer', 'null'] },
    reason: { type: ['string', 'null'] },
  },
} as const;

/** Retry all (POST /api/amazon-orders/attention/retry). */
export const retryAllResultSchema = {
  type: 'object',
  required: ['retried', 'imported', 'needsAttention'],
  properties: { retried: count, imported: count, needsAttention: count },
} as const;

/** The workbench's page (GET /api/amazon-orders/attention): orders needing attention, and counts per store. */
export const attentionPageSchema = {
  type: 'object',
  required: ['items', 'total', 'page', 'pageSize', 'counts'],
  properties: {
    items: { type: 'array', items: orderImportRecordSchema },
    total: count,
    page: count,
    pageSize: count,
    counts: {
      type: 'array',
      items: { type: 'object', required: ['storeId', 'count'], properties: { storeId: { type: 'integer' }, count: count } },
    },
  },
} as const;

export const amazonOrdersSchemas = [
  orderImportSettingsSchema,
  orderImportSettingsPatchSchema,
  orderImportRecordSchema,
  skuMappingSchema,
] as const;
