import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * API tokens an admin can list and revoke one by one (backend/src/auth/api-tokens.ts). They stay rows
 * of admin_sessions (kind 'api_token'), so authentication is still one lookup by hash; they gain
 * `public_id`, the name a token goes by in the API and the admin (the hash is never shown: it is the
 * lookup key), and `last_used_at`, null until the token first authenticates.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('admin_sessions', (t) => {
    t.string('public_id', 32).nullable();
    t.datetime('last_used_at', { precision: 3 }).nullable();
  });
  // Tokens made before this migration get an id too, so they can be listed and revoked.
  const tokens = await knex('admin_sessions').where({ kind: 'api_token' }).select('token_hash');
  for (const { token_hash } of tokens as { token_hash: string }[]) {
    await knex('admin_sessions')
      .where({ token_hash })
      .update({ public_id: randomBytes(12).toString('hex') });
  }
  // Unique, and the NULLs of cookie sessions do not collide on either engine.
  await knex.schema.alterTable('admin_sessions', (t) => {
    t.unique(['public_id'], { indexName: 'admin_sessions_public_id_unique' });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('admin_sessions', (t) => {
    t.dropUnique(['public_id'], 'admin_sessions_public_id_unique');
  });
  await knex.schema.alterTable('admin_sessions', (t) => {
    t.dropColumn('last_used_at');
    t.dropColumn('public_id');
  });
}
