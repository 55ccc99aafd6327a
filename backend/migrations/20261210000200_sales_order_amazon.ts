import type { Knex } from 'knex';

/**
 * The Amazon side of an imported order (one row per order, exactly one order per Amazon order id: the
 * UNIQUE key is what makes a duplicate notification or a retried import unable to create a second one),
 * and the Sales > Orders grid's saved views per admin.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sales_order_amazon', (t) => {
    t.integer('order_id').unsigned().primary().references('id').inTable('sales_orders').onDelete('CASCADE');
    t.integer('store_id').unsigned().notNullable().references('id').inTable('amazon_stores').onDelete('RESTRICT');
    t.string('marketplace_id', 32).notNullable();
    t.string('amazon_order_id', 32).notNullable().unique();
    t.string('amazon_status', 32).notNullable();
    t.enu('fulfillment_channel', ['MFN', 'AFN']).notNullable();
    t.datetime('purchase_date', { precision: 3 }).notNullable();
    t.datetime('earliest_ship_date', { precision: 3 }).nullable();
    t.datetime('latest_ship_date', { precision: 3 }).nullable();
    t.boolean('is_business').notNullable().defaultTo(false);
    t.boolean('is_prime').notNullable().defaultTo(false);
    t.boolean('is_replacement').notNullable().defaultTo(false);
    // Amazon's id of the order this one replaces (it may not have been imported).
    t.string('replaced_order_id', 32).nullable();
    t.string('purchase_order_number', 64).nullable();
    // [{type, value, country?}] as Amazon gives the buyer's tax registrations.
    t.text('buyer_tax_registration').nullable();
    t.string('sales_channel', 64).nullable();
    t.string('ship_service_level', 120).nullable();
    t.datetime('last_update_date', { precision: 3 }).nullable();
    t.index(['store_id', 'purchase_date']);
    t.index(['marketplace_id', 'purchase_date']);
    t.index(['latest_ship_date']);
    t.index(['replaced_order_id']);
  });

  await knex.schema.createTable('sales_order_views', (t) => {
    t.increments('id').primary();
    t.integer('user_id').unsigned().notNullable().references('id').inTable('admin_users').onDelete('CASCADE');
    t.string('name', 100).notNullable();
    // The grid's query (filters, sort, page size) as the admin saved it.
    t.text('filters').notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.unique(['user_id', 'name']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sales_order_views');
  await knex.schema.dropTableIfExists('sales_order_amazon');
}
