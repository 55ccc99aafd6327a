/**
 * listing_reconcile_runs (one row per check) and listing_drift (one open row per listing and field, kept as
 * history once resolved): small knex functions taking a knex or a transaction. "Open" is `in_progress` /
 * `is_open` = 1; closing sets NULL so the unique keys only bind open rows (see the migration).
 */
import type { Knex } from 'knex';
import type { DriftField, DriftResolution } from '../../../../schema/listings';
import { chunk } from '../../db/rows';
import { fromDbTime } from '../../db/time';
import type { Finding } from './compare';

export interface RunRow {
  id: number;
  storeId: number;
  trigger: 'schedule' | 'manual';
  status: 'requested' | 'done' | 'failed';
  reportId: string | null;
  /** GET_MERCHANT_LISTINGS_INACTIVE_DATA, when the report had no status column. */
  inactiveReportId: string | null;
  startedAt: string;
  finishedAt: string | null;
  rowsCompared: number;
  driftFound: number;
  repaired: number;
  statusesCorrected: number;
  error: string | null;
}

export interface DriftRow {
  id: number;
  storeId: number;
  listingId: number;
  sku: string;
  sellerSku: string;
  field: DriftField;
  ours: string | null;
  amazon: string | null;
  manualQuantity: number | null;
  open: boolean;
  detectedAt: string;
  updatedAt: string;
  repairedAt: string | null;
  resolution: DriftResolution | null;
}

const toRun = (r: Record<string, unknown>): RunRow => ({
  id: Number(r.id),
  storeId: Number(r.store_id),
  trigger: r.trigger as RunRow['trigger'],
  status: r.status as RunRow['status'],
  reportId: (r.report_id as string | null) ?? null,
  inactiveReportId: (r.inactive_report_id as string | null) ?? null,
  startedAt: fromDbTime(r.started_at as string)!,
  finishedAt: fromDbTime(r.finished_at as string | null),
  rowsCompared: Number(r.rows_compared),
  driftFound: Number(r.drift_found),
  repaired: Number(r.repaired),
  statusesCorrected: Number(r.statuses_corrected),
  error: (r.error as string | null) ?? null,
});

const toDrift = (r: Record<string, unknown>): DriftRow => ({
  id: Number(r.id),
  storeId: Number(r.store_id),
  listingId: Number(r.listing_id),
  sku: String(r.sku ?? r.seller_sku),
  sellerSku: String(r.seller_sku),
  field: r.field as DriftField,
  ours: (r.ours as string | null) ?? null,
  amazon: (r.amazon as string | null) ?? null,
  manualQuantity: r.manual_qty === null || r.manual_qty === undefined ? null : Number(r.manual_qty),
  open: r.is_open !== null && r.is_open !== undefined,
  detectedAt: fromDbTime(r.detected_at as string)!,
  updatedAt: fromDbTime(r.updated_at as string)!,
  repairedAt: fromDbTime(r.repaired_at as string | null),
  resolution: (r.resolution as DriftResolution | null) ?? null,
});

// ---- runs ----

export async function insertRun(db: Knex, storeId: number, trigger: RunRow['trigger'], startedAt: string): Promise<number> {
  const [id] = await db('listing_reconcile_runs').insert({
    store_id: storeId,
    trigger,
    status: 'requested',
    in_progress: 1,
    started_at: startedAt,
  });
  return Number(id);
}

export async function runById(db: Knex, id: number): Promise<RunRow | null> {
  const row = await db('listing_reconcile_runs').where({ id }).first();
  return row ? toRun(row) : null;
}

export async function openRun(db: Knex, storeId: number): Promise<RunRow | null> {
  const row = await db('listing_reconcile_runs').where({ store_id: storeId, in_progress: 1 }).first();
  return row ? toRun(row) : null;
}

export async function latestRun(db: Knex, storeId: number): Promise<RunRow | null> {
  const row = await db('listing_reconcile_runs').where({ store_id: storeId }).orderBy('id', 'desc').first();
  return row ? toRun(row) : null;
}

export async function lastCheckedAt(db: Knex, storeId: number): Promise<string | null> {
  const row = await db('listing_reconcile_runs').where({ store_id: storeId, status: 'done' }).max({ at: 'finished_at' }).first();
  return fromDbTime((row?.at as string | null) ?? null);
}

export async function setRunReport(db: Knex, id: number, reportId: string): Promise<void> {
  await db('listing_reconcile_runs').where({ id }).update({ report_id: reportId });
}

export async function setRunInactiveReport(db: Knex, id: number, reportId: string): Promise<void> {
  await db('listing_reconcile_runs').where({ id }).update({ inactive_report_id: reportId });
}

/** Closes an open run; false when another caller closed it first (its result stands). */
export async function finishRun(
  db: Knex,
  id: number,
  columns: {
    status: 'done' | 'failed';
    finished_at: string;
    error?: string;
    rows_compared?: number;
    drift_found?: number;
    repaired?: number;
    statuses_corrected?: number;
  },
): Promise<boolean> {
  const n = await db('listing_reconcile_runs')
    .where({ id, in_progress: 1 })
    .update({ ...columns, in_progress: null });
  return Number(n) > 0;
}

// ---- drift ----

const driftQuery = (db: Knex) =>
  db('listing_drift as d').join('listings as l', 'l.id', 'd.listing_id').select('d.*', 'l.sku', 'l.manual_qty');

export async function openDriftOf(db: Knex, listingIds: readonly number[]): Promise<DriftRow[]> {
  const out: DriftRow[] = [];
  for (const ids of chunk([...listingIds], 500))
    out.push(...(await driftQuery(db).whereIn('d.listing_id', ids).where('d.is_open', 1)).map(toDrift));
  return out;
}

export async function driftByIds(db: Knex, storeId: number, ids: readonly number[]): Promise<DriftRow[]> {
  const out: DriftRow[] = [];
  for (const part of chunk([...ids], 500))
    out.push(...(await driftQuery(db).where('d.store_id', storeId).whereIn('d.id', part)).map(toDrift));
  return out;
}

export async function openDriftPage(db: Knex, storeId: number, field: DriftField | undefined, page: number, pageSize: number) {
  const base = () => {
    const q = db('listing_drift as d').where({ 'd.store_id': storeId, 'd.is_open': 1 });
    if (field) q.where('d.field', field);
    return q;
  };
  const total = Number((await base().count({ n: '*' }).first())?.n ?? 0);
  const rows = await base()
    .join('listings as l', 'l.id', 'd.listing_id')
    .orderBy([{ column: 'd.detected_at', order: 'asc' }, { column: 'd.id' }])
    .offset((page - 1) * pageSize)
    .limit(pageSize)
    .select('d.*', 'l.sku', 'l.manual_qty');
  return { page, pageSize, total, items: rows.map(toDrift) };
}

/**
 * Writes this check's findings: an open row for the same (listing, field) gets Amazon's latest values (a
 * repair that did not take is forgotten, so it shows as plain drift again); a new one is inserted.
 */
export async function saveFindings(db: Knex, storeId: number, findings: readonly Finding[], open: readonly DriftRow[], now: string) {
  const existing = new Map(open.map((d) => [`${d.listingId}|${d.field}`, d]));
  const ids = new Map<Finding, number>();
  for (const f of findings) {
    const row = existing.get(`${f.listingId}|${f.field}`);
    if (row) {
      await db('listing_drift')
        .where({ id: row.id })
        .update({ ours: f.ours, amazon: f.amazon, updated_at: now, resolution: null, repaired_at: null });
      ids.set(f, row.id);
    } else {
      const [id] = await db('listing_drift').insert({
        store_id: storeId,
        listing_id: f.listingId,
        seller_sku: f.sellerSku,
        field: f.field,
        ours: f.ours,
        amazon: f.amazon,
        is_open: 1,
        detected_at: now,
        updated_at: now,
      });
      ids.set(f, Number(id));
    }
  }
  return ids;
}

/** Open rows not found again are closed; a pushed one keeps 'pushed_ours', others are 'gone'. */
export async function closeDrift(db: Knex, rows: readonly DriftRow[], now: string): Promise<void> {
  for (const d of rows)
    await db('listing_drift')
      .where({ id: d.id })
      .update({ is_open: null, resolved_at: now, resolution: d.resolution ?? 'gone' });
}

export async function markRepaired(
  db: Knex,
  ids: readonly number[],
  resolution: DriftResolution,
  now: string,
  close: boolean,
): Promise<void> {
  for (const part of chunk([...ids], 500))
    await db('listing_drift')
      .whereIn('id', part)
      .update({ resolution, repaired_at: now, ...(close ? { is_open: null, resolved_at: now } : {}) });
}
