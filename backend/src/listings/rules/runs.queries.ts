/**
 * listing_rule_runs rows: small knex functions taking a knex or a transaction. Every progress write is guarded
 * by the run's status and position (`after_root`), so a superseded run, or a second driver of the same run
 * (another process, the job and the request), changes nothing: the guard matches zero rows and it stops.
 */
import type { Knex } from 'knex';
import { fromDbTime, toDbTime } from '../../db/time';
import { toListing, type ListingRow } from '../listings.queries';
import type { ApplyResult } from './apply';

export const RUN_STATUSES = ['queued', 'running', 'done', 'failed', 'superseded'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** Runs a driver still has work on. */
export const ACTIVE_STATUSES: readonly RunStatus[] = ['queued', 'running'];

export interface RuleRun {
  id: number;
  storeId: number;
  status: RunStatus;
  total: number;
  done: number;
  /** Last variation-family root whose chunk committed (0: none yet). */
  afterRoot: number;
  created: number;
  madeIneligible: number;
  madeEligible: number;
  error: string | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const TABLE = 'listing_rule_runs';

function toRun(r: Record<string, unknown>): RuleRun {
  return {
    id: Number(r.id),
    storeId: Number(r.store_id),
    status: r.status as RunStatus,
    total: Number(r.total),
    done: Number(r.done),
    afterRoot: Number(r.after_root),
    created: Number(r.created_count),
    madeIneligible: Number(r.made_ineligible),
    madeEligible: Number(r.made_eligible),
    error: (r.error as string | null) ?? null,
    createdBy: (r.created_by as string | null) ?? null,
    createdAt: fromDbTime(r.created_at as string)!,
    startedAt: fromDbTime(r.started_at as string | null),
    finishedAt: fromDbTime(r.finished_at as string | null),
  };
}

export async function runById(db: Knex, id: number): Promise<RuleRun | null> {
  const row = await db(TABLE).where({ id }).first();
  return row ? toRun(row) : null;
}

export async function latestRun(db: Knex, storeId: number): Promise<RuleRun | null> {
  const row = await db(TABLE).where({ store_id: storeId }).orderBy('id', 'desc').first();
  return row ? toRun(row) : null;
}

/** Ids of runs with work left, oldest first (the job drives them). */
export async function activeRunIds(db: Knex): Promise<number[]> {
  return (await db(TABLE).whereIn('status', ACTIVE_STATUSES).orderBy('id').pluck('id')).map(Number);
}

/** A newer save covers everything: the store's unfinished runs stop at their next chunk. */
export async function supersedeActive(db: Knex, storeId: number): Promise<void> {
  await db(TABLE).where({ store_id: storeId }).whereIn('status', ACTIVE_STATUSES).update({ status: 'superseded', finished_at: toDbTime() });
}

export async function insertRun(db: Knex, storeId: number, total: number, createdBy: string | null): Promise<number> {
  const [id] = await db(TABLE).insert({ store_id: storeId, status: 'queued', total, created_by: createdBy, created_at: toDbTime() });
  return Number(id);
}

/** queued → running with the planned total; false when the run is no longer queued. */
export async function markStarted(db: Knex, id: number, total: number): Promise<boolean> {
  const n = await db(TABLE).where({ id, status: 'queued' }).update({ status: 'running', total, started_at: toDbTime() });
  return n > 0;
}

/**
 * Claims the next chunk inside its transaction: moves the position from `from` to `to` and adds the chunk's
 * products to `done` (the last chunk also finishes the run). On MySQL the UPDATE locks the row until the
 * chunk commits, so a supersede waits for it; zero rows means someone else moved the run on.
 */
export async function claimChunk(trx: Knex, id: number, from: number, to: number, products: number, last: boolean): Promise<boolean> {
  const finish = last
    ? { status: 'done', finished_at: toDbTime(), done: trx.ref('total') }
    : { done: trx.raw('?? + ?', ['done', products]) };
  const n = await trx(TABLE)
    .where({ id, status: 'running', after_root: from })
    .update({ after_root: to, ...finish });
  return n > 0;
}

export async function addCounts(trx: Knex, id: number, r: ApplyResult): Promise<void> {
  if (!r.created && !r.madeIneligible && !r.madeEligible) return;
  await trx(TABLE)
    .where({ id })
    .update({
      created_count: trx.raw('?? + ?', ['created_count', r.created]),
      made_ineligible: trx.raw('?? + ?', ['made_ineligible', r.madeIneligible]),
      made_eligible: trx.raw('?? + ?', ['made_eligible', r.madeEligible]),
    });
}

/** A chunk failed (rolled back): the run stops with the error; Retry resumes it. */
export async function markFailed(db: Knex, id: number, error: string): Promise<void> {
  await db(TABLE)
    .where({ id })
    .whereIn('status', ACTIVE_STATUSES)
    .update({ status: 'failed', error: error.slice(0, 2000), finished_at: toDbTime() });
}

/** failed → queued, keeping its position (applying is idempotent; committed chunks stay applied). */
export async function requeue(db: Knex, id: number): Promise<boolean> {
  const n = await db(TABLE).where({ id, status: 'failed' }).update({ status: 'queued', error: null, finished_at: null });
  return n > 0;
}

/** The rule's "last applied" time follows the run that finished applying it. */
export async function markRuleApplied(trx: Knex, storeId: number): Promise<void> {
  await trx('listing_rules').where({ store_id: storeId }).update({ applied_at: toDbTime() });
}

/** Top-level listings whose catalog product was deleted: a full apply drops them, so the run's last chunk does. */
export async function listingsWithoutProduct(db: Knex, storeId: number): Promise<ListingRow[]> {
  const rows = await db('listings').where('store_id', storeId).whereNull('product_id').whereNull('parent_listing_id').orderBy('id');
  return rows.map(toListing);
}
