import type { Knex } from 'knex';

/**
 * - `store_order_alerts`: per store, the last sales order id the "new Amazon orders" notice has announced, so
 *   the minute job announces each order once and a burst of orders becomes one notice (stores/).
 * - `amazon_notification_subscriptions`: per store, its ORDER_CHANGE subscription as the channel last made or
 *   tried it (notifications/): a failed attempt keeps its error and is retried by the periodic check.
 * Both go with their store (CASCADE): a deleted store's subscription is ended before its row goes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('store_order_alerts', (t) => {
    t.integer('store_id').unsigned().primary().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.integer('last_order_id').unsigned().notNullable();
    t.datetime('alerted_at', { precision: 3 }).notNullable();
  });
  await knex.schema.createTable('amazon_notification_subscriptions', (t) => {
    t.integer('store_id').unsigned().primary().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.string('seller_id', 64).notNullable();
    t.string('destination_id', 128).nullable();
    // Null while not subscribed (never yet, or the last attempt failed).
    t.string('subscription_id', 128).nullable();
    t.datetime('subscribed_at', { precision: 3 }).nullable();
    t.datetime('attempted_at', { precision: 3 }).notNullable();
    t.string('error', 2000).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('amazon_notification_subscriptions');
  await knex.schema.dropTableIfExists('store_order_alerts');
}
