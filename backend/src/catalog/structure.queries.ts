/**
 * The catalog's structure: websites and store views, attributes and their options, attribute sets,
 * categories, inventory sources and stocks. Small knex functions taking a knex or a transaction.
 */
import type { Knex } from 'knex';
import type { AttributeScope, AttributeType } from '../../../schema/catalog';
import { bool } from '../db/rows';
import { toDbTime } from '../db/time';
import { orWhereContains, whereContains } from '../db/like';

export interface StoreView {
  id: number;
  code: string;
  name: string;
  locale: string;
  isActive: boolean;
}

export interface Website {
  id: number;
  code: string;
  name: string;
  baseCurrency: string;
  isDefault: boolean;
  stockId: number | null;
  storeViews: StoreView[];
}

export interface Attribute {
  id: number;
  code: string;
  label: string;
  type: AttributeType;
  scope: AttributeScope;
  isRequired: boolean;
  isSystem: boolean;
  options: string[];
}

export interface AttributeSet {
  id: number;
  code: string;
  name: string;
  attributes: string[];
}

export interface Category {
  id: number;
  parentId: number | null;
  name: string;
  path: string;
  level: number;
  productCount: number;
  children?: Category[];
}

export interface Source {
  code: string;
  name: string;
  enabled: boolean;
  country: string;
  description: string | null;
  stocks: { id: number; name: string; priority: number }[];
  itemCount?: number;
}

export interface Stock {
  id: number;
  name: string;
  sources: { code: string; name: string; enabled: boolean; priority: number }[];
  websites: string[];
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

// ---- websites ----

export async function listWebsites(db: Knex, code?: string): Promise<Website[]> {
  const q = db('websites as w').leftJoin('stock_websites as sw', 'sw.website_id', 'w.id').orderBy('w.id').select('w.*', 'sw.stock_id');
  if (code !== undefined) q.where('w.code', code);
  const websites = await q;
  if (!websites.length) return [];
  const views = await db('store_views')
    .whereIn(
      'website_id',
      websites.map((w) => w.id),
    )
    .orderBy('id');
  const byWebsite = groupBy(views, (v) => Number(v.website_id));
  return websites.map((w) => ({
    id: Number(w.id),
    code: w.code,
    name: w.name,
    baseCurrency: w.base_currency,
    isDefault: bool(w.is_default),
    stockId: w.stock_id === null ? null : Number(w.stock_id),
    storeViews: (byWebsite.get(Number(w.id)) ?? []).map((v) => ({
      id: Number(v.id),
      code: v.code,
      name: v.name,
      locale: v.locale,
      isActive: bool(v.is_active),
    })),
  }));
}

export async function websiteByCode(db: Knex, code: string): Promise<{ id: number; stockId: number | null } | null> {
  const row = await db('websites as w')
    .leftJoin('stock_websites as sw', 'sw.website_id', 'w.id')
    .where('w.code', code)
    .first('w.id', 'sw.stock_id');
  return row ? { id: Number(row.id), stockId: row.stock_id === null ? null : Number(row.stock_id) } : null;
}

/** The stock of the default website (else of the first website), or null when no website sells from a stock. */
export async function defaultStockId(db: Knex): Promise<number | null> {
  const row = await db('websites as w')
    .join('stock_websites as sw', 'sw.website_id', 'w.id')
    .orderBy('w.is_default', 'desc')
    .orderBy('w.id')
    .first('sw.stock_id');
  return row ? Number(row.stock_id) : null;
}

// ---- attributes ----

export async function listAttributes(
  db: Knex,
  filter: { q?: string; type?: AttributeType; codes?: readonly string[] } = {},
): Promise<Attribute[]> {
  const q = db('attributes').orderBy('code');
  if (filter.type) q.where('type', filter.type);
  if (filter.codes) q.whereIn('code', filter.codes);
  if (filter.q) {
    const text = filter.q;
    q.where((w) => orWhereContains(whereContains(w, 'code', text), 'label', text));
  }
  const rows = await q;
  if (!rows.length) return [];
  const options = await db('attribute_options')
    .whereIn(
      'attribute_id',
      rows.map((r) => r.id),
    )
    .orderBy(['attribute_id', 'sort_order', 'id']);
  const byAttribute = groupBy(options, (o) => Number(o.attribute_id));
  return rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    label: r.label,
    type: r.type,
    scope: r.scope,
    isRequired: bool(r.is_required),
    isSystem: bool(r.is_system),
    options: (byAttribute.get(Number(r.id)) ?? []).map((o) => o.value),
  }));
}

export async function attributeByCode(db: Knex, code: string): Promise<Attribute | null> {
  return (await listAttributes(db, { codes: [code] }))[0] ?? null;
}

export async function insertAttribute(
  db: Knex,
  a: { code: string; label: string; type: AttributeType; scope: AttributeScope; isRequired: boolean; options: readonly string[] },
): Promise<number> {
  const [id] = await db('attributes').insert({
    code: a.code,
    label: a.label,
    type: a.type,
    scope: a.scope,
    is_required: a.isRequired ? 1 : 0,
    is_system: 0,
    created_at: toDbTime(),
  });
  const attributeId = Number(id);
  if (a.options.length)
    await db('attribute_options').insert(a.options.map((value, i) => ({ attribute_id: attributeId, value, sort_order: i })));
  return attributeId;
}

// ---- attribute sets ----

export async function listAttributeSets(db: Knex): Promise<AttributeSet[]> {
  const sets = await db('attribute_sets').orderBy('name');
  const links = await db('attribute_set_attributes as asa')
    .join('attributes as a', 'a.id', 'asa.attribute_id')
    .orderBy('a.code')
    .select('asa.attribute_set_id', 'a.code');
  const bySet = groupBy(links, (l) => Number(l.attribute_set_id));
  return sets.map((s) => ({
    id: Number(s.id),
    code: s.code,
    name: s.name,
    attributes: (bySet.get(Number(s.id)) ?? []).map((l) => l.code),
  }));
}

export async function attributeSetIdsByCode(db: Knex, codes: readonly string[]): Promise<Map<string, number>> {
  const rows = codes.length ? await db('attribute_sets').whereIn('code', codes).select('id', 'code') : [];
  return new Map(rows.map((r) => [r.code as string, Number(r.id)]));
}

export async function addAttributeToSets(db: Knex, attributeId: number, setIds: readonly number[]): Promise<void> {
  if (setIds.length) await db('attribute_set_attributes').insert(setIds.map((id) => ({ attribute_set_id: id, attribute_id: attributeId })));
}

// ---- categories ----

export async function listCategories(db: Knex): Promise<Category[]> {
  const counts = db('product_categories').groupBy('category_id').select('category_id').count({ n: '*' }).as('pc');
  const rows = await db('categories as c').leftJoin(counts, 'pc.category_id', 'c.id').orderBy('c.path').select('c.*', 'pc.n');
  return rows.map((r) => ({
    id: Number(r.id),
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    name: r.name,
    path: r.path,
    level: Number(r.level),
    productCount: Number(r.n ?? 0),
  }));
}

/** Nests a flat, path-ordered category list under its roots. */
export function categoryTree(flat: readonly Category[]): Category[] {
  const nodes = new Map(flat.map((c) => [c.id, { ...c, children: [] as Category[] }]));
  const roots: Category[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

// ---- sources and stocks ----

export async function listSources(db: Knex, code?: string): Promise<Source[]> {
  const q = db('sources').orderBy('code');
  if (code !== undefined) q.where('code', code);
  const rows = await q;
  const links = await db('stock_sources as ss')
    .join('stocks as st', 'st.id', 'ss.stock_id')
    .orderBy('ss.stock_id')
    .select('ss.source_code', 'st.id', 'st.name', 'ss.priority');
  const bySource = groupBy(links, (l) => l.source_code as string);
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    enabled: bool(r.enabled),
    country: r.country,
    description: r.description ?? null,
    stocks: (bySource.get(r.code) ?? []).map((l) => ({ id: Number(l.id), name: l.name, priority: Number(l.priority) })),
  }));
}

export async function sourceItemCount(db: Knex, code: string): Promise<number> {
  const row = await db('source_items').where('source_code', code).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

export async function sourceExists(db: Knex, code: string): Promise<boolean> {
  return Boolean(await db('sources').where({ code }).first('code'));
}

export async function listStocks(db: Knex, id?: number): Promise<Stock[]> {
  const q = db('stocks').orderBy('id');
  if (id !== undefined) q.where('id', id);
  const stocks = await q;
  if (!stocks.length) return [];
  const ids = stocks.map((s) => s.id);
  const sources = await db('stock_sources as ss')
    .join('sources as s', 's.code', 'ss.source_code')
    .whereIn('ss.stock_id', ids)
    .orderBy(['ss.stock_id', 'ss.priority', 's.code'])
    .select('ss.stock_id', 's.code', 's.name', 's.enabled', 'ss.priority');
  const websites = await db('stock_websites as sw')
    .join('websites as w', 'w.id', 'sw.website_id')
    .whereIn('sw.stock_id', ids)
    .orderBy('w.id')
    .select('sw.stock_id', 'w.code');
  const sourcesBy = groupBy(sources, (s) => Number(s.stock_id));
  const websitesBy = groupBy(websites, (w) => Number(w.stock_id));
  return stocks.map((s) => ({
    id: Number(s.id),
    name: s.name,
    sources: (sourcesBy.get(Number(s.id)) ?? []).map((l) => ({
      code: l.code,
      name: l.name,
      enabled: bool(l.enabled),
      priority: Number(l.priority),
    })),
    websites: (websitesBy.get(Number(s.id)) ?? []).map((w) => w.code),
  }));
}
