import type { Knex } from 'knex';

/**
 * Amazon notifications read from the SQS queue (backend/src/notifications), each recorded once by Amazon's
 * NotificationId before it is handed to its handler:
 * - `notification_id` UNIQUE: a second delivery of the same notification (SQS is at-least-once) finds the row;
 *   an unreadable message is recorded under `sqs:<MessageId>` so it is counted once too;
 * - `claimed_until` / `claimed_by`: the process handling it now (taken by one conditional UPDATE, renewed while a slow
 *   handler runs), so two processes that received the same notification never run its handler at the same time;
 * - `handled_at`: the handler committed (or the notification needed no handler: unreadable, unknown type); `error` the
 *   last failure, `attempts` how often the handler ran.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('amazon_notifications', (t) => {
    t.increments('id').primary();
    t.string('notification_id', 128).notNullable().unique();
    t.string('type', 64).notNullable();
    t.string('seller_id', 64).nullable();
    t.string('amazon_order_id', 64).nullable();
    t.string('marketplace_id', 32).nullable();
    t.string('order_status', 32).nullable();
    t.string('change_type', 64).nullable();
    t.datetime('received_at', { precision: 3 }).notNullable();
    t.datetime('claimed_until', { precision: 3 }).nullable();
    t.string('claimed_by', 96).nullable();
    t.datetime('handled_at', { precision: 3 }).nullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.string('error', 2000).nullable();
    t.index(['received_at'], 'amazon_notifications_received_index');
    t.index(['seller_id', 'amazon_order_id'], 'amazon_notifications_order_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('amazon_notifications');
}
