/**
 * Amazon stores, their authorization (Seller Central consent, yearly renewal), admin notifications,
 * the Learning and Preparation checklist and the attribute mapping: draft-07 literals with `$id`,
 * registered by platform/swagger.ts and shared with the admin. The state enums are defined here once.
 */
import { attributeMappingSchemas } from './attribute-mapping';
import { storeSalesProperties } from './store-sales';

/** Store status: In Setup until the first connection, then Active or Inactive (sync paused by an admin). */
export const STORE_STATUSES = ['in_setup', 'active', 'inactive'] as const;
/** What is stored. `expiring_soon` is never stored: it is derived from `expires_at` (≤ 30 days left). */
export const STORED_AUTHORIZATION_STATES = ['not_connected', 'connected', 'expired', 'revoked', 'error'] as const;
/** What the API shows. */
export const AUTHORIZATION_STATES = ['not_connected', 'connected', 'expiring_soon', 'expired', 'revoked', 'error'] as const;
export const REGIONS = ['na', 'eu', 'fe'] as const;
export const PRODUCT_ID_TYPES = ['asin', 'ean', 'upc', 'isbn', 'gcid', 'general_search'] as const;
export const CUSTOMER_MODES = ['guest', 'create_account'] as const;
export const PRICE_SOURCES = ['price', 'special_price'] as const;
export const FULFILLMENT_CHANNELS = ['merchant', 'amazon'] as const;
/** Amazon's `condition_type` values. */
export const CONDITIONS = [
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
] as const;
/** Why a store's sync is paused (null = running). Sync workers skip a paused store and keep its pending work. */
export const SYNC_PAUSE_REASONS = [
  'not_connected',
  'deactivated',
  'authorization_expired',
  'authorization_revoked',
  'authorization_error',
] as const;
export const ATTENTION_CODES = [
  'not_connected',
  'authorization_expiring',
  'authorization_expired',
  'authorization_revoked',
  'authorization_error',
  'inactive',
] as const;
/** Days before expiry at which admins are notified (in the admin and by e-mail), once each per authorization. */
export const EXPIRY_NOTICE_DAYS = [30, 7, 1] as const;
export const EXPIRING_SOON_DAYS = 30;
export const AUTHORIZATION_VALID_DAYS = 365;

export type StoreStatus = (typeof STORE_STATUSES)[number];
export type StoredAuthorizationState = (typeof STORED_AUTHORIZATION_STATES)[number];
export type AuthorizationState = (typeof AUTHORIZATION_STATES)[number];
export type Region = (typeof REGIONS)[number];
export type ProductIdType = (typeof PRODUCT_ID_TYPES)[number];
export type CustomerMode = (typeof CUSTOMER_MODES)[number];
export type PriceSource = (typeof PRICE_SOURCES)[number];
export type FulfillmentChannel = (typeof FULFILLMENT_CHANNELS)[number];
export type Condition = (typeof CONDITIONS)[number];
export type SyncPauseReason = (typeof SYNC_PAUSE_REASONS)[number];
export type AttentionCode = (typeof ATTENTION_CODES)[number];

export interface StoreSettings {
  importOrders: boolean;
  customerMode: CustomerMode;
  listAutomatically: boolean;
  priceSource: PriceSource;
  fulfilledBy: FulfillmentChannel;
  condition: Condition;
  handlingTimeDays: number;
}

export const DEFAULT_STORE_SETTINGS: StoreSettings = {
  importOrders: true,
  customerMode: 'guest',
  listAutomatically: true,
  priceSource: 'price',
  fulfilledBy: 'merchant',
  condition: 'new_new',
  handlingTimeDays: 2,
};

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const country = {
  type: 'string',
  pattern: '^[A-Za-z]{2}$',
  description: 'Marketplace country (ISO 3166 alpha-2: US, CA, MX, GB, DE, FR, IT, ES, JP, AU)',
} as const;

export const marketplaceSchema = {
  $id: 'Marketplace',
  type: 'object',
  required: ['country', 'name', 'marketplaceId', 'region', 'currency', 'sellerCentralHost', 'domain'],
  properties: {
    country: { type: 'string', description: 'ISO 3166 alpha-2 (flag)' },
    name: { type: 'string', description: 'Country name' },
    marketplaceId: str,
    region: { type: 'string', enum: REGIONS },
    currency: str,
    sellerCentralHost: { type: 'string', description: 'Host of the Seller Central the seller signs in to' },
    domain: { type: 'string', description: 'Shoppers’ site, e.g. www.amazon.com' },
  },
} as const;

const settingsProperties = {
  importOrders: { type: 'boolean', description: 'Import Amazon orders into the catalog' },
  customerMode: { type: 'string', enum: CUSTOMER_MODES, description: 'Imported orders as guest orders, or create customer accounts' },
  listAutomatically: { type: 'boolean', description: 'List eligible products automatically' },
  priceSource: { type: 'string', enum: PRICE_SOURCES, description: 'Catalog price the Amazon price starts from' },
  fulfilledBy: { type: 'string', enum: FULFILLMENT_CHANNELS },
  condition: { type: 'string', enum: CONDITIONS, description: 'Default offer condition' },
  handlingTimeDays: { type: 'integer', minimum: 0, maximum: 30 },
} as const;

export const storeSettingsSchema = {
  $id: 'StoreSettings',
  type: 'object',
  required: Object.keys(settingsProperties),
  properties: settingsProperties,
} as const;

export const attentionItemSchema = {
  $id: 'AttentionItem',
  type: 'object',
  required: ['code', 'severity', 'message', 'action'],
  properties: {
    code: { type: 'string', enum: ATTENTION_CODES },
    severity: { type: 'string', enum: ['info', 'warning', 'error'] },
    message: { type: 'string', description: 'What is wrong and what to do, ready for a banner' },
    action: { type: ['string', 'null'], enum: ['connect', 'renew', 'activate', null], description: 'The card action that fixes it' },
  },
} as const;

export const storeAuthorizationSchema = {
  $id: 'StoreAuthorization',
  type: 'object',
  required: [
    'storeId',
    'status',
    'state',
    'sellerId',
    'authorizedAt',
    'expiresAt',
    'daysLeft',
    'lastError',
    'syncPaused',
    'syncPauseReason',
    'updatedAt',
  ],
  properties: {
    storeId: { type: 'integer' },
    status: { type: 'string', enum: STORE_STATUSES },
    state: { type: 'string', enum: AUTHORIZATION_STATES },
    sellerId: { ...strOrNull, description: 'Amazon selling partner id (merchant token)' },
    authorizedAt: strOrNull,
    expiresAt: { ...strOrNull, description: 'authorizedAt + 365 days; renew before' },
    daysLeft: { type: ['integer', 'null'], description: 'Whole days until expiresAt (rounded up; 0 when expired)' },
    lastError: { ...strOrNull, description: 'Why the authorization stopped working, when it did' },
    syncPaused: { type: 'boolean' },
    syncPauseReason: { type: ['string', 'null'], enum: [...SYNC_PAUSE_REASONS, null] },
    updatedAt: str,
  },
} as const;

export const storeSchema = {
  $id: 'Store',
  type: 'object',
  required: [
    'id',
    'name',
    'email',
    'website',
    'marketplace',
    'status',
    'authorization',
    'productId',
    'settings',
    'editable',
    'listingCounts',
    'sales30d',
    'sales',
    'recentOrders',
    'attention',
    'createdAt',
    'updatedAt',
  ],
  properties: {
    id: { type: 'integer' },
    name: str,
    email: str,
    website: { type: 'object', required: ['code', 'name', 'baseCurrency'], properties: { code: str, name: str, baseCurrency: str } },
    marketplace: { $ref: 'Marketplace#' },
    status: { type: 'string', enum: STORE_STATUSES },
    authorization: { $ref: 'StoreAuthorization#' },
    productId: {
      type: 'object',
      required: ['type', 'attribute'],
      properties: {
        type: { type: 'string', enum: PRODUCT_ID_TYPES },
        attribute: { type: 'string', description: 'Catalog attribute code' },
      },
    },
    settings: { $ref: 'StoreSettings#' },
    editable: {
      type: 'object',
      required: ['website', 'country', 'reason'],
      description: 'Website and country can change until the store is connected',
      properties: { website: { type: 'boolean' }, country: { type: 'boolean' }, reason: strOrNull },
    },
    listingCounts: {
      type: 'object',
      required: ['active', 'inactive', 'inProgress'],
      description: 'Listings by state. Always 0 until the listings module exists (a later issue fills them).',
      properties: { active: { type: 'integer' }, inactive: { type: 'integer' }, inProgress: { type: 'integer' } },
    },
    ...storeSalesProperties,
    attention: { type: 'array', items: { $ref: 'AttentionItem#' }, description: 'Banners for the card and the store view' },
    createdAt: str,
    updatedAt: str,
  },
} as const;

const storeWritable = {
  name: { type: 'string', minLength: 1, maxLength: 100, description: 'Unique among stores' },
  email: { type: 'string', format: 'email', maxLength: 255, description: 'Contact e-mail (renewal reminders go here too)' },
  websiteCode: { type: 'string', minLength: 1, maxLength: 64, description: 'Catalog website code' },
  country,
  productIdType: { type: 'string', enum: PRODUCT_ID_TYPES },
  productIdAttribute: { type: 'string', minLength: 1, maxLength: 64, description: 'Catalog attribute code holding the product id' },
} as const;

const partialSettings = { type: 'object', additionalProperties: false, properties: settingsProperties } as const;

export const createStoreBodySchema = {
  $id: 'CreateStoreBody',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'email', 'websiteCode', 'country', 'productIdType', 'productIdAttribute'],
  properties: { ...storeWritable, settings: { ...partialSettings, description: 'Defaults apply to what is left out' } },
} as const;

export const updateStoreBodySchema = {
  $id: 'UpdateStoreBody',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { ...storeWritable, settings: { ...partialSettings, description: 'Only the settings sent change' } },
} as const;

export const deleteStoreBodySchema = {
  $id: 'DeleteStoreBody',
  type: 'object',
  additionalProperties: false,
  required: ['confirm'],
  properties: { confirm: { type: 'string', description: 'The store name, typed by the admin' } },
} as const;

export const consentStartSchema = {
  $id: 'ConsentStart',
  type: 'object',
  required: ['consentUrl', 'expiresAt'],
  properties: {
    consentUrl: { type: 'string', description: 'Open in a new tab; poll GET /api/stores/:id/authorization until it changes' },
    expiresAt: { type: 'string', description: 'The consent must be completed before this time (10 minutes)' },
  },
} as const;

/**
 * The consent tab tells the admin that the consent is done: the callback page's script posts a `consent-done`
 * message on this BroadcastChannel (same origin, so every admin tab of the browser hears it); an admin tab answers
 * `consent-ack`, shows the store, and the consent tab closes itself. No admin tab answering: the consent tab goes
 * to the admin itself, with `?consent=<outcome>` on the store's dashboard.
 */
export const CONSENT_CHANNEL = 'asc-consent';
export const CONSENT_DONE_OUTCOMES = ['connected', 'renewed'] as const;
export type ConsentDoneOutcome = (typeof CONSENT_DONE_OUTCOMES)[number];
export interface ConsentDoneMessage {
  type: 'consent-done';
  /** Pairs the answer with this message (another consent tab may be talking too). */
  id: string;
  storeId: number;
  outcome: ConsentDoneOutcome;
}
export interface ConsentAckMessage {
  type: 'consent-ack';
  id: string;
}

export const notificationSchema = {
  $id: 'AdminNotification',
  type: 'object',
  required: ['id', 'kind', 'severity', 'storeId', 'title', 'message', 'createdAt', 'readAt'],
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string', description: 'authorization_expiring, authorization_revoked, authorization_expired…' },
    severity: { type: 'string', enum: ['info', 'warning', 'error'] },
    storeId: { type: ['integer', 'null'] },
    title: str,
    message: str,
    createdAt: str,
    readAt: strOrNull,
  },
} as const;

export const preparationItemSchema = {
  $id: 'PreparationItem',
  type: 'object',
  required: ['key', 'title', 'description', 'kind', 'checked', 'detail', 'link', 'checkedBy', 'checkedAt'],
  properties: {
    key: str,
    title: str,
    description: str,
    kind: {
      type: 'string',
      enum: ['manual', 'automatic'],
      description: 'manual items are ticked by an admin; automatic ones are checked by the service',
    },
    checked: { type: 'boolean' },
    detail: { ...strOrNull, description: 'What the automatic check found (e.g. "812 of 900 products carry an EAN")' },
    link: { ...strOrNull, description: 'Seller Central page to do it' },
    checkedBy: { ...strOrNull, description: 'manual: who ticked it' },
    checkedAt: strOrNull,
  },
} as const;

export const preparationSchema = {
  $id: 'Preparation',
  type: 'object',
  required: ['storeId', 'items', 'done', 'total'],
  properties: {
    storeId: { type: ['integer', 'null'], description: 'The store the automatic checks ran for (null: store-independent checks only)' },
    items: { type: 'array', items: { $ref: 'PreparationItem#' } },
    done: { type: 'integer' },
    total: { type: 'integer' },
  },
} as const;

export const storesSchemas = [
  marketplaceSchema,
  storeSettingsSchema,
  attentionItemSchema,
  storeAuthorizationSchema,
  storeSchema,
  createStoreBodySchema,
  updateStoreBodySchema,
  deleteStoreBodySchema,
  consentStartSchema,
  notificationSchema,
  preparationItemSchema,
  preparationSchema,
  ...attributeMappingSchemas,
] as const;
