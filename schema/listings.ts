/**
 * Listings: their lifecycle, overrides and activity, and existing (third-party) Amazon listings; rules are in
 * listing-rules.ts and settings in listing-settings.ts, re-exported here. Draft-07 literals with `$id`,
 * registered by platform/swagger.ts and shared with the admin. The state enums are defined here once.
 */
import { CONDITIONS } from './stores';
import {
  listingRuleBodySchema,
  listingRuleRunSchema,
  listingRuleSchema,
  ruleApplyResultSchema,
  ruleConditionSchema,
  rulePreviewSchema,
} from './listing-rules';
import { listingSettingsPatchSchema, listingSettingsSchema } from './listing-settings';
import { reconciliationSchemas } from './reconciliation';
import { catalogSearchSchemas } from './catalog-search';

export * from './listing-rules';
export * from './listing-settings';
export * from './reconciliation';
export * from './catalog-search';

/**
 * A listing's status. Matching: validating_asin → ready_to_list | multiple_matches | unable_to_assign |
 * has_variants | missing_condition. Publishing: list_in_progress → active | inactive | error.
 * Ending: ending_in_progress → ended. deleting → (row removed). ineligible: the rule no longer selects it.
 */
export const LISTING_STATUSES = [
  'validating_asin',
  'ready_to_list',
  'multiple_matches',
  'unable_to_assign',
  'has_variants',
  'missing_condition',
  'list_in_progress',
  'active',
  'inactive',
  'error',
  'ending_in_progress',
  'ended',
  'ineligible',
  'deleting',
] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

/** Each status as the admin reads it (the grid's chips, the rule preview's reasons). */
export const LISTING_STATUS_LABELS: Record<ListingStatus, string> = {
  validating_asin: 'Validating ASIN',
  ready_to_list: 'Ready to List',
  multiple_matches: 'Multiple Matches Found',
  unable_to_assign: 'Unable to Assign to Amazon Listing',
  has_variants: 'Has Variants',
  missing_condition: 'Missing Condition',
  list_in_progress: 'List In Progress',
  active: 'Active',
  inactive: 'Inactive',
  error: 'Error',
  ending_in_progress: 'Ending In Progress',
  ended: 'Manually Ended',
  ineligible: 'Ineligible',
  deleting: 'Deleting',
};

/** Matching problems an admin resolves (the Incomplete tab). */
export const INCOMPLETE_STATUSES = [
  'validating_asin',
  'multiple_matches',
  'unable_to_assign',
  'has_variants',
  'missing_condition',
] as const;

export const LISTING_TABS = [
  'active',
  'inactive',
  'incomplete',
  'ready_to_list',
  'ineligible',
  'ended',
  'overrides',
  'errors',
  'all',
] as const;
export type ListingTab = (typeof LISTING_TABS)[number];

/** Which statuses each tab shows (overrides and all are not status tabs). In-progress states sit with their goal. */
export const TAB_STATUSES: Record<Exclude<ListingTab, 'overrides' | 'all'>, readonly ListingStatus[]> = {
  active: ['active', 'list_in_progress'],
  inactive: ['inactive'],
  incomplete: INCOMPLETE_STATUSES,
  ready_to_list: ['ready_to_list'],
  ineligible: ['ineligible'],
  ended: ['ended', 'ending_in_progress', 'deleting'],
  errors: ['error'],
};

/** Product types Amazon cannot take as an offer: never eligible, and the preview says why. */
export const NEVER_ELIGIBLE_TYPES = ['bundle', 'grouped', 'giftcard', 'downloadable', 'virtual'] as const;

export const THIRD_PARTY_STATES = ['new', 'linked', 'unmanaged'] as const;
export type ThirdPartyState = (typeof THIRD_PARTY_STATES)[number];

// ---- listings ----

const issue = {
  type: 'object',
  required: ['code', 'message', 'severity', 'advice'],
  properties: {
    code: { type: 'string' },
    message: { type: 'string', description: "Amazon's words" },
    severity: { type: 'string' },
    attributeNames: { type: 'array', items: { type: 'string' } },
    advice: { type: 'string', description: 'What the admin can do about it' },
  },
} as const;

const candidate = {
  type: 'object',
  required: ['asin', 'title', 'brand', 'productType'],
  properties: {
    asin: { type: 'string' },
    title: { type: ['string', 'null'] },
    brand: { type: ['string', 'null'] },
    productType: { type: ['string', 'null'] },
  },
} as const;

const overrides = {
  type: 'object',
  required: ['price', 'handlingTimeDays', 'condition', 'conditionNote'],
  properties: {
    price: { type: ['string', 'null'], description: 'Amazon price in the marketplace currency' },
    handlingTimeDays: { type: ['integer', 'null'] },
    condition: { type: ['string', 'null'], enum: [...CONDITIONS, null] },
    conditionNote: { type: ['string', 'null'], description: 'Seller notes' },
  },
} as const;

/** The stock profile a listing follows (inventory domain); null = the built-in policy. */
const stockProfileRef = {
  type: ['object', 'null'],
  required: ['id', 'name'],
  properties: { id: { type: 'integer' }, name: { type: 'string' } },
} as const;
const profileSource = {
  type: 'string',
  enum: ['hand', 'rule', 'default', 'built-in'],
  description: 'How the stock profile was chosen: assigned by hand, by its rule, the store default, or the built-in policy',
} as const;

export const listingSchema = {
  $id: 'Listing',
  type: 'object',
  required: [
    'id',
    'storeId',
    'productId',
    'sku',
    'sellerSku',
    'asin',
    'name',
    'status',
    'statusReason',
    'amazonProductType',
    'amazonStatus',
    'parentListingId',
    'isParent',
    'variationTheme',
    'linkedFromAmazon',
    'price',
    'quantity',
    'manualQuantity',
    'overrides',
    'hasOverrides',
    'issueCount',
    'pending',
    'pendingQtyUpdate',
    'stockProfile',
    'profileSource',
    'lastSyncAt',
    'updatedAt',
  ],
  properties: {
    id: { type: 'integer' },
    storeId: { type: 'integer' },
    productId: { type: ['integer', 'null'] },
    sku: { type: 'string', description: 'Catalog SKU' },
    sellerSku: { type: 'string' },
    asin: { type: ['string', 'null'] },
    name: { type: ['string', 'null'] },
    status: { type: 'string', enum: LISTING_STATUSES },
    statusReason: { type: ['string', 'null'], description: 'Why it is in this status (matching result, Amazon reason)' },
    amazonProductType: { type: ['string', 'null'] },
    amazonStatus: { type: 'array', items: { type: 'string' }, description: 'BUYABLE, DISCOVERABLE as Amazon last said' },
    parentListingId: { type: ['integer', 'null'] },
    isParent: { type: 'boolean' },
    variationTheme: { type: ['string', 'null'] },
    linkedFromAmazon: { type: 'boolean', description: 'Linked from an existing Amazon listing (Unlink applies)' },
    price: { type: ['string', 'null'], description: 'Desired Amazon price (after overrides)' },
    quantity: { type: ['integer', 'null'], description: 'Desired Amazon quantity' },
    manualQuantity: { type: ['integer', 'null'], description: 'Amazon-only quantity; null = follow the catalog' },
    overrides,
    hasOverrides: { type: 'boolean' },
    issueCount: { type: 'integer' },
    pending: { type: ['boolean', 'null'], description: 'A change waits to be sent (null when the sync engine is not running)' },
    pendingQtyUpdate: {
      type: 'boolean',
      description: 'Pending Qty Update: a quantity change or an Update quantity request waits for Amazon to acknowledge it',
    },
    stockProfile: stockProfileRef,
    profileSource,
    lastSyncAt: { type: ['string', 'null'] },
    updatedAt: { type: 'string' },
  },
} as const;

const step = {
  type: 'object',
  required: ['step', 'value', 'note'],
  properties: { step: { type: 'string' }, value: { type: ['string', 'number', 'null'] }, note: { type: ['string', 'null'] } },
} as const;

export const listingDetailSchema = {
  $id: 'ListingDetail',
  type: 'object',
  required: [
    'listing',
    'issues',
    'candidates',
    'pricing',
    'quantity',
    'stockProfile',
    'profileSource',
    'desired',
    'activity',
    'children',
    'storefrontUrl',
  ],
  properties: {
    listing: { $ref: 'Listing#' },
    issues: { type: 'array', items: issue },
    candidates: { type: 'array', items: candidate, description: 'Multiple Matches / Has Variants: the ASINs to pick from' },
    pricing: { type: 'array', items: step, description: 'Named steps of the price pipeline (why the price is what it is)' },
    quantity: { type: 'array', items: step, description: 'Named steps of the quantity pipeline' },
    stockProfile: stockProfileRef,
    profileSource,
    desired: { type: ['object', 'null'], additionalProperties: true, description: 'What Amazon should hold (null: nothing)' },
    activity: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'at', 'source', 'kind', 'summary', 'sent', 'answer'],
        properties: {
          id: { type: 'integer' },
          at: { type: 'string' },
          source: { type: 'string', enum: ['listings', 'sync'] },
          kind: { type: 'string' },
          summary: { type: 'string' },
          sent: { description: 'What was sent (JSON)', type: ['object', 'array', 'null'], additionalProperties: true },
          answer: { description: 'What Amazon answered (JSON)', type: ['object', 'array', 'null'], additionalProperties: true },
        },
      },
    },
    children: { type: 'array', items: { $ref: 'Listing#' }, description: 'Variation children of a parent listing' },
    storefrontUrl: { type: ['string', 'null'], description: 'The product page on the (simulated) storefront' },
  },
} as const;

export const listingPageSchema = {
  $id: 'ListingPage',
  type: 'object',
  required: ['tab', 'page', 'pageSize', 'total', 'items'],
  properties: {
    tab: { type: 'string', enum: LISTING_TABS },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
    total: { type: 'integer' },
    items: { type: 'array', items: { $ref: 'Listing#' } },
  },
} as const;

const tabCounts = Object.fromEntries([...LISTING_TABS, 'new_third_party'].map((t) => [t, { type: 'integer' }]));
export const listingCountsSchema = {
  $id: 'ListingCounts',
  type: 'object',
  required: [...LISTING_TABS, 'new_third_party'],
  properties: tabCounts,
} as const;

export const listingListQuerySchema = {
  $id: 'ListingListQuery',
  type: 'object',
  additionalProperties: false,
  properties: {
    tab: { type: 'string', enum: LISTING_TABS, default: 'all' },
    page: { type: 'integer', minimum: 1, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    q: { type: 'string', maxLength: 100, description: 'Contains, in SKU, seller SKU, ASIN or name' },
    status: { type: 'string', enum: LISTING_STATUSES },
    sort: { type: 'string', enum: ['sku', 'sellerSku', 'status', 'updatedAt', 'asin'], default: 'sku' },
    dir: { type: 'string', enum: ['asc', 'desc'], default: 'asc' },
  },
} as const;

export const listingMassActionBodySchema = {
  $id: 'ListingMassActionBody',
  type: 'object',
  additionalProperties: false,
  required: ['action', 'listingIds'],
  properties: {
    action: {
      type: 'string',
      enum: ['publish', 'end', 'rematch', 'delete', 'set_overrides', 'clear_overrides', 'update_quantity'],
      description: 'update_quantity: recompute the quantity and send it to Amazon even if unchanged (Pending Qty Update until answered)',
    },
    listingIds: { type: 'array', minItems: 1, maxItems: 5000, uniqueItems: true, items: { type: 'integer', minimum: 1 } },
    confirm: { type: 'boolean', description: 'delete: must be true (deleting removes the listing from Amazon for good)' },
    overrides: { $ref: 'ListingOverridesBody#' },
  },
} as const;

export const listingMassActionResultSchema = {
  $id: 'ListingMassActionResult',
  type: 'object',
  required: ['done', 'skipped'],
  properties: {
    done: { type: 'array', items: { type: 'integer' } },
    skipped: {
      type: 'array',
      items: { type: 'object', required: ['id', 'reason'], properties: { id: { type: 'integer' }, reason: { type: 'string' } } },
    },
  },
} as const;

export const listingOverridesBodySchema = {
  $id: 'ListingOverridesBody',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description: 'Only the fields sent change; null removes an override (back to the computed value)',
  properties: {
    price: { type: ['string', 'null'], pattern: '^[0-9]{1,9}(\\.[0-9]{1,2})?$' },
    handlingTimeDays: { type: ['integer', 'null'], minimum: 0, maximum: 30 },
    condition: { type: ['string', 'null'], enum: [...CONDITIONS, null] },
    conditionNote: { type: ['string', 'null'], maxLength: 1000 },
    manualQuantity: { type: ['integer', 'null'], minimum: 0, maximum: 1000000, description: 'null = follow the catalog' },
  },
} as const;

export const resolveMatchBodySchema = {
  $id: 'ResolveMatchBody',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    asin: { type: 'string', pattern: '^[A-Z0-9]{10}$', description: 'One of the candidates, or an ASIN the admin enters' },
    condition: { type: 'string', enum: CONDITIONS, description: 'Missing Condition: the condition for this listing' },
  },
} as const;

export const confirmBodySchema = {
  $id: 'ConfirmBody',
  type: 'object',
  additionalProperties: false,
  required: ['confirm'],
  properties: { confirm: { type: 'boolean', const: true, description: 'true: the admin confirmed' } },
} as const;

// ---- existing Amazon listings ----

export const thirdPartyListingSchema = {
  $id: 'ThirdPartyListing',
  type: 'object',
  required: [
    'id',
    'storeId',
    'sellerSku',
    'asin',
    'itemName',
    'price',
    'quantity',
    'amazonStatus',
    'fulfillmentChannel',
    'state',
    'matchProductId',
    'matchSku',
    'matchedBy',
    'listingId',
    'importedAt',
  ],
  properties: {
    id: { type: 'integer' },
    storeId: { type: 'integer' },
    sellerSku: { type: 'string' },
    asin: { type: ['string', 'null'] },
    itemName: { type: ['string', 'null'] },
    price: { type: ['string', 'null'] },
    quantity: { type: ['integer', 'null'] },
    amazonStatus: { type: ['string', 'null'] },
    fulfillmentChannel: { type: ['string', 'null'] },
    state: { type: 'string', enum: THIRD_PARTY_STATES },
    matchProductId: { type: ['integer', 'null'] },
    matchSku: { type: ['string', 'null'] },
    matchedBy: { type: ['string', 'null'], enum: ['seller_sku', 'asin_attribute', null] },
    listingId: { type: ['integer', 'null'] },
    importedAt: { type: 'string' },
  },
} as const;

export const thirdPartyPageSchema = {
  $id: 'ThirdPartyPage',
  type: 'object',
  required: ['page', 'pageSize', 'total', 'items'],
  properties: {
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
    total: { type: 'integer' },
    items: { type: 'array', items: { $ref: 'ThirdPartyListing#' } },
  },
} as const;

export const thirdPartyImportSchema = {
  $id: 'ThirdPartyImport',
  type: 'object',
  required: ['status', 'reportId', 'imported', 'matched'],
  properties: {
    status: { type: 'string', enum: ['requested', 'processing', 'done'], description: 'processing: call again to collect' },
    reportId: { type: ['string', 'null'] },
    imported: { type: 'integer' },
    matched: { type: 'integer' },
  },
} as const;

export const linkThirdPartyBodySchema = {
  $id: 'LinkThirdPartyBody',
  type: 'object',
  additionalProperties: false,
  properties: { productId: { type: 'integer', minimum: 1, description: 'Catalog product to link (default: the match found)' } },
} as const;

export const listingsSchemas = [
  ruleConditionSchema,
  listingSettingsSchema,
  listingSettingsPatchSchema,
  listingRuleSchema,
  listingRuleBodySchema,
  rulePreviewSchema,
  ruleApplyResultSchema,
  listingRuleRunSchema,
  listingSchema,
  listingDetailSchema,
  listingPageSchema,
  listingCountsSchema,
  listingListQuerySchema,
  listingOverridesBodySchema,
  listingMassActionBodySchema,
  listingMassActionResultSchema,
  resolveMatchBodySchema,
  confirmBodySchema,
  thirdPartyListingSchema,
  thirdPartyPageSchema,
  thirdPartyImportSchema,
  linkThirdPartyBodySchema,
  ...reconciliationSchemas,
  ...catalogSearchSchemas,
] as const;
