/** Stock profiles, the store default and hand assignments: small knex functions taking a knex or a transaction. */
import type { Knex } from 'knex';
import { bool, chunk, json } from '../db/rows';
import { fromDbTime, toDbTime } from '../db/time';
import type { NoQuantity, StockMode, StockPolicy } from './policy';

export interface StockProfile extends StockPolicy {
  id: number;
  storeId: number;
  name: string;
  isDefault: boolean;
  listingCount: number;
  createdAt: string;
  updatedAt: string;
}

interface ProfileRow {
  id: number | string;
  store_id: number | string;
  name: string;
  mode: StockMode;
  value: number | string | null;
  sources: string;
  placeholder_qty: number | string;
  max_qty: number | string | null;
  update_on_catalog_change: unknown;
  no_quantity: NoQuantity;
  created_at: string;
  updated_at: string;
}

const intOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function policyOf(r: ProfileRow): StockPolicy {
  return {
    mode: r.mode,
    value: intOrNull(r.value),
    sources: json<string[]>(r.sources, []),
    placeholderQty: Number(r.placeholder_qty),
    maxQty: intOrNull(r.max_qty),
    updateOnCatalogChange: bool(r.update_on_catalog_change),
    noQuantity: r.no_quantity,
  };
}

const columnsOf = (p: StockPolicy) => ({
  mode: p.mode,
  value: p.value,
  sources: JSON.stringify(p.sources),
  placeholder_qty: p.placeholderQty,
  max_qty: p.maxQty,
  update_on_catalog_change: p.updateOnCatalogChange ? 1 : 0,
  no_quantity: p.noQuantity,
});

export async function listProfiles(db: Knex, storeId: number): Promise<StockProfile[]> {
  const rows = (await db('stock_profiles').where('store_id', storeId).orderBy('name')) as ProfileRow[];
  const def = await defaultProfileId(db, storeId);
  const counts = new Map<number, number>();
  if (rows.length) {
    const c = (await db('stock_profile_listings')
      .whereIn(
        'profile_id',
        rows.map((r) => Number(r.id)),
      )
      .groupBy('profile_id')
      .select('profile_id')
      .count({ n: '*' })) as { profile_id: number | string; n: number | string }[];
    for (const r of c) counts.set(Number(r.profile_id), Number(r.n));
  }
  return rows.map((r) => ({
    id: Number(r.id),
    storeId: Number(r.store_id),
    name: r.name,
    ...policyOf(r),
    isDefault: def === Number(r.id),
    listingCount: counts.get(Number(r.id)) ?? 0,
    createdAt: fromDbTime(r.created_at)!,
    updatedAt: fromDbTime(r.updated_at)!,
  }));
}

export async function profileById(db: Knex, storeId: number, id: number): Promise<StockProfile | null> {
  return (await listProfiles(db, storeId)).find((p) => p.id === id) ?? null;
}

export async function profileByName(db: Knex, storeId: number, name: string): Promise<number | null> {
  const row = await db('stock_profiles').where({ store_id: storeId, name }).first('id');
  return row ? Number(row.id) : null;
}

export async function insertProfile(db: Knex, storeId: number, name: string, p: StockPolicy): Promise<number> {
  const now = toDbTime();
  const [id] = await db('stock_profiles').insert({ store_id: storeId, name, ...columnsOf(p), created_at: now, updated_at: now });
  return Number(id);
}

export async function updateProfile(db: Knex, id: number, name: string, p: StockPolicy): Promise<void> {
  await db('stock_profiles')
    .where('id', id)
    .update({ name, ...columnsOf(p), updated_at: toDbTime() });
}

export async function deleteProfile(db: Knex, id: number): Promise<void> {
  await db('stock_profile_listings').where('profile_id', id).delete();
  await db('stock_profile_defaults').where('profile_id', id).delete();
  await db('stock_profiles').where('id', id).delete();
}

export async function defaultProfileId(db: Knex, storeId: number): Promise<number | null> {
  const row = await db('stock_profile_defaults').where('store_id', storeId).first('profile_id');
  return row ? Number(row.profile_id) : null;
}

export async function setDefaultProfile(db: Knex, storeId: number, profileId: number | null): Promise<void> {
  await db('stock_profile_defaults').where('store_id', storeId).delete();
  if (profileId !== null) await db('stock_profile_defaults').insert({ store_id: storeId, profile_id: profileId });
}

/** Listing ids assigned to a profile by hand. */
export async function listingsOfProfile(db: Knex, profileId: number): Promise<number[]> {
  return (await db('stock_profile_listings').where('profile_id', profileId).orderBy('listing_id').pluck('listing_id')).map(Number);
}

/** Assigns (profileId) or unassigns (null) listings by hand. */
export async function assignListings(db: Knex, listingIds: readonly number[], profileId: number | null): Promise<void> {
  for (const part of chunk([...new Set(listingIds)], 500)) {
    await db('stock_profile_listings').whereIn('listing_id', part).delete();
    if (profileId !== null) await db('stock_profile_listings').insert(part.map((listing_id) => ({ listing_id, profile_id: profileId })));
  }
}

/** The policy each listing follows: its own profile, else the store's default, else the built-in default. */
export async function policiesOf(
  db: Knex,
  storeId: number,
  listingIds: readonly number[],
): Promise<{
  byListing: Map<number, { profileId: number; name: string; policy: StockPolicy }>;
  fallback: { profileId: number; name: string; policy: StockPolicy } | null;
}> {
  const byListing = new Map<number, { profileId: number; name: string; policy: StockPolicy }>();
  const profiles = new Map<number, { profileId: number; name: string; policy: StockPolicy }>();
  for (const r of (await db('stock_profiles').where('store_id', storeId)) as ProfileRow[])
    profiles.set(Number(r.id), { profileId: Number(r.id), name: r.name, policy: policyOf(r) });
  if (!profiles.size) return { byListing, fallback: null };
  for (const part of chunk([...new Set(listingIds)], 1000)) {
    for (const r of await db('stock_profile_listings').whereIn('listing_id', part).select('listing_id', 'profile_id')) {
      const p = profiles.get(Number(r.profile_id));
      if (p) byListing.set(Number(r.listing_id), p);
    }
  }
  const def = await defaultProfileId(db, storeId);
  return { byListing, fallback: def !== null ? (profiles.get(def) ?? null) : null };
}
