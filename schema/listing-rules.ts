/**
 * Listing rules: the conditions tree (fields, operators per field and attribute type), the rule, its
 * Preview Changes and the result of applying it. Draft-07 literals with `$id`, registered through
 * `listingsSchemas` in listings.ts (which re-exports this file) and shared with the admin's rule editor.
 */
import type { AttributeType } from './catalog';

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
  required: ['productId', 'sku', 'name', 'type', 'listingId', 'price', 'quantity', 'reason', 'message'],
  properties: {
    productId: { type: ['integer', 'null'] },
    sku: { type: 'string' },
    name: { type: ['string', 'null'] },
    type: { type: ['string', 'null'] },
    listingId: { type: ['integer', 'null'] },
    price: { type: ['number', 'null'], description: 'The catalog price (what a price condition tests)' },
    quantity: {
      type: ['number', 'null'],
      description: "Salable quantity in the website's stock (what a salable quantity condition tests); null for composite products",
    },
    reason: {
      type: ['string', 'null'],
      description: 'Eligible: new_listing | already_listed | selected_again. Ineligible: no_longer_matches | type_<product type>',
    },
    message: { type: ['string', 'null'], description: 'What saving the rule does with the product, and why, in words' },
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

// ---- rule runs (the background apply of a saved rule) ----

export const RULE_RUN_STATUSES = ['queued', 'running', 'done', 'failed', 'superseded'] as const;

export const listingRuleRunSchema = {
  $id: 'ListingRuleRun',
  type: 'object',
  description:
    'Saving a rule applies it as a run, chunk by chunk (2,000 products each, one transaction per chunk): `done` of `total` ' +
    'products so far. A run of at most one chunk finishes inside the save request. A newer save supersedes an unfinished run.',
  required: [
    'id',
    'storeId',
    'status',
    'total',
    'done',
    'created',
    'madeIneligible',
    'madeEligible',
    'error',
    'createdBy',
    'createdAt',
    'startedAt',
    'finishedAt',
  ],
  properties: {
    id: { type: 'integer' },
    storeId: { type: 'integer' },
    status: { type: 'string', enum: RULE_RUN_STATUSES },
    total: { type: 'integer', description: "Products the rule is applied to: the website's products and the store's listed products" },
    done: { type: 'integer', description: 'Products applied so far' },
    created: { type: 'integer', description: 'New listings (they enter matching)' },
    madeIneligible: { type: 'integer', description: 'Listings set to quantity 0 and shown as Ineligible' },
    madeEligible: { type: 'integer', description: 'Ineligible listings the rule selects again' },
    error: { type: ['string', 'null'], description: 'Why a failed run stopped (Retry carries on from the last applied chunk)' },
    createdBy: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    startedAt: { type: ['string', 'null'] },
    finishedAt: { type: ['string', 'null'] },
  },
} as const;
