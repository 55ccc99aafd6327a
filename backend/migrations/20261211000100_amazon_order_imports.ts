import type { Knex } from 'knex';

/**
 * Amazon order import (amazon-orders/): per-store order settings, one import record per Amazon order (UNIQUE
 * amazon_order_id: whatever notification, poll or retry comes twice, there is one record and — with
 * sales_order_amazon's own unique key — one order), SKU mappings made in the workbench, and the poll's cursor.
 * No buyer data is kept here: names, e-mails and addresses live only in the order (sales/).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('amazon_order_settings', (t) => {
    t.integer('store_id').unsigned().primary().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.text('settings').notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
  });
  await knex.schema.createTable('amazon_order_imports', (t) => {
    t.increments('id').primary();
    t.integer('store_id').unsigned().notNullable().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.string('amazon_order_id', 32).notNullable().unique();
    t.enu('state', ['reserved', 'imported', 'needs_attention', 'skipped']).notNullable();
    t.string('reason', 500).nullable();
    t.integer('attempts').unsigned().notNullable().defaultTo(0);
    t.string('last_error', 1000).nullable();
    t.string('amazon_status', 32).nullable();
    // Amazon's lastUpdatedTime of the version applied last: an older version arriving later is ignored.
    t.datetime('amazon_updated_at', { precision: 3 }).nullable();
    t.enu('fulfillment_channel', ['MFN', 'AFN']).nullable();
    t.integer('order_id').unsigned().nullable().references('id').inTable('sales_orders').onDelete('SET NULL');
    // Seller SKUs that matched no product (JSON list), for the workbench's "map SKU".
    t.text('unknown_skus').nullable();
    // A Pending (or not yet importable) order's own MSI reservation: stock id and lines (JSON), until released.
    t.integer('reserved_stock_id').unsigned().nullable();
    t.text('reserved_lines').nullable();
    t.datetime('reserved_at', { precision: 3 }).nullable();
    t.datetime('cancel_requested_at', { precision: 3 }).nullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.index(['store_id', 'state']);
    t.index(['state', 'reserved_at']);
  });
  await knex.schema.createTable('amazon_order_sku_map', (t) => {
    t.increments('id').primary();
    t.integer('store_id').unsigned().notNullable().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.string('seller_sku', 64).notNullable();
    t.string('sku', 64).notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.unique(['store_id', 'seller_sku']);
  });
  await knex.schema.createTable('amazon_order_cursors', (t) => {
    t.integer('store_id').unsigned().primary().references('id').inTable('amazon_stores').onDelete('CASCADE');
    // The upper bound the last complete poll sent (never a field of Amazon's answer).
    t.datetime('last_updated_before', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('amazon_order_cursors');
  await knex.schema.dropTableIfExists('amazon_order_sku_map');
  await knex.schema.dropTableIfExists('amazon_order_imports');
  await knex.schema.dropTableIfExists('amazon_order_settings');
}
