/** Stock profiles, the store default and hand assignments: small knex functions taking a knex or a transaction. */
import type { Knex } from 'knex';
import { bool, chunk, json } from '../db/rows';
import { fromDbTime, toDbTime } from '../db/time';
import type { RuleNode } from '../../../schema/listing-rules';
import type { NoQuantity, StockMode, StockPolicy } from './policy';
import { resolveAssignments, type ProfileSource } from './profile-rules';

/** How a profile is assigned by rule: its conditions (null: by hand only) and priority (lower wins). */
export interface ProfileRule {
  conditions: RuleNode | null;
  priority: number;
}

export const DEFAULT_PRIORITY = 100;

export interface StockProfile extends StockPolicy, ProfileRule {
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
  conditions: string | null;
  priority: number | string;
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

function ruleOf(r: ProfileRow): ProfileRule {
  return { conditions: json<RuleNode | null>(r.conditions, null), priority: Number(r.priority ?? DEFAULT_PRIORITY) };
}

const columnsOf = (p: StockPolicy, rule: ProfileRule) => ({
  conditions: rule.conditions === null ? null : JSON.stringify(rule.conditions),
  priority: rule.priority,
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
    ...ruleOf(r),
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

export async function insertProfile(db: Knex, storeId: number, name: string, p: StockPolicy, rule: ProfileRule): Promise<number> {
  const now = toDbTime();
  const [id] = await db('stock_profiles').insert({ store_id: storeId, name, ...columnsOf(p, rule), created_at: now, updated_at: now });
  return Number(id);
}

export async function updateProfile(db: Knex, id: number, name: string, p: StockPolicy, rule: ProfileRule): Promise<void> {
  await db('stock_profiles')
    .where('id', id)
    .update({ name, ...columnsOf(p, rule), updated_at: toDbTime() });
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

/** Assigns (profileId) or unassigns (null) listings by hand. */
export async function assignListings(db: Knex, listingIds: readonly number[], profileId: number | null): Promise<void> {
  for (const part of chunk([...new Set(listingIds)], 500)) {
    await db('stock_profile_listings').whereIn('listing_id', part).delete();
    if (profileId !== null) await db('stock_profile_listings').insert(part.map((listing_id) => ({ listing_id, profile_id: profileId })));
  }
}

export interface FollowedProfile {
  profileId: number;
  name: string;
  policy: StockPolicy;
  source: Exclude<ProfileSource, 'built-in'>;
}

/** The rule side of a store's profiles (for resolving assignments). */
export async function ruleProfiles(db: Knex, storeId: number) {
  const rows = (await db('stock_profiles').where('store_id', storeId)) as ProfileRow[];
  return rows.map((r) => ({ id: Number(r.id), ...ruleOf(r) }));
}

/**
 * The policy each listing follows: assigned by hand, else the first rule profile matching its product, else
 * the store's default (`fallback`), else the built-in default (fallback null). Looked up at compute time, so a
 * catalog change that moves a product in or out of a rule takes effect on the recompute it triggers.
 */
export async function policiesOf(
  db: Knex,
  store: { storeId: number; stockId: number | null },
  listingIds: readonly number[],
): Promise<{ byListing: Map<number, FollowedProfile>; fallback: FollowedProfile | null }> {
  const byListing = new Map<number, FollowedProfile>();
  const rows = (await db('stock_profiles').where('store_id', store.storeId)) as ProfileRow[];
  if (!rows.length) return { byListing, fallback: null };
  const profiles = new Map(rows.map((r) => [Number(r.id), r]));
  const followed = (r: ProfileRow, source: FollowedProfile['source']): FollowedProfile => ({
    profileId: Number(r.id),
    name: r.name,
    policy: policyOf(r),
    source,
  });
  const rules = rows.map((r) => ({ id: Number(r.id), ...ruleOf(r) }));
  for (const [listingId, a] of await resolveAssignments(db, store, rules, listingIds))
    byListing.set(listingId, followed(profiles.get(a.profileId)!, a.source));
  const def = await defaultProfileId(db, store.storeId);
  const defRow = def !== null ? profiles.get(def) : undefined;
  return { byListing, fallback: defRow ? followed(defRow, 'default') : null };
}

/** What the listing grid and page show: the profile each listing follows and how it was chosen. */
export async function followedProfileOf(
  db: Knex,
  store: { storeId: number; stockId: number | null },
  listingIds: readonly number[],
): Promise<Map<number, { profile: { id: number; name: string } | null; source: ProfileSource }>> {
  const { byListing, fallback } = await policiesOf(db, store, listingIds);
  return new Map(
    listingIds.map((id) => {
      const f = byListing.get(id) ?? fallback;
      return [id, f ? { profile: { id: f.profileId, name: f.name }, source: f.source } : { profile: null, source: 'built-in' }];
    }),
  );
}
