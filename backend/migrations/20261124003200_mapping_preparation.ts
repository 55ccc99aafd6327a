import type { Knex } from 'knex';

/**
 * Amazon attribute ↔ catalog attribute mapping per marketplace, and the manual ticks of the
 * Learning and Preparation checklist (global: one merchant, one Seller Central account setup).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('amazon_attribute_mappings', (t) => {
    t.increments('id').primary();
    t.string('marketplace_id', 32).notNullable();
    t.string('amazon_attribute', 96).notNullable();
    t.string('catalog_attribute', 64).notNullable();
    t.boolean('is_active').notNullable().defaultTo(true);
    t.boolean('overwrite_existing').notNullable().defaultTo(false);
    // JSON array of store view codes.
    t.text('store_views').notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.unique(['marketplace_id', 'amazon_attribute']);
  });

  await knex.schema.createTable('store_preparation_checks', (t) => {
    t.string('item_key', 64).primary();
    t.boolean('checked').notNullable();
    t.integer('checked_by').unsigned().nullable().references('id').inTable('admin_users').onDelete('SET NULL');
    t.string('checked_by_email', 255).nullable();
    t.datetime('checked_at', { precision: 3 }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('store_preparation_checks');
  await knex.schema.dropTableIfExists('amazon_attribute_mappings');
}
