import type { Knex } from 'knex';

/**
 * The Communication Log (one row per HTTP attempt the SP-API gateway makes, LWA token calls included)
 * and the shared rate-limit buckets the gateway's processes coordinate through.
 * store_id has no foreign key yet: the stores table arrives with a later issue.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('amazon_api_calls', (t) => {
    t.bigIncrements('id').primary();
    t.integer('store_id').unsigned().nullable();
    t.string('seller_id', 64).nullable();
    t.string('marketplace_id', 32).nullable();
    t.string('operation', 96).notNullable();
    t.string('method', 8).notNullable();
    t.string('path', 512).notNullable();
    // null when no HTTP answer came back (network error, timeout).
    t.integer('status').nullable();
    t.string('amazon_request_id', 64).nullable();
    t.integer('latency_ms').notNullable();
    t.integer('attempt').notNullable();
    t.string('error_code', 96).nullable();
    t.text('error_message').nullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['store_id', 'created_at']);
    t.index(['seller_id', 'created_at']);
    t.index(['created_at']);
  });

  // One row per (seller, operation) bucket: GCRA "theoretical arrival time" with an optimistic version,
  // so several processes serving the same seller share Amazon's rate limit (see spapi/rate-limiter.ts).
  await knex.schema.createTable('amazon_rate_buckets', (t) => {
    t.string('bucket_key', 191).primary();
    t.bigInteger('tat_ms').notNullable();
    t.integer('version').notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('amazon_rate_buckets');
  await knex.schema.dropTableIfExists('amazon_api_calls');
}
