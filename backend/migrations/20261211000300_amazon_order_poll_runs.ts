import type { Knex } from 'knex';

/**
 * `amazon_order_poll_runs`: per store, the poll run that stopped before its last page (a run follows pages only for
 * a bounded time; searchOrders allows one page per ~3 minutes once its burst is spent). It keeps the run's own
 * bounds and Amazon's token of the next page, so the next run asks exactly that page; the cursor
 * (`amazon_order_cursors`) moves to the run's upper bound only after its last page. Goes with its store.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('amazon_order_poll_runs', (t) => {
    t.integer('store_id').unsigned().primary().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.datetime('last_updated_after', { precision: 3 }).notNullable();
    t.datetime('last_updated_before', { precision: 3 }).notNullable();
    t.text('next_token').notNullable();
    t.integer('pages').unsigned().notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('amazon_order_poll_runs');
}
