import type { Knex } from 'knex';

/**
 * Indexes for the product grid and salable quantity on 100,000+ products:
 * - products(updated_at), products(visibility): the grid sorts by the one and filters by the other.
 * - reservations(sku, stock_id, quantity) replaces (sku, stock_id): the per-product reservation sum
 *   reads the index only.
 * - source_items(sku, source_code, in_stock, quantity) on SQLite only: the per-product stock sum
 *   reads the index only. InnoDB already stores the rows in primary key (sku, source_code) order,
 *   so on MySQL/MariaDB the same index would only duplicate the table.
 */
const isSqlite = (knex: Knex) => ['sqlite3', 'better-sqlite3'].includes(String(knex.client.config.client));

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('products', (t) => {
    t.index(['updated_at']);
    t.index(['visibility']);
  });
  await knex.schema.alterTable('reservations', (t) => {
    t.index(['sku', 'stock_id', 'quantity']);
  });
  await knex.schema.alterTable('reservations', (t) => {
    t.dropIndex(['sku', 'stock_id']);
  });
  if (isSqlite(knex)) {
    await knex.schema.alterTable('source_items', (t) => {
      t.index(['sku', 'source_code', 'in_stock', 'quantity'], 'source_items_stock_sum_index');
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  if (isSqlite(knex)) {
    await knex.schema.alterTable('source_items', (t) => {
      t.dropIndex([], 'source_items_stock_sum_index');
    });
  }
  await knex.schema.alterTable('reservations', (t) => {
    t.index(['sku', 'stock_id']);
  });
  await knex.schema.alterTable('reservations', (t) => {
    t.dropIndex(['sku', 'stock_id', 'quantity']);
  });
  await knex.schema.alterTable('products', (t) => {
    t.dropIndex(['updated_at']);
    t.dropIndex(['visibility']);
  });
}
