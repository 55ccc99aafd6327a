import type { Knex } from 'knex';

/**
 * Job leases (one process runs a job at a time), admin notifications and the e-mail outbox a mailer
 * sends from. `dedupe_key` makes "notify once" a unique key, not a hope.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('job_leases', (t) => {
    t.string('name', 96).primary();
    t.string('owner', 96).nullable();
    t.datetime('lease_until', { precision: 3 }).nullable();
    t.datetime('last_started_at', { precision: 3 }).nullable();
    t.datetime('last_finished_at', { precision: 3 }).nullable();
    t.text('last_error').nullable();
  });

  await knex.schema.createTable('admin_notifications', (t) => {
    t.bigIncrements('id').primary();
    t.string('kind', 64).notNullable();
    t.enu('severity', ['info', 'warning', 'error']).notNullable();
    t.integer('store_id').unsigned().nullable().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.string('title', 255).notNullable();
    t.text('message').notNullable();
    t.string('dedupe_key', 191).nullable().unique();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('read_at', { precision: 3 }).nullable();
    t.index(['read_at', 'created_at']);
  });

  await knex.schema.createTable('email_outbox', (t) => {
    t.bigIncrements('id').primary();
    t.string('to_address', 255).notNullable();
    t.string('subject', 255).notNullable();
    t.text('body').notNullable();
    t.bigInteger('notification_id').unsigned().nullable().references('id').inTable('admin_notifications').onDelete('SET NULL');
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('sent_at', { precision: 3 }).nullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error').nullable();
    t.index(['sent_at', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('email_outbox');
  await knex.schema.dropTableIfExists('admin_notifications');
  await knex.schema.dropTableIfExists('job_leases');
}
