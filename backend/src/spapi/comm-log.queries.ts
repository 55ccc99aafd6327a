/** The Communication Log (`amazon_api_calls`): one row per HTTP attempt to Amazon. */
import type { Knex } from 'knex';
import type { CALL_OUTCOMES } from '../../../schema/communication-log';
import { orWhereContains, whereContains } from '../db/like';
import { fromDbTime, toDbTime } from '../db/time';

export interface ApiCallRecord {
  storeId: number | null;
  sellerId: string | null;
  marketplaceId: string | null;
  operation: string;
  method: string;
  path: string;
  status: number | null;
  amazonRequestId: string | null;
  latencyMs: number;
  attempt: number;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface ApiCallRow extends ApiCallRecord {
  id: number;
  createdAt: string;
}

const cut = (value: string | null, max: number) => (value === null ? null : value.length > max ? value.slice(0, max) : value);

export async function insertApiCall(db: Knex, call: ApiCallRecord, at: Date = new Date()): Promise<void> {
  await db('amazon_api_calls').insert({
    store_id: call.storeId,
    seller_id: cut(call.sellerId, 64),
    marketplace_id: cut(call.marketplaceId, 32),
    operation: cut(call.operation, 96),
    method: call.method,
    path: cut(call.path, 512),
    status: call.status,
    amazon_request_id: cut(call.amazonRequestId, 64),
    latency_ms: Math.max(0, Math.round(call.latencyMs)),
    attempt: call.attempt,
    error_code: cut(call.errorCode, 96),
    error_message: cut(call.errorMessage, 2000),
    created_at: toDbTime(at),
  });
}

export interface ApiCallFilter {
  storeId?: number;
  sellerId?: string;
  operation?: string;
  limit?: number;
}

const toRow = (r: Record<string, unknown>): ApiCallRow => ({
  id: Number(r.id),
  storeId: r.store_id === null ? null : Number(r.store_id),
  sellerId: (r.seller_id as string | null) ?? null,
  marketplaceId: (r.marketplace_id as string | null) ?? null,
  operation: String(r.operation),
  method: String(r.method),
  path: String(r.path),
  status: r.status === null ? null : Number(r.status),
  amazonRequestId: (r.amazon_request_id as string | null) ?? null,
  latencyMs: Number(r.latency_ms),
  attempt: Number(r.attempt),
  errorCode: (r.error_code as string | null) ?? null,
  errorMessage: (r.error_message as string | null) ?? null,
  createdAt: fromDbTime(r.created_at as string) ?? '',
});

/** Newest first. */
export async function listApiCalls(db: Knex, filter: ApiCallFilter = {}): Promise<ApiCallRow[]> {
  const q = db('amazon_api_calls')
    .select('*')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100);
  if (filter.storeId !== undefined) q.where('store_id', filter.storeId);
  if (filter.sellerId !== undefined) q.where('seller_id', filter.sellerId);
  if (filter.operation !== undefined) q.where('operation', filter.operation);
  return ((await q) as Record<string, unknown>[]).map(toRow);
}

export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** One store's log as the Communication Log page filters it (every filter optional). */
export interface ApiCallPageFilter {
  storeId: number;
  operation?: string;
  outcome?: CallOutcome;
  status?: number;
  /** ISO times: at or after `from`, before `to`. */
  from?: string;
  to?: string;
  /** Text in the request id, error code or error message. */
  q?: string;
  page: number;
  pageSize: number;
}

function whereOutcome(q: Knex.QueryBuilder, outcome: CallOutcome): Knex.QueryBuilder {
  switch (outcome) {
    case 'ok':
      return q.where('status', '>=', 200).andWhere('status', '<', 300);
    case 'failed':
      // A null status (no answer) is a failure too; NOT BETWEEN alone would drop it.
      return q.where((w) => {
        w.whereNull('status').orWhere('status', '<', 200).orWhere('status', '>=', 300);
      });
    case 'throttled':
      return q.where('status', 429);
    case 'client_error':
      return q.where('status', '>=', 400).andWhere('status', '<', 500).andWhereNot('status', 429);
    case 'server_error':
      return q.where('status', '>=', 500);
    case 'no_answer':
      return q.whereNull('status');
  }
}

/** A page of one store's calls, newest first, with the total the filters leave. */
export async function pageApiCalls(db: Knex, f: ApiCallPageFilter): Promise<{ rows: ApiCallRow[]; total: number }> {
  const base = db('amazon_api_calls').where('store_id', f.storeId);
  if (f.operation !== undefined) base.andWhere('operation', f.operation);
  if (f.status !== undefined) base.andWhere('status', f.status);
  if (f.outcome !== undefined) whereOutcome(base, f.outcome);
  if (f.from !== undefined) base.andWhere('created_at', '>=', toDbTime(new Date(f.from)));
  if (f.to !== undefined) base.andWhere('created_at', '<', toDbTime(new Date(f.to)));
  if (f.q !== undefined) {
    const text = f.q;
    base.andWhere((w) => {
      whereContains(w, 'amazon_request_id', text);
      orWhereContains(w, 'error_code', text);
      orWhereContains(w, 'error_message', text);
    });
  }
  const total = Number((await base.clone().count({ n: '*' }).first())?.n ?? 0);
  const rows = (await base
    .select('*')
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)) as Record<string, unknown>[];
  return { rows: rows.map(toRow), total };
}

/** One call of one store's log, or null (another store's call is not found either). */
export async function apiCallOfStore(db: Knex, storeId: number, id: number): Promise<ApiCallRow | null> {
  const r = (await db('amazon_api_calls').where({ store_id: storeId, id }).first()) as Record<string, unknown> | undefined;
  return r ? toRow(r) : null;
}

/** The operations in one store's log, by name (the operation filter's choices; served by the store/operation index). */
export async function operationsOfStore(db: Knex, storeId: number): Promise<string[]> {
  const rows = (await db('amazon_api_calls').where('store_id', storeId).distinct('operation').orderBy('operation')) as {
    operation: string;
  }[];
  return rows.map((r) => r.operation);
}

/** A deleted store takes its Communication Log with it (the rows carry no foreign key: they outlive failed inserts). */
export async function deleteStoreApiCalls(db: Knex, storeId: number): Promise<number> {
  return db('amazon_api_calls').where({ store_id: storeId }).delete();
}
