import type { Knex } from 'knex';

/**
 * Amazon sales as the stock side sees them (backend/src/inventory/amazon-sales.ts): one row per order item,
 * written once (UNIQUE(store_id, order_item_id) absorbs the overlap of successive polls), so a sale lowers a
 * manual quantity exactly once and a custom quantity can subtract the units sold since it was set. Order
 * import can later read the same rows. `applied_listing_id`/`applied_qty` say which manual count the sale
 * lowered and by how much (what a cancellation gives back). The cursor is Amazon's LastUpdatedBefore of the
 * last complete poll per store.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('amazon_sales', (t) => {
    t.bigIncrements('id').primary();
    t.integer('store_id').unsigned().notNullable().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.string('amazon_order_id', 32).notNullable();
    t.string('order_item_id', 64).notNullable();
    t.string('seller_sku', 64).notNullable();
    t.integer('quantity').notNullable();
    t.string('order_status', 32).notNullable();
    t.datetime('purchased_at', { precision: 3 }).notNullable();
    t.datetime('seen_at', { precision: 3 }).notNullable();
    t.datetime('canceled_at', { precision: 3 }).nullable();
    t.integer('applied_listing_id').unsigned().nullable().references('id').inTable('listings').onDelete('SET NULL');
    t.integer('applied_qty').notNullable().defaultTo(0);
    t.unique(['store_id', 'order_item_id']);
    t.index(['store_id', 'amazon_order_id']);
    t.index(['store_id', 'seller_sku', 'purchased_at']);
  });
  await knex.schema.createTable('amazon_sales_cursors', (t) => {
    t.integer('store_id').unsigned().primary().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.datetime('last_updated_before', { precision: 3 }).notNullable();
    t.datetime('checked_at', { precision: 3 }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('amazon_sales_cursors');
  await knex.schema.dropTableIfExists('amazon_sales');
}
