/** The amazon_stores table: small knex functions taking a knex or a transaction. */
import type { Knex } from 'knex';
import {
  DEFAULT_STORE_SETTINGS,
  type ProductIdType,
  type StoredAuthorizationState,
  type StoreSettings,
  type StoreStatus,
  type SyncPauseReason,
} from '../../../schema/stores';
import { json } from '../db/rows';
import { toDbTime } from '../db/time';

export interface StoreRow {
  id: number;
  name: string;
  email: string;
  websiteId: number;
  marketplaceId: string;
  status: StoreStatus;
  authorization: StoredAuthorizationState;
  sellerId: string | null;
  refreshTokenSealed: string | null;
  authorizedAt: string | null;
  expiresAt: string | null;
  authorizationCheckedAt: string | null;
  authorizationError: string | null;
  syncPausedReason: SyncPauseReason | null;
  syncPausedAt: string | null;
  productIdType: ProductIdType;
  productIdAttribute: string;
  settings: StoreSettings;
  createdAt: string;
  updatedAt: string;
}

/** Column values as written (times are DB time text). */
export type StoreColumns = Record<string, string | number | boolean | null>;

function toRow(r: Record<string, unknown>): StoreRow {
  return {
    id: Number(r.id),
    name: String(r.name),
    email: String(r.email),
    websiteId: Number(r.website_id),
    marketplaceId: String(r.marketplace_id),
    status: r.status as StoreStatus,
    authorization: r.authorization_state as StoredAuthorizationState,
    sellerId: (r.seller_id as string | null) ?? null,
    refreshTokenSealed: (r.refresh_token_sealed as string | null) ?? null,
    authorizedAt: (r.authorized_at as string | null) ?? null,
    expiresAt: (r.expires_at as string | null) ?? null,
    authorizationCheckedAt: (r.authorization_checked_at as string | null) ?? null,
    authorizationError: (r.authorization_error as string | null) ?? null,
    syncPausedReason: (r.sync_paused_reason as SyncPauseReason | null) ?? null,
    syncPausedAt: (r.sync_paused_at as string | null) ?? null,
    productIdType: r.product_id_type as ProductIdType,
    productIdAttribute: String(r.product_id_attribute),
    settings: { ...DEFAULT_STORE_SETTINGS, ...json<Partial<StoreSettings>>(r.settings, {}) },
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

export async function listStores(db: Knex): Promise<StoreRow[]> {
  return (await db('amazon_stores').orderBy('id')).map(toRow);
}

export async function storeById(db: Knex, id: number, forUpdate = false): Promise<StoreRow | null> {
  const q = db('amazon_stores').where({ id });
  if (forUpdate) q.forUpdate();
  const row = await q.first();
  return row ? toRow(row) : null;
}

export async function storeIdByName(db: Knex, name: string): Promise<number | null> {
  const row = await db('amazon_stores').where({ name }).first('id');
  return row ? Number(row.id) : null;
}

/** The store (other than `exceptId`) holding this seller in this marketplace, if any. */
export async function storeHoldingSeller(
  db: Knex,
  sellerId: string,
  marketplaceId: string,
  exceptId: number,
): Promise<{ id: number; name: string } | null> {
  const row = await db('amazon_stores')
    .where({ seller_marketplace_key: sellerKey(sellerId, marketplaceId) })
    .whereNot({ id: exceptId })
    .first('id', 'name');
  return row ? { id: Number(row.id), name: String(row.name) } : null;
}

export const sellerKey = (sellerId: string, marketplaceId: string) => `${sellerId}:${marketplaceId}`;

/** Stores whose stored authorization is one of `states` (jobs). */
export async function storesWithAuthorization(db: Knex, states: readonly StoredAuthorizationState[]): Promise<StoreRow[]> {
  return (await db('amazon_stores').whereIn('authorization_state', states).orderBy('id')).map(toRow);
}

export async function insertStore(db: Knex, columns: StoreColumns): Promise<number> {
  const [id] = await db('amazon_stores').insert(columns);
  return Number(id);
}

export async function updateStore(db: Knex, id: number, columns: StoreColumns): Promise<void> {
  await db('amazon_stores')
    .where({ id })
    .update({ ...columns, updated_at: toDbTime() });
}

export async function deleteStore(db: Knex, id: number): Promise<void> {
  await db('amazon_stores').where({ id }).del();
}
