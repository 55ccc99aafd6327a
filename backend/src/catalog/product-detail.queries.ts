/**
 * What the product detail adds to a grid row: custom attribute values (default scope and per store
 * view), categories, configurable super attributes, children and parents. Also the attribute value
 * writes, which the importer shares.
 */
import type { Knex } from 'knex';
import type { AttributeScope, AttributeType } from '../../../schema/catalog';
import { bool, decimal } from '../db/rows';
import { fromStored, type ApiValue, type StoredValue } from './attribute-values';

export interface ProductAttributeValue {
  attributeId: number;
  code: string;
  label: string;
  type: AttributeType;
  scope: AttributeScope;
  isRequired: boolean;
  options: string[];
  value: ApiValue;
  storeValues: Record<string, ApiValue>;
}

/**
 * The custom (non-system) attributes of the product's attribute set, plus any other custom
 * attribute the product has a value for, with default and store-view values.
 */
export async function productAttributeValues(db: Knex, productId: number, attributeSetId: number): Promise<ProductAttributeValue[]> {
  const inSet = db('attribute_set_attributes').where('attribute_set_id', attributeSetId).select('attribute_id');
  const withValue = db('product_attribute_values').where('product_id', productId).select('attribute_id');
  const withStoreValue = db('product_attribute_store_values').where('product_id', productId).select('attribute_id');
  const attributes = await db('attributes as a')
    .where('a.is_system', 0)
    .where((w) => w.whereIn('a.id', inSet).orWhereIn('a.id', withValue).orWhereIn('a.id', withStoreValue))
    .orderBy('a.code')
    .select('a.id', 'a.code', 'a.label', 'a.type', 'a.scope', 'a.is_required');
  if (!attributes.length) return [];
  const ids = attributes.map((a) => a.id);
  const [options, values, storeValues] = await Promise.all([
    db('attribute_options').whereIn('attribute_id', ids).orderBy(['attribute_id', 'sort_order', 'id']).select('attribute_id', 'value'),
    db('product_attribute_values').where('product_id', productId).select('attribute_id', 'value', 'long_value'),
    db('product_attribute_store_values as sv')
      .join('store_views as s', 's.id', 'sv.store_view_id')
      .where('sv.product_id', productId)
      .orderBy('s.id')
      .select('sv.attribute_id', 's.code', 'sv.value', 'sv.long_value'),
  ]);
  return attributes.map((a) => {
    const id = Number(a.id);
    const own = values.find((v) => Number(v.attribute_id) === id);
    const perStore: Record<string, ApiValue> = {};
    for (const sv of storeValues) if (Number(sv.attribute_id) === id) perStore[sv.code] = fromStored(a.type, sv.value, sv.long_value);
    return {
      attributeId: id,
      code: a.code,
      label: a.label,
      type: a.type,
      scope: a.scope,
      isRequired: bool(a.is_required),
      options: options.filter((o) => Number(o.attribute_id) === id).map((o) => o.value),
      value: own ? fromStored(a.type, own.value, own.long_value) : null,
      storeValues: perStore,
    };
  });
}

/** The stored default-scope values of some attributes of one product. */
export async function storedAttributeValues(
  db: Knex,
  productId: number,
  attributeIds: readonly number[],
): Promise<Map<number, StoredValue>> {
  const rows = attributeIds.length
    ? await db('product_attribute_values')
        .where('product_id', productId)
        .whereIn('attribute_id', attributeIds)
        .select('attribute_id', 'value', 'long_value')
    : [];
  return new Map(rows.map((r) => [Number(r.attribute_id), { value: r.value, longValue: r.long_value }]));
}

/** Writes (or with `null`, removes) default-scope attribute values of one product. */
export async function setAttributeValues(
  db: Knex,
  productId: number,
  values: readonly { attributeId: number; stored: StoredValue | null }[],
): Promise<void> {
  const removed = values.filter((v) => v.stored === null).map((v) => v.attributeId);
  if (removed.length) await db('product_attribute_values').where('product_id', productId).whereIn('attribute_id', removed).delete();
  const rows = values.flatMap((v) =>
    v.stored ? [{ product_id: productId, attribute_id: v.attributeId, value: v.stored.value, long_value: v.stored.longValue }] : [],
  );
  if (rows.length)
    await db('product_attribute_values').insert(rows).onConflict(['product_id', 'attribute_id']).merge(['value', 'long_value']);
}

export async function categoryPathsOf(db: Knex, productId: number): Promise<string[]> {
  const rows = await db('product_categories as pc')
    .join('categories as c', 'c.id', 'pc.category_id')
    .where('pc.product_id', productId)
    .orderBy('c.path')
    .select('c.path');
  return rows.map((r) => r.path);
}

export interface SuperAttribute {
  attributeId: number;
  code: string;
  label: string;
  type: AttributeType;
}

export async function superAttributesOf(db: Knex, productId: number): Promise<SuperAttribute[]> {
  const rows = await db('product_super_attributes as psa')
    .join('attributes as a', 'a.id', 'psa.attribute_id')
    .where('psa.product_id', productId)
    .orderBy(['psa.position', 'a.code'])
    .select('a.id', 'a.code', 'a.type', 'a.label', 'psa.label as super_label');
  return rows.map((r) => ({ attributeId: Number(r.id), code: r.code, type: r.type, label: r.super_label || r.label }));
}

export interface RelatedProduct {
  id: number;
  sku: string;
  name: string;
  type: string;
  status: string;
  price: number | null;
}

export async function childrenOf(db: Knex, parentId: number): Promise<RelatedProduct[]> {
  const rows = await db('product_relations as r')
    .join('products as p', 'p.id', 'r.child_id')
    .where('r.parent_id', parentId)
    .orderBy('p.sku')
    .select('p.id', 'p.sku', 'p.name', 'p.type', 'p.status', 'p.price');
  return rows.map((r) => ({ id: Number(r.id), sku: r.sku, name: r.name, type: r.type, status: r.status, price: decimal(r.price) }));
}

export async function parentsOf(db: Knex, childId: number): Promise<RelatedProduct[]> {
  const rows = await db('product_relations as r')
    .join('products as p', 'p.id', 'r.parent_id')
    .where('r.child_id', childId)
    .orderBy('p.sku')
    .select('p.id', 'p.sku', 'p.name', 'p.type', 'p.status', 'p.price');
  return rows.map((r) => ({ id: Number(r.id), sku: r.sku, name: r.name, type: r.type, status: r.status, price: decimal(r.price) }));
}

/** Values of the given attributes for several products (children's super attribute values). */
export async function attributeValuesFor(
  db: Knex,
  productIds: readonly number[],
  attributes: readonly { attributeId: number; code: string; type: AttributeType }[],
): Promise<Map<number, Record<string, ApiValue>>> {
  const out = new Map<number, Record<string, ApiValue>>(productIds.map((id) => [id, {}]));
  if (!productIds.length || !attributes.length) return out;
  const byId = new Map(attributes.map((a) => [a.attributeId, a]));
  const rows = await db('product_attribute_values')
    .whereIn('product_id', productIds)
    .whereIn('attribute_id', [...byId.keys()])
    .select('product_id', 'attribute_id', 'value', 'long_value');
  for (const r of rows) {
    const a = byId.get(Number(r.attribute_id));
    if (a) out.get(Number(r.product_id))![a.code] = fromStored(a.type, r.value, r.long_value);
  }
  return out;
}
