import type { Knex } from 'knex';

/**
 * The sync engine's state (backend/src/listings/sync): per listing the desired Amazon state and the last
 * acknowledged one (`listing_sync`), and every submission to Amazon with its items — written BEFORE the
 * submission is sent, so intent survives a crash and a restarted worker can tell what was already sent.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('listing_sync_submissions', (t) => {
    t.bigIncrements('id').primary();
    t.integer('store_id').unsigned().notNullable().references('id').inTable('amazon_stores').onDelete('CASCADE');
    // 'feed' (one JSON_LISTINGS_FEED) or 'api' (put/patch/deleteListingsItem per listing).
    t.string('method', 8).notNullable();
    // preparing → submitted → done | fatal | lost (see submission-lifecycle.ts).
    t.string('status', 16).notNullable();
    t.string('feed_id', 64).nullable();
    t.string('processing_status', 16).nullable();
    t.integer('item_count').notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('submitted_at', { precision: 3 }).nullable();
    t.datetime('completed_at', { precision: 3 }).nullable();
    t.datetime('next_poll_at', { precision: 3 }).nullable();
    t.integer('polls').notNullable().defaultTo(0);
    t.text('last_error').nullable();
    t.index(['store_id', 'status']);
    t.unique(['store_id', 'feed_id']);
  });

  await knex.schema.createTable('listing_sync', (t) => {
    t.integer('listing_id').unsigned().primary().references('id').inTable('listings').onDelete('CASCADE');
    t.integer('store_id').unsigned().notNullable().references('id').inTable('amazon_stores').onDelete('CASCADE');
    // JSON of DesiredListing, or the text 'null' (the listing must not exist on Amazon).
    t.text('desired').notNullable();
    t.string('desired_hash', 64).notNullable();
    t.datetime('desired_at', { precision: 3 }).notNullable();
    // Last state Amazon acknowledged (JSON or 'null' after a delete); null = never acknowledged / unknown.
    t.text('acknowledged').nullable();
    t.string('acknowledged_hash', 64).nullable();
    // One pending action per listing: a flag, so ten changes coalesce into one update.
    t.boolean('pending').notNullable().defaultTo(false);
    // First unacknowledged change (change → ack latency is measured from here).
    t.datetime('dirty_since', { precision: 3 }).nullable();
    t.bigInteger('in_flight_submission_id').unsigned().nullable().references('id').inTable('listing_sync_submissions').onDelete('SET NULL');
    t.integer('attempts').notNullable().defaultTo(0);
    t.datetime('next_attempt_at', { precision: 3 }).nullable();
    // JSON: { kind, issues[] } of the last failure; null after a success.
    t.text('last_error').nullable();
    // The desired hash of the last failure with a data error: the same desired state is not retried.
    t.string('failed_hash', 64).nullable();
    t.datetime('last_submitted_at', { precision: 3 }).nullable();
    t.datetime('last_acknowledged_at', { precision: 3 }).nullable();
    t.index(['store_id', 'pending', 'next_attempt_at']);
    t.index(['in_flight_submission_id']);
  });

  await knex.schema.createTable('listing_sync_items', (t) => {
    t.bigInteger('submission_id').unsigned().notNullable().references('id').inTable('listing_sync_submissions').onDelete('CASCADE');
    t.integer('message_id').unsigned().notNullable();
    t.integer('listing_id').unsigned().notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.string('seller_sku', 64).notNullable();
    // 'put' | 'patch' | 'delete' (feed UPDATE / PATCH / DELETE).
    t.string('operation', 8).notNullable();
    t.text('desired').notNullable();
    t.string('desired_hash', 64).notNullable();
    t.datetime('dirty_since', { precision: 3 }).nullable();
    // null until Amazon answered: 'published' | 'deleted' | 'failed' | 'retry' | 'released'.
    t.string('outcome', 16).nullable();
    t.datetime('acknowledged_at', { precision: 3 }).nullable();
    t.integer('latency_ms').nullable();
    t.primary(['submission_id', 'message_id']);
    t.index(['listing_id']);
    t.index(['acknowledged_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('listing_sync_items');
  await knex.schema.dropTableIfExists('listing_sync');
  await knex.schema.dropTableIfExists('listing_sync_submissions');
}
