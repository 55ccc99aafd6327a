/**
 * Catalog reads the stores domain needs that `app.catalog` does not offer yet. Stopgap: asked of the
 * catalog owner as `app.catalog.structure.countProductsWithValue(attributeCode, websiteId)`; until then
 * this one read sits here, isolated, so swapping it is a one-file change.
 */
import type { Knex } from 'knex';
import { countProducts } from '../catalog/products.queries';
import { attributeByCode } from '../catalog/structure.queries';

/** Products of the website, and how many of them carry a non-empty value of the attribute. */
export async function identifierCoverage(
  db: Knex,
  attributeCode: string,
  websiteId: number,
): Promise<{ total: number; withValue: number }> {
  // No salable-quantity filter, so the stock is never read: any scope will do.
  const total = await countProducts(db, { websiteId }, { stockId: 0, sourceCodes: [] });
  const attribute = await attributeByCode(db, attributeCode);
  if (!attribute || attribute.isSystem) return { total, withValue: attribute?.isSystem ? total : 0 };
  const row = await db('product_attribute_values as v')
    .join('product_websites as pw', 'pw.product_id', 'v.product_id')
    .where('v.attribute_id', attribute.id)
    .where('pw.website_id', websiteId)
    .where((w) => w.where((x) => x.whereNotNull('v.value').whereNot('v.value', '')).orWhereNotNull('v.long_value'))
    .countDistinct({ n: 'v.product_id' })
    .first();
  return { total, withValue: Number(row?.n ?? 0) };
}
