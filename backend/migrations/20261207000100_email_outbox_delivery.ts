import type { Knex } from 'knex';

/**
 * Delivery of the e-mail outbox (backend/src/mail): what the sender needs to send each message once, retry it with
 * backoff, give up visibly, and survive a process that dies mid-send.
 * - `message_id`: the Message-ID, fixed at the first attempt and reused by every retry (and the .eml file's name);
 * - `transport`: 'folder' or 'smtp', the one the message was (last) handed to;
 * - `sending_since` / `sending_owner`: the claim taken (one conditional UPDATE) just before a message is handed over;
 *   a claim older than the sender's limit means its process died mid-send;
 * - `next_attempt_at`: when a failed message may be tried again (backoff);
 * - `failed_at`: given up (too many attempts, a permanent refusal, or an SMTP send cut short) until an admin retries.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('email_outbox', (t) => {
    t.string('message_id', 255).nullable();
    t.string('transport', 16).nullable();
    t.datetime('sending_since', { precision: 3 }).nullable();
    t.string('sending_owner', 96).nullable();
    t.datetime('next_attempt_at', { precision: 3 }).nullable();
    t.datetime('failed_at', { precision: 3 }).nullable();
    t.index(['sent_at', 'failed_at', 'next_attempt_at'], 'email_outbox_due_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('email_outbox', (t) => {
    t.dropIndex(['sent_at', 'failed_at', 'next_attempt_at'], 'email_outbox_due_index');
    t.dropColumn('failed_at');
    t.dropColumn('next_attempt_at');
    t.dropColumn('sending_owner');
    t.dropColumn('sending_since');
    t.dropColumn('transport');
    t.dropColumn('message_id');
  });
}
