import type { Knex } from 'knex';

/**
 * A listing rule run: saving a rule applies it in the background, chunk by chunk (each chunk its own
 * transaction), so a 100,000-product apply shows a real progress figure and survives a crash. `after_root` is the
 * last variation-family root (a product id) whose chunk committed: a resumed run carries on after it.
 * Status: queued | running | done | failed | superseded (a newer save covers everything).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('listing_rule_runs', (t) => {
    t.increments('id').primary();
    t.integer('store_id').unsigned().notNullable().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.string('status', 16).notNullable();
    t.integer('total').unsigned().notNullable().defaultTo(0);
    t.integer('done').unsigned().notNullable().defaultTo(0);
    t.integer('after_root').notNullable().defaultTo(0);
    t.integer('created_count').unsigned().notNullable().defaultTo(0);
    t.integer('made_ineligible').unsigned().notNullable().defaultTo(0);
    t.integer('made_eligible').unsigned().notNullable().defaultTo(0);
    t.text('error').nullable();
    t.string('created_by', 255).nullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('started_at', { precision: 3 }).nullable();
    t.datetime('finished_at', { precision: 3 }).nullable();
    t.index(['store_id', 'id']);
    t.index(['status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('listing_rule_runs');
}
