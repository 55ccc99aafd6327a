import type { Knex } from 'knex';

/**
 * Stock profiles assigned by rule (backend/src/inventory/profile-rules.ts): a profile may hold a conditions
 * tree (the listing rules' JSON RuleNode) and a priority (lower wins when several rules match a listing).
 * And the manual "Update quantity" requests (inventory/qty-updates.ts): one row per listing whose quantity
 * was pushed again by hand and that Amazon has not acknowledged since — it shows "Pending Qty Update".
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('stock_profiles', (t) => {
    t.text('conditions').nullable();
    t.integer('priority').notNullable().defaultTo(100);
  });
  await knex.schema.createTable('listing_qty_updates', (t) => {
    t.integer('listing_id').unsigned().primary().references('id').inTable('listings').onDelete('CASCADE');
    t.integer('store_id').unsigned().notNullable().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.datetime('requested_at', { precision: 3 }).notNullable();
    t.index(['store_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('listing_qty_updates');
  await knex.schema.alterTable('stock_profiles', (t) => {
    t.dropColumn('priority');
    t.dropColumn('conditions');
  });
}
