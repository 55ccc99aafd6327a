import type { Knex } from 'knex';

/**
 * The listing: one catalog product offered in one Amazon store under a seller SKU. This base table is
 * the shared contract between the listings domain (rules, matching, lifecycle, overrides — it owns
 * `status` and the listing's own columns) and the sync engine (it owns `listing_sync`, keyed by listing,
 * holding the desired and last acknowledged Amazon state). Each side adds its columns in its own migrations.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('listings', (t) => {
    t.increments('id').primary();
    t.integer('store_id').unsigned().notNullable().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.integer('product_id').unsigned().nullable().references('id').inTable('products').onDelete('SET NULL');
    // The catalog sku when linked (kept after a product is deleted, for the activity log's sake).
    t.string('sku', 64).notNullable();
    t.string('seller_sku', 64).notNullable();
    t.string('asin', 16).nullable();
    // Variation children point at their parent listing (a configurable product's listing).
    t.integer('parent_listing_id').unsigned().nullable().references('id').inTable('listings').onDelete('CASCADE');
    t.string('status', 32).notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.unique(['store_id', 'seller_sku']);
    t.index(['store_id', 'status']);
    t.index(['product_id']);
    t.index(['store_id', 'sku']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('listings');
}
