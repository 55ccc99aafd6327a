import type { Knex } from 'knex';

/**
 * Stuck sync episodes (backend/src/listings/sync/health-alerts.ts): a row per store whose sync is stuck right
 * now, from the moment it became stuck until it is not any more. It lets the alert job raise one notification
 * per episode however long the episode lasts, and a new one when the store gets stuck again later.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('listing_sync_stuck_episodes', (t) => {
    t.integer('store_id').unsigned().primary().references('id').inTable('amazon_stores').onDelete('CASCADE');
    // When the store became stuck: the oldest stuck change or submission + the threshold.
    t.datetime('started_at', { precision: 3 }).notNullable();
    t.datetime('notified_at', { precision: 3 }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('listing_sync_stuck_episodes');
}
