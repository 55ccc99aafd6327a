/** The Communication Log (`amazon_api_calls`): one row per HTTP attempt to Amazon. */
import type { Knex } from 'knex';
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

/** Newest first. */
export async function listApiCalls(db: Knex, filter: ApiCallFilter = {}): Promise<ApiCallRow[]> {
  const q = db('amazon_api_calls')
    .select('*')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100);
  if (filter.storeId !== undefined) q.where('store_id', filter.storeId);
  if (filter.sellerId !== undefined) q.where('seller_id', filter.sellerId);
  if (filter.operation !== undefined) q.where('operation', filter.operation);
  const rows = (await q) as Record<string, unknown>[];
  return rows.map((r) => ({
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
  }));
}

/** A deleted store takes its Communication Log with it (the rows carry no foreign key: they outlive failed inserts). */
export async function deleteStoreApiCalls(db: Knex, storeId: number): Promise<number> {
  return db('amazon_api_calls').where({ store_id: storeId }).delete();
}
