/**
 * Shared by the catalog-import test files: one database per file (migrating a fresh MySQL database
 * per test costs seconds), emptied of catalog rows before each test so every test starts clean.
 */
import type { Knex } from 'knex';
import type { ImportResult } from '../../src/catalog/import/index';
import { toDbTime } from '../../src/db/time';

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

/** The row counts and errors of an import, without what it created or found missing. */
export function outcome(result: ImportResult): Pick<ImportResult, 'imported' | 'updated' | 'failed' | 'errors'> {
  return { imported: result.imported, updated: result.updated, failed: result.failed, errors: result.errors };
}

/** An attribute as an admin would have made it before the import (options for select and multiselect). */
export async function createAttribute(db: Knex, code: string, type: string, options: string[] = []): Promise<number> {
  await db('attributes').insert({ code, label: code, type, scope: 'global', is_required: false, is_system: false, created_at: toDbTime() });
  const id = Number((await db('attributes').where({ code }).first('id')).id);
  if (options.length) await db('attribute_options').insert(options.map((value, i) => ({ attribute_id: id, value, sort_order: i })));
  return id;
}
