/**
 * Sales orders (backend/src/sales/): the Sales > Orders grid, the order page, status history comments and the
 * grid's saved views. Draft-07 literals with `$id`, registered by platform/swagger.ts and shared with the admin,
 * which derives its types from them. The order lifecycle's states and events are defined here once.
 */

/** Magento's order states; each has a default status of the same name (`new` → `pending`). */
export const ORDER_STATES = ['new', 'processing', 'complete', 'closed', 'canceled', 'holded'] as const;
/** What moves an order (backend/src/sales/lifecycle.ts has the table). */
export const ORDER_EVENTS = ['pay', 'ship', 'ship_partial', 'cancel', 'hold', 'unhold', 'refund'] as const;
export const ORDER_SOURCES = ['web', 'amazon'] as const;
export const FULFILLMENT_CHANNELS = ['MFN', 'AFN'] as const;
export const ORDER_SORTS = ['incrementId', 'purchasedAt', 'grandTotal', 'status', 'customerEmail', 'latestShipDate'] as const;

export type OrderState = (typeof ORDER_STATES)[number];
export type OrderEvent = (typeof ORDER_EVENTS)[number];
export type OrderSource = (typeof ORDER_SOURCES)[number];
export type FulfillmentChannel = (typeof FULFILLMENT_CHANNELS)[number];
export type OrderSort = (typeof ORDER_SORTS)[number];

/** Property names as a typed list, for `required`. */
const keys = <T extends object>(o: T) => Object.keys(o) as (keyof T & string)[];

const text = { type: 'string' } as const;
const textOrNull = { type: ['string', 'null'] } as const;
const money = { type: 'number' } as const;
const time = { type: 'string', description: 'ISO 8601, UTC' } as const;
const timeOrNull = { type: ['string', 'null'], description: 'ISO 8601, UTC' } as const;

/** The Amazon facts a grid row shows. */
const amazonSummaryFields = {
  storeId: { type: 'integer' },
  marketplaceId: text,
  marketplaceCountry: { ...textOrNull, description: 'Country code of the marketplace (US, DE…); null for one the channel does not know' },
  amazonOrderId: text,
  amazonStatus: { ...text, description: "Amazon's order status as last seen (Pending, Unshipped, Shipped, Canceled…)" },
  fulfillmentChannel: { type: 'string', enum: FULFILLMENT_CHANNELS },
  purchaseDate: time,
  latestShipDate: { ...timeOrNull, description: 'Ship by' },
  isPrime: { type: 'boolean' },
  isBusiness: { type: 'boolean' },
} as const;

const orderRowFields = {
  id: { type: 'integer' },
  incrementId: { ...text, description: 'The order number' },
  source: { type: 'string', enum: ORDER_SOURCES },
  websiteId: { type: 'integer' },
  storeViewId: { type: 'integer' },
  state: { type: 'string', enum: ORDER_STATES },
  status: text,
  customerEmail: text,
  customerName: { ...textOrNull, description: 'First and last name on the order' },
  shipToName: { ...textOrNull, description: 'Name on the shipping address' },
  orderCurrencyCode: text,
  grandTotal: money,
  baseGrandTotal: money,
  totalQtyOrdered: { type: 'number' },
  purchasedAt: { ...time, description: 'When the buyer ordered (Amazon: its purchase date)' },
  createdAt: time,
  amazon: {
    type: ['object', 'null'],
    required: keys(amazonSummaryFields),
    properties: amazonSummaryFields,
    description: 'Amazon orders only',
  },
} as const;

// Inline where the admin derives types (its FromSchema does not follow `$ref`); the `$id` forms are for OpenAPI and forms.
const orderRow = { type: 'object', required: keys(orderRowFields), properties: orderRowFields } as const;

export const salesOrderSchema = { $id: 'SalesOrder', ...orderRow } as const;

export const salesOrderPageSchema = {
  $id: 'SalesOrderPage',
  type: 'object',
  required: ['items', 'total', 'page', 'pageSize'],
  properties: {
    items: { type: 'array', items: orderRow },
    total: { type: 'integer' },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
  },
} as const;

const totalsFields = {
  subtotal: money,
  taxAmount: { ...money, description: 'All tax, the shipping tax included' },
  shippingAmount: money,
  shippingTaxAmount: money,
  discountAmount: { ...money, description: 'Positive: grand total = subtotal + shipping + tax − discount' },
  grandTotal: money,
} as const;
const totals = { type: 'object', required: keys(totalsFields), properties: totalsFields } as const;

const itemFields = {
  id: { type: 'integer' },
  sku: text,
  productId: { type: ['integer', 'null'], description: 'The catalog product the SKU named; null when none' },
  name: text,
  qtyOrdered: { type: 'number' },
  qtyInvoiced: { type: 'number' },
  qtyShipped: { type: 'number' },
  qtyRefunded: { type: 'number' },
  qtyCanceled: { type: 'number' },
  price: money,
  basePrice: money,
  taxAmount: money,
  baseTaxAmount: money,
  discountAmount: money,
  rowTotal: money,
  baseRowTotal: money,
  externalItemId: { ...textOrNull, description: "Amazon's OrderItemId" },
} as const;

const addressFields = {
  firstname: textOrNull,
  lastname: textOrNull,
  company: textOrNull,
  street: { type: 'array', items: text, description: 'Street lines' },
  city: textOrNull,
  region: textOrNull,
  postcode: textOrNull,
  countryId: text,
  telephone: textOrNull,
  email: textOrNull,
} as const;
const address = {
  type: ['object', 'null'],
  required: keys(addressFields),
  properties: addressFields,
} as const;

const historyFields = {
  id: { type: 'integer' },
  status: text,
  comment: textOrNull,
  isCustomerNotified: { type: 'boolean' },
  author: { ...textOrNull, description: "The admin's e-mail, or the part of the channel that wrote it" },
  createdAt: time,
} as const;

const historyEntry = { type: 'object', required: keys(historyFields), properties: historyFields } as const;

export const salesOrderHistoryEntrySchema = { $id: 'SalesOrderHistoryEntry', ...historyEntry } as const;

const invoiceItemFields = {
  id: { type: 'integer' },
  orderItemId: { type: 'integer' },
  sku: text,
  name: text,
  qty: { type: 'number' },
  price: money,
  taxAmount: money,
  discountAmount: money,
  rowTotal: money,
} as const;

const invoiceFields = {
  id: { type: 'integer' },
  incrementId: { ...text, description: "The invoice number (the store view's own sequence, the order's prefix)" },
  state: { type: 'string', enum: ['paid'] },
  orderCurrencyCode: text,
  baseCurrencyCode: text,
  totals,
  baseTotals: totals,
  totalQty: { type: 'number' },
  source: { ...text, description: 'What created it: amazon, admin…' },
  author: { ...textOrNull, description: "The admin's e-mail, or the part of the channel that wrote it" },
  createdAt: time,
  items: { type: 'array', items: { type: 'object', required: keys(invoiceItemFields), properties: invoiceItemFields } },
} as const;

/** An invoice of an order (Magento's sales_invoice): what was billed, with its items. */
const invoice = { type: 'object', required: keys(invoiceFields), properties: invoiceFields } as const;

const taxRegistration = {
  type: 'object',
  required: ['type', 'value'],
  properties: { type: text, value: text, country: textOrNull },
} as const;

const amazonDetailFields = {
  ...amazonSummaryFields,
  earliestShipDate: timeOrNull,
  isReplacement: { type: 'boolean' },
  replacedOrderId: { ...textOrNull, description: 'Amazon order id of the order this one replaces' },
  replacedOrder: {
    type: ['object', 'null'],
    required: ['id', 'incrementId'],
    properties: { id: { type: 'integer' }, incrementId: text },
    description: 'The replaced order when it was imported',
  },
  purchaseOrderNumber: textOrNull,
  buyerTaxRegistration: { type: 'array', items: taxRegistration },
  salesChannel: textOrNull,
  shipServiceLevel: textOrNull,
  lastUpdateDate: timeOrNull,
  sellerCentralUrl: { ...text, description: 'The order in Seller Central (the local Seller Central with the simulator)' },
} as const;

export const salesOrderDetailSchema = {
  $id: 'SalesOrderDetail',
  type: 'object',
  required: [
    ...keys(orderRowFields),
    'customer',
    'baseCurrencyCode',
    'orderToBaseRate',
    'totals',
    'baseTotals',
    'payment',
    'shipping',
    'items',
    'billingAddress',
    'shippingAddress',
    'history',
    'invoices',
    'allowedEvents',
    'updatedAt',
  ],
  properties: {
    ...orderRowFields,
    amazon: {
      type: ['object', 'null'],
      required: keys(amazonDetailFields),
      properties: amazonDetailFields,
      description: 'Amazon orders only',
    },
    customer: {
      type: 'object',
      required: ['id', 'isGuest', 'email', 'firstname', 'lastname'],
      properties: {
        id: { type: ['integer', 'null'] },
        isGuest: { type: 'boolean' },
        email: text,
        firstname: textOrNull,
        lastname: textOrNull,
      },
    },
    baseCurrencyCode: text,
    orderToBaseRate: { type: 'number', description: 'base amount = order amount × rate' },
    totals,
    baseTotals: totals,
    payment: { type: 'object', required: ['method'], properties: { method: text } },
    shipping: { type: 'object', required: ['method', 'description'], properties: { method: textOrNull, description: textOrNull } },
    items: { type: 'array', items: { type: 'object', required: keys(itemFields), properties: itemFields } },
    billingAddress: address,
    shippingAddress: address,
    history: { type: 'array', items: historyEntry, description: 'Newest first' },
    invoices: { type: 'array', items: invoice, description: 'Oldest first' },
    allowedEvents: { type: 'array', items: { type: 'string', enum: ORDER_EVENTS }, description: 'What the order can do next' },
    updatedAt: time,
  },
} as const;

/** The grid's filters, sort and paging (the CSV export takes the same without paging; a saved view keeps them). */
const orderFilterProperties = {
  sort: { type: 'string', enum: ORDER_SORTS, default: 'purchasedAt' },
  dir: { type: 'string', enum: ['asc', 'desc'], default: 'desc' },
  q: {
    type: 'string',
    minLength: 1,
    maxLength: 255,
    description: 'Text in the order number, the Amazon order id or the e-mail (case-insensitive, taken literally)',
  },
  source: { type: 'string', enum: ORDER_SOURCES },
  storeId: { type: 'integer', minimum: 1, description: 'Amazon store' },
  marketplaceId: { type: 'string', minLength: 1, maxLength: 32 },
  status: { type: 'array', maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 32 }, description: 'Any of these statuses' },
  state: { type: 'string', enum: ORDER_STATES },
  fulfillmentChannel: { type: 'string', enum: FULFILLMENT_CHANNELS },
  purchasedFrom: { type: 'string', format: 'date-time', description: 'Ordered at or after (ISO)' },
  purchasedTo: { type: 'string', format: 'date-time', description: 'Ordered before (ISO)' },
  shipByBefore: { type: 'string', format: 'date-time', description: 'Amazon orders to ship before this time (ISO)' },
} as const;

export const salesOrderListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    page: { type: 'integer', minimum: 1, maximum: 100_000, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    ...orderFilterProperties,
  },
} as const;

export const salesOrderCsvQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: orderFilterProperties,
} as const;

export const salesOrderCommentBodySchema = {
  $id: 'SalesOrderCommentBody',
  type: 'object',
  additionalProperties: false,
  required: ['comment'],
  properties: {
    comment: { type: 'string', minLength: 1, maxLength: 5000 },
    isCustomerNotified: { type: 'boolean', default: false, description: 'Recorded only: the channel sends no e-mail to buyers' },
  },
} as const;

/** What a saved view keeps: the grid's filters and sort (never a page). */
const viewFilters = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...orderFilterProperties,
    sort: { type: 'string', enum: ORDER_SORTS },
    dir: { type: 'string', enum: ['asc', 'desc'] },
    pageSize: { type: 'integer', minimum: 1, maximum: 200 },
  },
} as const;

export const salesOrderViewFiltersSchema = { $id: 'SalesOrderViewFilters', ...viewFilters } as const;

export const salesOrderViewSchema = {
  $id: 'SalesOrderView',
  type: 'object',
  required: ['id', 'name', 'filters', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'integer' },
    name: text,
    filters: viewFilters,
    createdAt: time,
    updatedAt: time,
  },
} as const;

export const salesOrderViewBodySchema = {
  $id: 'SalesOrderViewBody',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'filters'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100, description: 'Saving under an existing name of yours replaces that view' },
    filters: viewFilters,
  },
} as const;

export const salesSchemas = [
  salesOrderSchema,
  salesOrderPageSchema,
  salesOrderHistoryEntrySchema,
  salesOrderDetailSchema,
  salesOrderCommentBodySchema,
  salesOrderViewFiltersSchema,
  salesOrderViewSchema,
  salesOrderViewBodySchema,
] as const;
