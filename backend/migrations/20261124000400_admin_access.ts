import type { Knex } from 'knex';

/** Admin users, their sessions and API tokens (stored as hashes), and the audit log of writes. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('admin_users', (t) => {
    t.increments('id').primary();
    t.string('email', 255).notNullable().unique();
    t.string('name', 255).notNullable();
    t.enu('role', ['administrator', 'catalog_manager']).notNullable();
    t.string('password_hash', 255).notNullable();
    t.boolean('is_active').notNullable().defaultTo(true);
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.datetime('last_login_at', { precision: 3 }).nullable();
  });

  // Only the SHA-256 of a session or API token is kept: a leaked table cannot be replayed.
  await knex.schema.createTable('admin_sessions', (t) => {
    t.string('token_hash', 64).primary();
    t.integer('user_id').unsigned().notNullable().references('id').inTable('admin_users').onDelete('CASCADE');
    t.enu('kind', ['cookie', 'api_token']).notNullable();
    t.string('label', 255).nullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('last_seen_at', { precision: 3 }).notNullable();
    t.datetime('expires_at', { precision: 3 }).notNullable();
    t.datetime('revoked_at', { precision: 3 }).nullable();
    t.index(['user_id']);
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id').primary();
    t.integer('user_id').unsigned().nullable().references('id').inTable('admin_users').onDelete('SET NULL');
    t.string('user_email', 255).nullable();
    t.string('action', 64).notNullable();
    t.string('entity_type', 64).notNullable();
    t.string('entity_id', 255).nullable();
    t.text('details').nullable();
    t.string('ip', 64).nullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['created_at']);
    t.index(['user_id']);
    t.index(['entity_type', 'entity_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('audit_log');
  await knex.schema.dropTableIfExists('admin_sessions');
  await knex.schema.dropTableIfExists('admin_users');
}
