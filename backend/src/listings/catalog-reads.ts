/**
 * STOPGAP — the one place the listings domain reads catalog tables directly, because a listing rule is
 * evaluated by the database over 100,000 products (joined with listings) and the catalog offers no
 * rule/filter API yet. Everything here is read-only and reuses the catalog's own salable-quantity SQL
 * (`catalog/inventory.queries.ts`) so there is one way of computing it. Move these into `app.catalog`
 * (e.g. `products.select(ruleSql)`, `products.facts(ids, attributes)`) when the catalog grows them.
 */
import type { Knex } from 'knex';
import { NEVER_ELIGIBLE_TYPES } from '../../../schema/listings';
import { joinStockSettings, salableQty, salableQtySql, salableScope, type Salable } from '../catalog/inventory.queries';
import { chunk, decimal } from '../db/rows';
import type { Sql } from './rules/rule-sql';

export interface EligibilityScope {
  websiteId: number;
  rule: Sql;
  /** Needs the product_stock_settings join (`pss`) for a salable quantity test. */
  joinStock: boolean;
}

/** Products of the website that the rule selects (Amazon-able or not). Alias `p`. */
export function selectedProducts(db: Knex, scope: EligibilityScope): Knex.QueryBuilder {
  let q = db('products as p').whereExists(
    db.select(db.raw('1')).from('product_websites as pw').whereRaw('pw.product_id = p.id').andWhere('pw.website_id', scope.websiteId),
  );
  if (scope.joinStock) q = joinStockSettings(q, 'p');
  return q.whereRaw(scope.rule.sql, scope.rule.bindings);
}

/** Selected and of a type Amazon can take. */
export function eligibleProducts(db: Knex, scope: EligibilityScope): Knex.QueryBuilder {
  return selectedProducts(db, scope).whereNotIn('p.type', NEVER_ELIGIBLE_TYPES);
}

export async function salableSql(db: Knex, stockId: number | null) {
  return salableQtySql(await salableScope(db, stockId ?? 0), 'p');
}

export type { Salable };

/** The catalog's salable quantity by sku, read through `db` (which may be the caller's transaction). */
export function salableOf(db: Knex, skus: readonly string[], stockId: number): Promise<Map<string, Salable>> {
  return salableQty(db, { skus, stockId });
}

export interface ProductFacts {
  id: number;
  sku: string;
  name: string;
  type: string;
  status: string;
  price: number | null;
  specialPrice: number | null;
  specialFrom: string | null;
  specialTo: string | null;
  /** Default (global) values of the attributes asked for, by code. */
  attributes: Record<string, string | null>;
}

export async function productFacts(
  db: Knex,
  ids: readonly number[],
  attributeCodes: readonly string[],
): Promise<Map<number, ProductFacts>> {
  const out = new Map<number, ProductFacts>();
  const codes = [...new Set(attributeCodes)];
  const attrRows = codes.length ? await db('attributes').whereIn('code', codes).select('id', 'code') : [];
  const codeById = new Map<number, string>(attrRows.map((r) => [Number(r.id), String(r.code)]));
  for (const part of chunk([...new Set(ids)], 1000)) {
    const rows = await db('products')
      .whereIn('id', part)
      .select('id', 'sku', 'name', 'type', 'status', 'price', 'special_price', 'special_price_from', 'special_price_to');
    for (const r of rows) {
      out.set(Number(r.id), {
        id: Number(r.id),
        sku: r.sku,
        name: r.name,
        type: r.type,
        status: r.status,
        price: decimal(r.price),
        specialPrice: decimal(r.special_price),
        specialFrom: r.special_price_from ? String(r.special_price_from).slice(0, 10) : null,
        specialTo: r.special_price_to ? String(r.special_price_to).slice(0, 10) : null,
        attributes: Object.fromEntries(codes.map((c) => [c, null])),
      });
    }
    if (codeById.size) {
      const values = await db('product_attribute_values')
        .whereIn('product_id', part)
        .whereIn('attribute_id', [...codeById.keys()])
        .select('product_id', 'attribute_id', 'value', 'long_value');
      for (const v of values) {
        const f = out.get(Number(v.product_id));
        const code = codeById.get(Number(v.attribute_id));
        if (f && code) f.attributes[code] = (v.long_value ?? v.value ?? null) as string | null;
      }
    }
  }
  return out;
}

/** Product ids by sku (the change log speaks skus). */
export async function productIdsBySku(db: Knex, skus: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const part of chunk([...new Set(skus)], 1000)) {
    for (const r of await db('products').whereIn('sku', part).select('id', 'sku')) out.set(r.sku, Number(r.id));
  }
  return out;
}

/** Configurable → children (ids), and the super attributes that make the variation theme. */
export async function variationFamily(
  db: Knex,
  parentIds: readonly number[],
): Promise<{ children: Map<number, number[]>; parentOf: Map<number, number>; superAttributes: Map<number, string[]> }> {
  const children = new Map<number, number[]>();
  const parentOf = new Map<number, number>();
  const superAttributes = new Map<number, string[]>();
  for (const part of chunk([...new Set(parentIds)], 1000)) {
    for (const r of await db('product_relations').whereIn('parent_id', part).orderBy('child_id').select('parent_id', 'child_id')) {
      const p = Number(r.parent_id);
      const c = Number(r.child_id);
      children.set(p, [...(children.get(p) ?? []), c]);
      parentOf.set(c, p);
    }
    const supers = await db('product_super_attributes as psa')
      .join('attributes as a', 'a.id', 'psa.attribute_id')
      .whereIn('psa.product_id', part)
      .orderBy(['psa.product_id', 'psa.position', 'a.code'])
      .select('psa.product_id', 'a.code');
    for (const r of supers) superAttributes.set(Number(r.product_id), [...(superAttributes.get(Number(r.product_id)) ?? []), r.code]);
  }
  return { children, parentOf, superAttributes };
}

/** Parent (configurable) ids of child products. */
export async function parentsOfChildren(db: Knex, childIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const part of chunk([...new Set(childIds)], 1000)) {
    for (const r of await db('product_relations').whereIn('child_id', part).select('parent_id', 'child_id'))
      out.set(Number(r.child_id), Number(r.parent_id));
  }
  return out;
}

/** Products whose attribute `code` has one of `values` (third-party matching by the ASIN attribute). */
export async function productsByAttributeValue(db: Knex, code: string, values: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const attr = await db('attributes').where({ code }).first('id');
  if (!attr) return out;
  for (const part of chunk([...new Set(values)], 1000)) {
    const rows = await db('product_attribute_values').where('attribute_id', attr.id).whereIn('value', part).select('product_id', 'value');
    for (const r of rows) if (!out.has(r.value)) out.set(r.value, Number(r.product_id));
  }
  return out;
}

/** Ids of the website's products (a rule run's candidates, with the store's listed products). */
export async function websiteProductIds(db: Knex, websiteId: number): Promise<number[]> {
  return (await db('product_websites').where('website_id', websiteId).pluck('product_id')).map(Number);
}

/** Every configurable → child relation as [child, parent] (a rule run keeps variation families in one chunk). */
export async function allProductRelations(db: Knex): Promise<[child: number, parent: number][]> {
  const rows = (await db('product_relations').select('parent_id', 'child_id')) as { parent_id: number; child_id: number }[];
  return rows.map((r) => [Number(r.child_id), Number(r.parent_id)]);
}
