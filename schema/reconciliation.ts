/**
 * Listing reconciliation (backend/src/listings/reconcile): a check of one store against Amazon's merchant
 * listings report and the drift it found. Draft-07 literals with `$id`, registered through `listingsSchemas`
 * in listings.ts (which re-exports this file) and shared with the admin's Reconciliation section.
 */
import { pageOf } from './common';

/** What can differ: the MFN quantity, the price, or the offer itself (we think it is listed, Amazon has no such SKU). */
export const DRIFT_FIELDS = ['quantity', 'price', 'presence'] as const;
export type DriftField = (typeof DRIFT_FIELDS)[number];

/** pushed_ours: our state was sent again (closed by the next check); accepted_amazon: Amazon's quantity became the manual one; gone: it disappeared by itself. */
export const DRIFT_RESOLUTIONS = ['pushed_ours', 'accepted_amazon', 'gone'] as const;
export type DriftResolution = (typeof DRIFT_RESOLUTIONS)[number];

export const RECONCILE_RUN_STATUSES = ['requested', 'done', 'failed'] as const;
export const DRIFT_REPAIR_ACTIONS = ['push_ours', 'accept_amazon'] as const;

export const reconcileRunSchema = {
  $id: 'ReconcileRun',
  type: 'object',
  required: [
    'id',
    'trigger',
    'status',
    'reportId',
    'startedAt',
    'finishedAt',
    'rowsCompared',
    'driftFound',
    'repaired',
    'statusesCorrected',
    'error',
  ],
  properties: {
    id: { type: 'integer' },
    trigger: { type: 'string', enum: ['schedule', 'manual'] },
    status: { type: 'string', enum: RECONCILE_RUN_STATUSES, description: 'requested: Amazon is preparing the report' },
    reportId: { type: ['string', 'null'] },
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
    rowsCompared: { type: 'integer', description: 'Listings compared with the report' },
    driftFound: { type: 'integer', description: 'Open drift rows after the check' },
    repaired: { type: 'integer', description: 'Drift pushed automatically (Amazon offered more than we want)' },
    statusesCorrected: { type: 'integer', description: 'Listings moved to Active/Inactive by the report' },
    error: { type: ['string', 'null'] },
  },
} as const;

export const listingDriftSchema = {
  $id: 'ListingDrift',
  type: 'object',
  required: [
    'id',
    'listingId',
    'sku',
    'sellerSku',
    'field',
    'ours',
    'amazon',
    'manualQuantity',
    'detectedAt',
    'updatedAt',
    'repairedAt',
    'resolution',
  ],
  properties: {
    id: { type: 'integer' },
    listingId: { type: 'integer' },
    sku: { type: 'string', description: 'Catalog SKU' },
    sellerSku: { type: 'string' },
    field: { type: 'string', enum: DRIFT_FIELDS },
    ours: { type: ['string', 'null'], description: 'What we want on Amazon' },
    amazon: { type: ['string', 'null'], description: 'What the listings report says (null: Amazon has no such SKU)' },
    manualQuantity: { type: ['integer', 'null'], description: "The listing's manual quantity (Accept Amazon's needs one)" },
    detectedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time', description: 'Last check that saw it' },
    repairedAt: { type: ['string', 'null'], format: 'date-time' },
    resolution: {
      type: ['string', 'null'],
      enum: [...DRIFT_RESOLUTIONS, null],
      description: 'pushed_ours while open: sent again, the next check confirms',
    },
  },
} as const;

export const reconciliationSchema = {
  $id: 'Reconciliation',
  type: 'object',
  required: ['lastCheckedAt', 'everyMinutes', 'drift'],
  properties: {
    // The newest check; absent before the first one.
    lastRun: { $ref: 'ReconcileRun#' },
    lastCheckedAt: { type: ['string', 'null'], format: 'date-time', description: 'When the last completed check finished' },
    everyMinutes: { type: 'integer', description: 'How often the job checks each connected store' },
    drift: pageOf({ $ref: 'ListingDrift#' }),
  },
} as const;

export const reconciliationQuerySchema = {
  $id: 'ReconciliationQuery',
  type: 'object',
  additionalProperties: false,
  properties: {
    field: { type: 'string', enum: DRIFT_FIELDS },
    page: { type: 'integer', minimum: 1, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  },
} as const;

export const driftRepairBodySchema = {
  $id: 'DriftRepairBody',
  type: 'object',
  additionalProperties: false,
  required: ['driftIds', 'action'],
  properties: {
    driftIds: { type: 'array', minItems: 1, maxItems: 1000, uniqueItems: true, items: { type: 'integer', minimum: 1 } },
    action: {
      type: 'string',
      enum: DRIFT_REPAIR_ACTIONS,
      description: "push_ours: send our state again; accept_amazon: make Amazon's quantity the manual quantity (listings with one only)",
    },
  },
} as const;

export const driftRepairResultSchema = {
  $id: 'DriftRepairResult',
  type: 'object',
  required: ['action', 'repaired'],
  properties: {
    action: { type: 'string', enum: DRIFT_REPAIR_ACTIONS },
    repaired: { type: 'array', items: { type: 'integer' }, description: 'Drift ids acted on' },
  },
} as const;

export const reconciliationSchemas = [
  reconcileRunSchema,
  listingDriftSchema,
  reconciliationSchema,
  reconciliationQuerySchema,
  driftRepairBodySchema,
  driftRepairResultSchema,
] as const;
