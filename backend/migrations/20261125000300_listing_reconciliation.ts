import type { Knex } from 'knex';

/**
 * Periodic reconciliation (backend/src/listings/reconcile): each check of a store against Amazon's merchant
 * listings report, and the drift it found per (listing, field). "One open row per (listing, field)" and "one
 * check in progress per store" are unique keys over a flag that is 1 while open and NULL once closed: NULLs
 * never collide on SQLite or MySQL, so closed rows pile up as history while a second open row is refused.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('listing_reconcile_runs', (t) => {
    t.increments('id').primary();
    t.integer('store_id').unsigned().notNullable().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.string('trigger', 16).notNullable(); // schedule | manual
    t.string('status', 16).notNullable(); // requested | done | failed
    t.tinyint('in_progress').nullable(); // 1 while the report is awaited, else NULL
    t.string('report_id', 64).nullable();
    t.datetime('started_at', { precision: 3 }).notNullable();
    t.datetime('finished_at', { precision: 3 }).nullable();
    t.integer('rows_compared').notNullable().defaultTo(0);
    t.integer('drift_found').notNullable().defaultTo(0);
    t.integer('repaired').notNullable().defaultTo(0);
    t.integer('statuses_corrected').notNullable().defaultTo(0);
    t.text('error').nullable();
    t.unique(['store_id', 'in_progress']);
    t.index(['store_id', 'started_at']);
  });
  await knex.schema.createTable('listing_drift', (t) => {
    t.increments('id').primary();
    t.integer('store_id').unsigned().notNullable().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.integer('listing_id').unsigned().notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.string('seller_sku', 64).notNullable();
    t.string('field', 16).notNullable(); // quantity | price | presence
    t.string('ours', 64).nullable();
    t.string('amazon', 64).nullable();
    t.tinyint('is_open').nullable(); // 1 while open, NULL once resolved
    t.datetime('detected_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.datetime('repaired_at', { precision: 3 }).nullable();
    t.datetime('resolved_at', { precision: 3 }).nullable();
    t.string('resolution', 16).nullable(); // pushed_ours | accepted_amazon | gone
    t.unique(['listing_id', 'field', 'is_open']);
    t.index(['store_id', 'is_open', 'field']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('listing_drift');
  await knex.schema.dropTableIfExists('listing_reconcile_runs');
}
