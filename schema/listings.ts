/**
 * Listings: listing settings, listing rules (a conditions tree), the rule preview, listings with their
 * lifecycle, overrides and activity, and existing (third-party) Amazon listings. Draft-07 literals with
 * `$id`, registered by platform/swagger.ts and shared with the admin. The state enums are defined here once.
 */
import type { AttributeType } from './catalog';
import { CONDITIONS, PRODUCT_ID_TYPES } from './stores';

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

// ---- conditions tree ----

export const RULE_FIELDS = [
  'category',
  'attribute_set',
  'product_type',
  'status',
  'visibility',
  'price',
  'salable_qty',
  'attribute',
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];
export const RULE_OPERATORS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'not_in',
  'contains',
  'not_contains',
  'starts_with',
  'contains_any',
  'contains_all',
  'is_empty',
  'is_not_empty',
] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

export const NUMERIC_OPERATORS: readonly RuleOperator[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'];
export const EMPTY_OPERATORS: readonly RuleOperator[] = ['is_empty', 'is_not_empty'];
const LIST: readonly RuleOperator[] = ['in', 'not_in'];

/** The operators a rule field (or a catalog attribute's type) allows: one table for the server's checks and the admin's editor. */
export function operatorsFor(field: RuleField, type?: AttributeType): readonly RuleOperator[] {
  switch (field) {
    case 'category':
    case 'attribute_set':
    case 'product_type':
    case 'visibility':
      return LIST;
    case 'status':
      return ['eq', 'neq'];
    case 'price':
    case 'salable_qty':
      return NUMERIC_OPERATORS;
    case 'attribute':
      switch (type) {
        case 'int':
        case 'decimal':
        case 'date':
          return [...NUMERIC_OPERATORS, ...EMPTY_OPERATORS];
        case 'boolean':
          return ['eq'];
        case 'select':
          return [...LIST, ...EMPTY_OPERATORS];
        case 'multiselect':
          return ['contains_any', 'contains_all', 'not_contains', ...EMPTY_OPERATORS];
        default:
          return ['eq', 'neq', 'contains', 'not_contains', 'starts_with', ...EMPTY_OPERATORS];
      }
  }
}

export const ruleConditionSchema = {
  $id: 'RuleCondition',
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  description:
    'kind "combine": "If ALL/ANY of these conditions are TRUE/FALSE" with nested conditions (an empty list matches every product); ' +
    'kind "condition": one test of a product field (`attribute` names the catalog attribute when field is "attribute").',
  properties: {
    kind: { type: 'string', enum: ['combine', 'condition'] },
    aggregator: { type: 'string', enum: ['all', 'any'] },
    value: {
      description:
        'combine: true/false (TRUE/FALSE). condition: a string, number, boolean or list of strings/numbers, as the operator needs',
    },
    conditions: { type: 'array', maxItems: 100, items: { $ref: 'RuleCondition#' } },
    field: { type: 'string', enum: RULE_FIELDS },
    attribute: { type: 'string', maxLength: 64 },
    operator: { type: 'string', enum: RULE_OPERATORS },
  },
} as const;

export interface CombineNode {
  kind: 'combine';
  aggregator: 'all' | 'any';
  value: boolean;
  conditions: RuleNode[];
}
export interface ConditionNode {
  kind: 'condition';
  field: RuleField;
  attribute?: string;
  operator: RuleOperator;
  value?: string | number | boolean | (string | number)[] | null;
}
export type RuleNode = CombineNode | ConditionNode;

// ---- settings ----

export interface IdentifierSource {
  type: (typeof PRODUCT_ID_TYPES)[number];
  attribute: string;
}

export interface ListingSettings {
  /** List eligible products once matched, or hold them as Ready to List. */
  listAutomatically: boolean;
  handlingTimeDays: number;
  condition: {
    mode: 'single' | 'attribute';
    value: (typeof CONDITIONS)[number];
    attribute: string | null;
    /** Catalog attribute value → Amazon condition (attribute mode). */
    valueMap: Record<string, (typeof CONDITIONS)[number]>;
    note: string | null;
  };
  price: {
    /** A decimal catalog attribute or the product's `price`. */
    attribute: string;
    /** Use the special price while it is active by date (and lower). */
    useSpecialPrice: boolean;
    /** Catalog currency → marketplace currency, a decimal string. */
    currencyRate: string;
  };
  /** Identifiers tried in order when looking up a product's ASIN. */
  identifierOrder: IdentifierSource[];
}

const conditionEnum = { type: 'string', enum: CONDITIONS } as const;
const identifierSource = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'attribute'],
  properties: { type: { type: 'string', enum: PRODUCT_ID_TYPES }, attribute: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

const settingsProps = {
  listAutomatically: { type: 'boolean', description: 'true: list eligible products once matched; false: hold them as Ready to List' },
  handlingTimeDays: { type: 'integer', minimum: 0, maximum: 30 },
  condition: {
    type: 'object',
    additionalProperties: false,
    required: ['mode', 'value', 'attribute', 'valueMap', 'note'],
    properties: {
      mode: { type: 'string', enum: ['single', 'attribute'] },
      value: { ...conditionEnum, description: 'single mode: the condition of every listing' },
      attribute: { type: ['string', 'null'], description: 'attribute mode: catalog attribute holding the condition' },
      valueMap: { type: 'object', additionalProperties: conditionEnum, description: 'attribute value → Amazon condition' },
      note: { type: ['string', 'null'], maxLength: 1000, description: 'Condition note (seller notes) for used/refurbished items' },
    },
  },
  price: {
    type: 'object',
    additionalProperties: false,
    required: ['attribute', 'useSpecialPrice', 'currencyRate'],
    properties: {
      attribute: { type: 'string', minLength: 1, maxLength: 64, description: '"price" or a decimal catalog attribute' },
      useSpecialPrice: { type: 'boolean', description: 'Use the special price while active by date (when lower)' },
      currencyRate: { type: 'string', pattern: '^[0-9]{1,6}(\\.[0-9]{1,6})?$', description: 'Catalog → marketplace currency rate' },
    },
  },
  identifierOrder: { type: 'array', minItems: 1, maxItems: 5, items: identifierSource, description: 'Identifiers tried in order' },
} as const;

export const listingSettingsSchema = {
  $id: 'ListingSettings',
  type: 'object',
  required: Object.keys(settingsProps),
  properties: settingsProps,
} as const;

/** A patch: any top-level part, and within condition/price only the fields sent. */
const { required: _conditionRequired, ...conditionPatch } = settingsProps.condition;
const { required: _priceRequired, ...pricePatch } = settingsProps.price;
export const listingSettingsPatchSchema = {
  $id: 'ListingSettingsPatch',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { ...settingsProps, condition: conditionPatch, price: pricePatch },
} as const;

// ---- rules and preview ----

export const listingRuleSchema = {
  $id: 'ListingRule',
  type: 'object',
  required: ['storeId', 'websiteCode', 'conditions', 'updatedAt', 'updatedBy', 'appliedAt'],
  properties: {
    storeId: { type: 'integer' },
    websiteCode: { type: 'string', description: "The store's website: a rule selects only its products" },
    conditions: { $ref: 'RuleCondition#' },
    updatedAt: { type: ['string', 'null'] },
    updatedBy: { type: ['string', 'null'] },
    appliedAt: { type: ['string', 'null'] },
  },
} as const;

export const listingRuleBodySchema = {
  $id: 'ListingRuleBody',
  type: 'object',
  additionalProperties: false,
  required: ['conditions'],
  properties: { conditions: { $ref: 'RuleCondition#' } },
} as const;

const previewItem = {
  type: 'object',
  required: ['productId', 'sku', 'name', 'type', 'listingId', 'reason', 'message'],
  properties: {
    productId: { type: ['integer', 'null'] },
    sku: { type: 'string' },
    name: { type: ['string', 'null'] },
    type: { type: ['string', 'null'] },
    listingId: { type: ['integer', 'null'] },
    reason: { type: ['string', 'null'], description: 'Ineligible: no_longer_matches | type_<product type>' },
    message: { type: ['string', 'null'], description: 'Why, in words' },
  },
} as const;

export const rulePreviewSchema = {
  $id: 'RulePreview',
  type: 'object',
  required: ['counts', 'list', 'page', 'pageSize', 'total', 'items', 'tookMs'],
  properties: {
    counts: {
      type: 'object',
      required: ['eligible', 'newListings', 'ineligible'],
      properties: { eligible: { type: 'integer' }, newListings: { type: 'integer' }, ineligible: { type: 'integer' } },
    },
    list: { type: 'string', enum: ['eligible', 'new', 'ineligible'] },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
    total: { type: 'integer' },
    items: { type: 'array', items: previewItem },
    tookMs: { type: 'integer' },
  },
} as const;

export const ruleApplyResultSchema = {
  $id: 'RuleApplyResult',
  type: 'object',
  required: ['rule', 'created', 'madeIneligible', 'madeEligible'],
  properties: {
    rule: { $ref: 'ListingRule#' },
    created: { type: 'integer', description: 'New listings (they enter matching)' },
    madeIneligible: { type: 'integer', description: 'Listings set to quantity 0 and shown as Ineligible' },
    madeEligible: { type: 'integer', description: 'Ineligible listings the rule selects again' },
  },
} as const;

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
  required: ['listing', 'issues', 'candidates', 'pricing', 'quantity', 'desired', 'activity', 'children', 'storefrontUrl'],
  properties: {
    listing: { $ref: 'Listing#' },
    issues: { type: 'array', items: issue },
    candidates: { type: 'array', items: candidate, description: 'Multiple Matches / Has Variants: the ASINs to pick from' },
    pricing: { type: 'array', items: step, description: 'Named steps of the price pipeline (why the price is what it is)' },
    quantity: { type: 'array', items: step, description: 'Named steps of the quantity pipeline' },
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
    action: { type: 'string', enum: ['publish', 'end', 'rematch', 'delete', 'set_overrides', 'clear_overrides'] },
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
    condition: { ...conditionEnum, description: 'Missing Condition: the condition for this listing' },
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
] as const;
