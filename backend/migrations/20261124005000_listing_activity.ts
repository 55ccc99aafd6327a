import type { Knex } from 'knex';

/**
 * The activity log of a listing: what the channel decided ('listings') and what it sent to Amazon and
 * what Amazon answered ('sync'). `sent` and `answer` hold JSON text; both sides append through
 * `recordActivity` of the sync engine (backend/src/listings/sync).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('listing_activity', (t) => {
    t.bigIncrements('id').primary();
    t.integer('listing_id').unsigned().notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.datetime('at', { precision: 3 }).notNullable();
    t.string('source', 16).notNullable();
    t.string('kind', 32).notNullable();
    t.string('summary', 255).notNullable();
    t.text('sent').nullable();
    t.text('answer').nullable();
    t.index(['listing_id', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('listing_activity');
}
