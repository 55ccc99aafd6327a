/**
 * Shared by the catalog-import test files: one database per file (migrating a fresh MySQL database
 * per test costs seconds), emptied of catalog rows before each test so every test starts clean.
 */
import type { Knex } from 'knex';

/** Children before parents, so the deletes pass the foreign keys on both engines. */
const CATALOG_TABLES = [
  'catalog_changes',
  'reservations',
  'source_items',
  'product_stock_settings',
  'stock_sources',
  'stock_websites',
  'stocks',
  'sources',
  'product_relations',
  'product_super_attributes',
  'product_attribute_store_values',
  'product_attribute_values',
  'product_categories',
  'product_websites',
  'products',
  'categories',
  'attribute_set_attributes',
  'attribute_options',
  'attributes',
  'attribute_sets',
  'store_views',
  'websites',
];

export async function emptyCatalog(db: Knex): Promise<void> {
  // A category's children go with it (ON DELETE CASCADE), so one delete empties the tree too.
  for (const table of CATALOG_TABLES) await db(table).delete();
}
