import type { Knex } from 'knex';

/**
 * Amazon stores (one catalog website + one marketplace each) and the one-time `state` values of the
 * Seller Central consent. The refresh token is kept only sealed (AES-256-GCM, platform/secrets.ts).
 * `seller_marketplace_key` ("<seller id>:<marketplace id>") is unique, so two stores can never hold the
 * same seller in the same marketplace; it is null until a seller is connected and after a disconnect.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('amazon_stores', (t) => {
    t.increments('id').primary();
    t.string('name', 100).notNullable().unique();
    t.string('email', 255).notNullable();
    t.integer('website_id').unsigned().notNullable().references('id').inTable('websites').onDelete('RESTRICT');
    t.string('marketplace_id', 32).notNullable();
    t.enu('status', ['in_setup', 'active', 'inactive']).notNullable();
    t.enu('authorization_state', ['not_connected', 'connected', 'expired', 'revoked', 'error']).notNullable();
    t.string('seller_id', 64).nullable();
    t.string('seller_marketplace_key', 100).nullable().unique();
    t.text('refresh_token_sealed').nullable();
    t.datetime('authorized_at', { precision: 3 }).nullable();
    t.datetime('expires_at', { precision: 3 }).nullable();
    t.datetime('authorization_checked_at', { precision: 3 }).nullable();
    t.text('authorization_error').nullable();
    // null = sync runs; otherwise why it is paused (workers skip the store and keep its pending work).
    t.string('sync_paused_reason', 32).nullable();
    t.datetime('sync_paused_at', { precision: 3 }).nullable();
    t.enu('product_id_type', ['asin', 'ean', 'upc', 'isbn', 'gcid', 'general_search']).notNullable();
    t.string('product_id_attribute', 64).notNullable();
    t.text('settings').notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.index(['authorization_state', 'expires_at']);
  });

  // Only the SHA-256 of a state travels back to us; the row binds it to one store, one admin session, one use.
  await knex.schema.createTable('amazon_consent_states', (t) => {
    t.increments('id').primary();
    t.string('state_hash', 64).notNullable().unique();
    t.integer('store_id').unsigned().notNullable().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.enu('purpose', ['connect', 'renew']).notNullable();
    t.integer('admin_user_id').unsigned().nullable().references('id').inTable('admin_users').onDelete('CASCADE');
    t.string('admin_email', 255).notNullable();
    t.string('session_hash', 64).notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('expires_at', { precision: 3 }).notNullable();
    t.datetime('used_at', { precision: 3 }).nullable();
    t.index(['store_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('amazon_consent_states');
  await knex.schema.dropTableIfExists('amazon_stores');
}
