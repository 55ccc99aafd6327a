import type { Knex } from 'knex';

/**
 * The durable catalog change log: every product, price, attribute, stock or reservation change
 * is a row. Consumers (listings, stock sync) keep a cursor, so a consumer that was down
 * catches up from where it stopped; in-process events only wake them early.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('catalog_changes', (t) => {
    t.bigIncrements('id').primary();
    t.string('sku', 64).notNullable();
    t.string('kind', 32).notNullable();
    t.text('details').nullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['sku']);
    t.index(['created_at']);
  });

  await knex.schema.createTable('catalog_change_cursors', (t) => {
    t.string('consumer', 64).primary();
    t.bigInteger('last_change_id').notNullable().defaultTo(0);
    t.datetime('updated_at', { precision: 3 }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('catalog_change_cursors');
  await knex.schema.dropTableIfExists('catalog_changes');
}
