/**
 * The sync engine's contract with the listings domain (DESIGN §6): the desired Amazon state of a listing,
 * the outcomes Amazon acknowledged, and the figures the engine reports. Names are shared: keep them.
 */
import type { Knex } from 'knex';

export interface DesiredListing {
  /** Amazon product type, 'PRODUCT' by default. */
  productType: string;
  /** merchant_suggested_asin (the matched ASIN). */
  asin: string | null;
  /** Amazon condition_type, e.g. 'new_new'. */
  condition: string;
  conditionNote: string | null;
  /** Decimal string in the marketplace currency, e.g. '19.99'. */
  price: string | null;
  currency: string;
  /** null = do not send quantity. */
  quantity: number | null;
  handlingTime: number | null;
  /** Variation child → parent seller SKU. */
  parentSku: string | null;
  /** On a parent, e.g. 'COLOR/SIZE'. */
  variationTheme: string | null;
  variationAttributes: Record<string, string>;
  isParent: boolean;
  title: string | null;
  brand: string | null;
  identifiers: { type: 'EAN' | 'UPC' | 'ISBN' | 'GTIN'; value: string }[];
  /** More product facts the attribute mappings give (Amazon attribute → text, e.g. model_number); absent when none. */
  productAttributes?: Record<string, string>;
}

export interface SyncIssue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  attributeNames?: string[];
}

export type OutcomeKind = 'published' | 'deleted' | 'failed';

export interface SyncOutcome {
  listingId: number;
  kind: OutcomeKind;
  /** Amazon's listing status when known (e.g. ['BUYABLE', 'DISCOVERABLE']); [] when Amazon did not say yet. */
  amazonStatus: string[];
  issues: SyncIssue[];
  /** ISO times. */
  submittedAt: string;
  acknowledgedAt: string;
}

export interface SetDesiredOptions {
  /** When the catalog changed (the change log entry); the change → acknowledgement latency starts here. Default: now. */
  changedAt?: Date;
}

/** One listing's desired state for `setDesiredMany` (the batch form of `setDesired`). */
export interface DesiredEntry extends SetDesiredOptions {
  listingId: number;
  desired: DesiredListing | null;
}

export type OutcomeHandler = (trx: Knex.Transaction, outcome: SyncOutcome) => Promise<void>;
/** The batch form: every outcome of one applied batch (up to 500 answers of a feed report) at once, in its transaction. */
export type OutcomesHandler = (trx: Knex.Transaction, outcomes: SyncOutcome[]) => Promise<void>;

export interface ListingSyncState {
  pending: boolean;
  desired: DesiredListing | null;
  acknowledged: DesiredListing | null;
  lastSubmittedAt: string | null;
  lastAcknowledgedAt: string | null;
  lastError: { kind: OutcomeKind | 'fatal' | 'error'; issues: SyncIssue[]; message?: string } | null;
  attempts: number;
  nextAttemptAt: string | null;
}

export interface ActivityEntry {
  listingId: number;
  /** Default: now. */
  at?: Date;
  source: 'listings' | 'sync';
  kind: string;
  summary: string;
  sent?: unknown;
  answer?: unknown;
}

export interface ActivityRow {
  id: number;
  listingId: number;
  at: string;
  source: string;
  kind: string;
  summary: string;
  sent: unknown;
  answer: unknown;
}

export interface DrainResult {
  storeId: number;
  /** Set when the pass did nothing because the store's sync is paused (its queue is kept). */
  paused: string | null;
  /** Set when the pass stopped early: 'authorization' (reported to the store) or 'throttled' / 'unavailable'. */
  stopped: 'authorization' | 'throttled' | 'unavailable' | null;
  /** Feed submissions left by a crashed worker that this pass resolved. */
  recovered: number;
  /** Feeds whose status was read; feeds whose report was applied. */
  polled: number;
  completedFeeds: number;
  /** Listings sent one by one (put/patch/delete) and listings sent in new feeds. */
  sentDirect: number;
  sentInFeeds: number;
  feedsCreated: number;
  published: number;
  deleted: number;
  failed: number;
  /** Failures that will be retried later (retryable issues, FATAL feeds, transient errors). */
  retrying: number;
  /** Due listings a woken pass held back to gather a burst still flowing in into one feed (policy.ts shouldGather). */
  gathered: number;
}

export interface SyncHealth {
  /** Listings waiting for Amazon (pending, in flight or not). */
  queueDepth: number;
  /** ISO time of the oldest unacknowledged change in the queue, and its age now; null when the queue is empty. */
  oldestPendingAt: string | null;
  oldestPendingAgeMs: number | null;
  /** Open feed submissions (preparing or submitted). */
  inFlightFeeds: number;
  /** Open submissions — feeds and direct batches — in flight longer than `stuckAfterMs`. */
  stuckFeeds: number;
  /** Pending listings whose change has waited longer than `stuckAfterMs`. */
  stuckPending: number;
  /** The threshold (SYNC_STUCK_AFTER_MINUTES). */
  stuckAfterMs: number;
  /** When the store became stuck (oldest stuck change or submission + threshold); null when nothing is stuck. */
  stuckSince: string | null;
  /** Catalog change (or the first unacknowledged setDesired) → Amazon's acknowledgement, over the last hour; null without samples. */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  samples: number;
}
