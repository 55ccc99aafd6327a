import type { Knex } from 'knex';

/**
 * Stock profiles (backend/src/inventory): named quantity policies per store, the store's default profile,
 * and profiles assigned to listings by hand. A listing without an assignment follows the store's default,
 * and a store without a default follows the built-in policy (product value).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('stock_profiles', (t) => {
    t.increments('id').primary();
    t.integer('store_id').unsigned().notNullable().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.string('name', 120).notNullable();
    t.string('mode', 16).notNullable();
    t.integer('value').nullable();
    // JSON array of source codes ("use warehouse"); empty = the website stock's salable quantity.
    t.text('sources').notNullable();
    t.integer('placeholder_qty').notNullable();
    t.integer('max_qty').nullable();
    t.boolean('update_on_catalog_change').notNullable();
    t.string('no_quantity', 8).notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.unique(['store_id', 'name']);
  });
  await knex.schema.createTable('stock_profile_defaults', (t) => {
    t.integer('store_id').unsigned().primary().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.integer('profile_id').unsigned().notNullable().references('id').inTable('stock_profiles').onDelete('CASCADE');
  });
  await knex.schema.createTable('stock_profile_listings', (t) => {
    t.integer('listing_id').unsigned().primary().references('id').inTable('listings').onDelete('CASCADE');
    t.integer('profile_id').unsigned().notNullable().references('id').inTable('stock_profiles').onDelete('CASCADE');
    t.index(['profile_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('stock_profile_listings');
  await knex.schema.dropTableIfExists('stock_profile_defaults');
  await knex.schema.dropTableIfExists('stock_profiles');
}
