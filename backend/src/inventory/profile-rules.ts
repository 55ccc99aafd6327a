/**
 * Which stock profile each listing follows: assigned by hand > the first profile (by priority, then id) whose
 * conditions match the listing's product > the store default (decided by the caller) > built-in. The
 * conditions are the listing rules' tree, compiled by `listings/rules/rule-sql.ts` and evaluated by the
 * database: one query per rule profile over the store's listings, never one per listing.
 *
 * STOPGAP (like catalog-stock.ts): the compile context (attribute ids and types, category paths) is read from
 * the catalog tables through the caller's knex or transaction, because this runs inside the desired-state
 * transaction where `app.catalog` cannot be called on SQLite. Move to `app.catalog` with the rule evaluation.
 */
import type { Knex } from 'knex';
import type { AttributeType } from '../../../schema/catalog';
import type { RuleNode } from '../../../schema/listing-rules';
import { joinStockSettings, salableQtySql, salableScope } from '../catalog/inventory.queries';
import { chunk } from '../db/rows';
import { compileRule, usesSalable, type CompileContext, type Sql } from '../listings/rules/rule-sql';

export type ProfileSource = 'hand' | 'rule' | 'default' | 'built-in';
export const PROFILE_SOURCES: readonly ProfileSource[] = ['hand', 'rule', 'default', 'built-in'];

export interface RuleProfile {
  id: number;
  priority: number;
  conditions: RuleNode | null;
}

export interface Assignment {
  profileId: number;
  source: 'hand' | 'rule';
}

interface StoreScope {
  storeId: number;
  stockId: number | null;
}

/** Rule profiles in the order they are tried: priority, then id. */
export const byPriority = (profiles: readonly RuleProfile[]) =>
  profiles.filter((p) => p.conditions !== null).sort((a, b) => a.priority - b.priority || a.id - b.id);

async function compileContext(db: Knex, stockId: number | null, salable: boolean): Promise<CompileContext> {
  const [attributes, sets, categories] = await Promise.all([
    db('attributes').select('id', 'code', 'type'),
    db('attribute_sets').pluck('code'),
    db('categories').select('id', 'path'),
  ]);
  return {
    // Options only matter for validation, which happened when the profile was saved.
    attributes: new Map(attributes.map((a) => [String(a.code), { id: Number(a.id), type: a.type as AttributeType, options: [] }])),
    attributeSets: new Set(sets.map(String)),
    categoryIds: new Set(categories.map((c) => Number(c.id))),
    categoryPaths: new Map(categories.map((c) => [Number(c.id), String(c.path)])),
    // As the listing rule does: no stock → no source counts (reservations and threshold still apply).
    salable: salable ? salableQtySql(await salableScope(db, stockId ?? 0), 'p') : { sql: '0', bindings: [] },
  };
}

/** Listings of the store (all, or among `listingIds`) whose product the compiled rule selects. */
async function matching(db: Knex, storeId: number, rule: Sql, joinStock: boolean, listingIds: readonly number[] | null) {
  const run = (ids: readonly number[] | null) => {
    let q = db('listings as l').join('products as p', 'p.id', 'l.product_id').where('l.store_id', storeId);
    if (ids) q = q.whereIn('l.id', [...ids]);
    if (joinStock) q = joinStockSettings(q, 'p');
    return q.whereRaw(rule.sql, rule.bindings).pluck('l.id');
  };
  if (!listingIds) return (await run(null)).map(Number);
  const out: number[] = [];
  for (const part of chunk([...new Set(listingIds)], 1000)) out.push(...(await run(part)).map(Number));
  return out;
}

async function handAssignments(db: Knex, storeId: number, listingIds: readonly number[] | null): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const read = (ids: readonly number[] | null) => {
    const q = db('stock_profile_listings as a').join('listings as l', 'l.id', 'a.listing_id').where('l.store_id', storeId);
    return (ids ? q.whereIn('a.listing_id', [...ids]) : q).select('a.listing_id', 'a.profile_id');
  };
  const parts = listingIds ? chunk([...new Set(listingIds)], 1000) : [null];
  for (const part of parts) for (const r of await read(part)) out.set(Number(r.listing_id), Number(r.profile_id));
  return out;
}

/**
 * The profile assigned to each listing by hand or by rule (`listingIds` null: every listing of the store).
 * Listings absent from the answer follow the store default, or the built-in policy.
 */
export async function resolveAssignments(
  db: Knex,
  store: StoreScope,
  profiles: readonly RuleProfile[],
  listingIds: readonly number[] | null,
): Promise<Map<number, Assignment>> {
  const out = new Map<number, Assignment>();
  if (listingIds && !listingIds.length) return out;
  const known = new Set(profiles.map((p) => p.id));
  for (const [listingId, profileId] of await handAssignments(db, store.storeId, listingIds))
    if (known.has(profileId)) out.set(listingId, { profileId, source: 'hand' });
  const rules = byPriority(profiles);
  if (!rules.length) return out;
  const ctx = await compileContext(
    db,
    store.stockId,
    rules.some((r) => usesSalable(r.conditions!)),
  );
  for (const r of rules) {
    const rule = compileRule(r.conditions!, ctx);
    for (const id of await matching(db, store.storeId, rule, usesSalable(r.conditions!), listingIds))
      if (!out.has(id)) out.set(id, { profileId: r.id, source: 'rule' });
  }
  return out;
}

/** Listings the profile's rule gives it (not assigned by hand, not taken by a rule that comes first). */
export async function rulePreview(
  db: Knex,
  store: StoreScope,
  profiles: readonly RuleProfile[],
  profileId: number,
  sampleSize = 10,
): Promise<{ matching: number; sample: { listingId: number; sku: string; sellerSku: string }[] }> {
  const mine: number[] = [];
  for (const [listingId, a] of await resolveAssignments(db, store, profiles, null))
    if (a.profileId === profileId && a.source === 'rule') mine.push(listingId);
  mine.sort((a, b) => a - b);
  const rows = mine.length
    ? await db('listings').whereIn('id', mine.slice(0, sampleSize)).orderBy('id').select('id', 'sku', 'seller_sku')
    : [];
  return {
    matching: mine.length,
    sample: rows.map((r) => ({ listingId: Number(r.id), sku: String(r.sku), sellerSku: String(r.seller_sku) })),
  };
}
