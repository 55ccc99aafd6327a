/** The import records, the workbench's SKU mappings and the poll's cursor: small knex functions (a knex or a transaction). */
import type { Knex } from 'knex';
import type { ImportState } from '../../../schema/amazon-orders';
import { json } from '../db/rows';
import { fromDbTime, toDbTime } from '../db/time';
import { isUniqueViolation } from '../db/errors';

export interface ReservedLine {
  sku: string;
  /** Negative: held. */
  quantity: number;
}

export interface ImportRecord {
  id: number;
  storeId: number;
  amazonOrderId: string;
  state: ImportState;
  reason: string | null;
  attempts: number;
  lastError: string | null;
  amazonStatus: string | null;
  amazonUpdatedAt: string | null;
  fulfillmentChannel: 'MFN' | 'AFN' | null;
  orderId: number | null;
  unknownSkus: string[];
  reservedStockId: number | null;
  reservedLines: ReservedLine[];
  reservedAt: string | null;
  cancelRequestedAt: string | null;
  updatedAt: string;
}

type Row = Record<string, unknown>;

export function toRecord(r: Row): ImportRecord {
  return {
    id: Number(r.id),
    storeId: Number(r.store_id),
    amazonOrderId: String(r.amazon_order_id),
    state: r.state as ImportState,
    reason: (r.reason as string | null) ?? null,
    attempts: Number(r.attempts),
    lastError: (r.last_error as string | null) ?? null,
    amazonStatus: (r.amazon_status as string | null) ?? null,
    amazonUpdatedAt: fromDbTime(r.amazon_updated_at as string | null),
    fulfillmentChannel: (r.fulfillment_channel as 'MFN' | 'AFN' | null) ?? null,
    orderId: r.order_id === null || r.order_id === undefined ? null : Number(r.order_id),
    unknownSkus: json<string[]>(r.unknown_skus, []),
    reservedStockId: r.reserved_stock_id === null || r.reserved_stock_id === undefined ? null : Number(r.reserved_stock_id),
    reservedLines: json<ReservedLine[]>(r.reserved_lines, []),
    reservedAt: fromDbTime(r.reserved_at as string | null),
    cancelRequestedAt: fromDbTime(r.cancel_requested_at as string | null),
    updatedAt: fromDbTime(r.updated_at as string)!,
  };
}

export async function recordByAmazonOrderId(db: Knex, amazonOrderId: string, forUpdate = false): Promise<ImportRecord | null> {
  const q = db('amazon_order_imports').where({ amazon_order_id: amazonOrderId }).first();
  if (forUpdate) q.forUpdate();
  const row = await q;
  return row ? toRecord(row) : null;
}

export async function recordById(db: Knex, id: number): Promise<ImportRecord | null> {
  const row = await db('amazon_order_imports').where({ id }).first();
  return row ? toRecord(row) : null;
}

/**
 * The record of an Amazon order, created when missing, locked for the caller's transaction: two importers of one
 * order (a notification and a poll at once) queue here (MySQL row lock; SQLite's one writer) and the second sees
 * what the first committed.
 */
export async function claimRecord(trx: Knex.Transaction, storeId: number, amazonOrderId: string, now: Date): Promise<ImportRecord> {
  const existing = await recordByAmazonOrderId(trx, amazonOrderId, true);
  if (existing) return existing;
  try {
    await trx('amazon_order_imports').insert({
      store_id: storeId,
      amazon_order_id: amazonOrderId,
      state: 'needs_attention',
      reason: 'being imported',
      attempts: 0,
      created_at: toDbTime(now),
      updated_at: toDbTime(now),
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  return (await recordByAmazonOrderId(trx, amazonOrderId, true))!;
}

export interface RecordColumns {
  state?: ImportState;
  reason?: string | null;
  attempts?: number;
  lastError?: string | null;
  amazonStatus?: string | null;
  amazonUpdatedAt?: string | null;
  fulfillmentChannel?: 'MFN' | 'AFN' | null;
  orderId?: number | null;
  unknownSkus?: string[];
  reservedStockId?: number | null;
  reservedLines?: ReservedLine[];
  reservedAt?: string | null;
  cancelRequestedAt?: string | null;
}

const COLUMN: Record<keyof RecordColumns, string> = {
  state: 'state',
  reason: 'reason',
  attempts: 'attempts',
  lastError: 'last_error',
  amazonStatus: 'amazon_status',
  amazonUpdatedAt: 'amazon_updated_at',
  fulfillmentChannel: 'fulfillment_channel',
  orderId: 'order_id',
  unknownSkus: 'unknown_skus',
  reservedStockId: 'reserved_stock_id',
  reservedLines: 'reserved_lines',
  reservedAt: 'reserved_at',
  cancelRequestedAt: 'cancel_requested_at',
};
const TIMES = new Set(['amazonUpdatedAt', 'reservedAt', 'cancelRequestedAt']);

export async function updateRecord(db: Knex, id: number, columns: RecordColumns, now: Date): Promise<void> {
  const row: Row = { updated_at: toDbTime(now) };
  for (const [k, v] of Object.entries(columns) as [keyof RecordColumns, unknown][]) {
    if (v === undefined) continue;
    let value = v;
    if (k === 'unknownSkus' || k === 'reservedLines') value = (v as unknown[]).length ? JSON.stringify(v) : null;
    else if (TIMES.has(k) && typeof v === 'string') value = toDbTime(new Date(v));
    else if (typeof v === 'string' && (k === 'reason' || k === 'lastError')) value = v.slice(0, k === 'reason' ? 500 : 1000);
    row[COLUMN[k]] = value;
  }
  await db('amazon_order_imports').where({ id }).update(row);
}

/** The workbench: records needing attention, newest first. */
export async function pageAttention(
  db: Knex,
  storeId: number | null,
  limit: number,
  offset: number,
): Promise<{ items: ImportRecord[]; total: number }> {
  const base = () => {
    const q = db('amazon_order_imports').where({ state: 'needs_attention' });
    if (storeId !== null) q.where({ store_id: storeId });
    return q;
  };
  const n = ((await base().count({ n: '*' })) as { n: number | string }[])[0]?.n ?? 0;
  const rows = await base().orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset);
  return { items: rows.map(toRecord), total: Number(n) };
}

export async function attentionCounts(db: Knex): Promise<{ storeId: number; count: number }[]> {
  const rows = (await db('amazon_order_imports')
    .where({ state: 'needs_attention' })
    .groupBy('store_id')
    .select('store_id')
    .count({ n: '*' })) as {
    store_id: number;
    n: number | string;
  }[];
  return rows.map((r) => ({ storeId: Number(r.store_id), count: Number(r.n) }));
}

export async function attentionCount(db: Knex, storeId: number): Promise<number> {
  const rows = (await db('amazon_order_imports').where({ state: 'needs_attention', store_id: storeId }).count({ n: '*' })) as {
    n: number | string;
  }[];
  const n = rows[0]?.n ?? 0;
  return Number(n);
}

export async function attentionIds(db: Knex, storeId: number | null, limit: number): Promise<number[]> {
  const q = db('amazon_order_imports').where({ state: 'needs_attention' }).orderBy('id').limit(limit);
  if (storeId !== null) q.where({ store_id: storeId });
  return (await q.select('id')).map((r: { id: number }) => Number(r.id));
}

/** Orders a failure (not a business reason) left needing attention, fewer than `maxAttempts` times tried. */
export async function failedIds(db: Knex, storeId: number, maxAttempts: number, limit: number): Promise<number[]> {
  const rows = await db('amazon_order_imports')
    .where({ store_id: storeId, state: 'needs_attention' })
    .whereNotNull('last_error')
    .where('attempts', '<', maxAttempts)
    .orderBy('id')
    .limit(limit)
    .select('id');
  return rows.map((r: { id: number }) => Number(r.id));
}

/** Records still holding a reservation taken before `before` (the reservation's lifetime ran out). */
export async function expiredReservations(db: Knex, storeId: number, before: Date): Promise<ImportRecord[]> {
  const rows = await db('amazon_order_imports')
    .where({ store_id: storeId })
    .whereIn('state', ['reserved', 'needs_attention'])
    .whereNotNull('reserved_lines')
    .where('reserved_at', '<', toDbTime(before));
  return rows.map(toRecord);
}

// ---- SKU mappings ----

export async function mappedSkus(db: Knex, storeId: number, sellerSkus: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!sellerSkus.length) return out;
  for (const r of await db('amazon_order_sku_map')
    .where({ store_id: storeId })
    .whereIn('seller_sku', [...sellerSkus])
    .select('seller_sku', 'sku'))
    out.set(String(r.seller_sku), String(r.sku));
  return out;
}

export async function upsertSkuMapping(db: Knex, storeId: number, sellerSku: string, sku: string, now: Date): Promise<void> {
  const updated = await db('amazon_order_sku_map').where({ store_id: storeId, seller_sku: sellerSku }).update({ sku });
  if (!updated) await db('amazon_order_sku_map').insert({ store_id: storeId, seller_sku: sellerSku, sku, created_at: toDbTime(now) });
}

export async function skuMappingsOf(db: Knex, storeId: number): Promise<{ storeId: number; sellerSku: string; sku: string }[]> {
  const rows = await db('amazon_order_sku_map').where({ store_id: storeId }).orderBy('seller_sku');
  return rows.map((r: Row) => ({ storeId: Number(r.store_id), sellerSku: String(r.seller_sku), sku: String(r.sku) }));
}

// ---- the poll's cursor ----

export async function cursorOf(db: Knex, storeId: number): Promise<string | null> {
  const row = await db('amazon_order_cursors').where({ store_id: storeId }).first('last_updated_before');
  return row ? fromDbTime(row.last_updated_before as string) : null;
}

export async function saveCursor(db: Knex, storeId: number, before: Date, now: Date): Promise<void> {
  const updated = await db('amazon_order_cursors')
    .where({ store_id: storeId })
    .update({ last_updated_before: toDbTime(before), updated_at: toDbTime(now) });
  if (!updated) {
    try {
      await db('amazon_order_cursors').insert({ store_id: storeId, last_updated_before: toDbTime(before), updated_at: toDbTime(now) });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
}
