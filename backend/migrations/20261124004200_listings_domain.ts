import type { Knex } from 'knex';

/**
 * The listings domain's own columns and tables: matching results, Amazon's last word, overrides and the
 * manual quantity on `listings`; per-store listing settings and listing rules; imported existing Amazon
 * listings (`third_party_listings`).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('listings', (t) => {
    t.string('status_reason', 1000).nullable();
    t.string('amazon_product_type', 64).nullable();
    t.text('match_candidates').nullable(); // JSON [{asin,title,brand,productType}]
    t.text('issues').nullable(); // JSON, Amazon's last issues
    t.string('amazon_status', 64).nullable(); // JSON ["BUYABLE","DISCOVERABLE"]
    t.boolean('is_parent').notNullable().defaultTo(false);
    t.string('variation_theme', 64).nullable();
    t.boolean('linked_from_amazon').notNullable().defaultTo(false);
    t.datetime('published_at', { precision: 3 }).nullable(); // set while the offer is (meant to be) on Amazon
    t.decimal('override_price', 12, 2).nullable();
    t.integer('override_handling_time').nullable();
    t.string('override_condition', 32).nullable();
    t.string('override_condition_note', 1000).nullable();
    t.boolean('has_overrides').notNullable().defaultTo(false);
    t.integer('manual_qty').nullable();
    t.integer('desired_qty').nullable(); // last desired values, for the grid
    t.decimal('desired_price', 12, 2).nullable();
    t.index(['store_id', 'has_overrides']);
  });
  await knex.schema.createTable('listing_settings', (t) => {
    t.integer('store_id').unsigned().primary().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.text('settings').notNullable(); // JSON ListingSettings (defaults merged on read)
    t.datetime('updated_at', { precision: 3 }).notNullable();
  });
  await knex.schema.createTable('listing_rules', (t) => {
    t.integer('store_id').unsigned().primary().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.text('conditions').notNullable(); // JSON RuleNode
    t.string('updated_by', 255).nullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.datetime('applied_at', { precision: 3 }).nullable();
  });
  await knex.schema.createTable('third_party_listings', (t) => {
    t.increments('id').primary();
    t.integer('store_id').unsigned().notNullable().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.string('seller_sku', 64).notNullable();
    t.string('asin', 16).nullable();
    t.string('item_name', 500).nullable();
    t.decimal('price', 12, 2).nullable();
    t.integer('quantity').nullable();
    t.string('amazon_status', 32).nullable();
    t.string('fulfillment_channel', 32).nullable();
    t.string('state', 16).notNullable(); // new | linked | unmanaged
    t.integer('match_product_id').unsigned().nullable().references('id').inTable('products').onDelete('SET NULL');
    t.string('matched_by', 16).nullable();
    t.integer('listing_id').unsigned().nullable().references('id').inTable('listings').onDelete('SET NULL');
    t.datetime('imported_at', { precision: 3 }).notNullable();
    t.unique(['store_id', 'seller_sku']);
    t.index(['store_id', 'state']);
  });
  await knex.schema.createTable('listing_report_requests', (t) => {
    t.integer('store_id').unsigned().primary().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.string('report_id', 64).notNullable();
    t.datetime('requested_at', { precision: 3 }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('listing_report_requests');
  await knex.schema.dropTableIfExists('third_party_listings');
  await knex.schema.dropTableIfExists('listing_rules');
  await knex.schema.dropTableIfExists('listing_settings');
  await knex.schema.alterTable('listings', (t) => {
    t.dropIndex(['store_id', 'has_overrides']);
    t.dropColumns(
      'status_reason',
      'amazon_product_type',
      'match_candidates',
      'issues',
      'amazon_status',
      'is_parent',
      'variation_theme',
      'linked_from_amazon',
      'published_at',
      'override_price',
      'override_handling_time',
      'override_condition',
      'override_condition_note',
      'has_overrides',
      'manual_qty',
      'desired_qty',
      'desired_price',
    );
  });
}
