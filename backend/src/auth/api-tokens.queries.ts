/** Small knex functions over the API-token rows of admin_sessions (kind 'api_token'); each takes a knex or a transaction. */
import type { Knex } from 'knex';
import { toDbTime } from '../db/time';
import type { SessionRow } from './users.queries';

/** What listing needs; never the hash. */
export type ApiTokenRow = Pick<SessionRow, 'public_id' | 'user_id' | 'label' | 'created_at' | 'expires_at' | 'last_used_at' | 'revoked_at'>;

const COLUMNS = ['public_id', 'user_id', 'label', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'] as const;

/** A user's tokens that were not revoked (expired ones included, so the owner sees what ran out), newest first. */
export const listUserTokens = (db: Knex, userId: number): Promise<ApiTokenRow[]> =>
  db<SessionRow>('admin_sessions')
    .where({ user_id: userId, kind: 'api_token' })
    .whereNull('revoked_at')
    .orderBy('created_at', 'desc')
    .orderBy('public_id')
    .select(...COLUMNS);

export const findUserToken = (db: Knex, userId: number, publicId: string): Promise<ApiTokenRow | undefined> =>
  db<SessionRow>('admin_sessions')
    .where({ user_id: userId, kind: 'api_token', public_id: publicId })
    .whereNull('revoked_at')
    .first(...COLUMNS);

export const revokeToken = (db: Knex, publicId: string) =>
  db('admin_sessions').where({ kind: 'api_token', public_id: publicId }).whereNull('revoked_at').update({ revoked_at: toDbTime() });

export const touchTokenUse = (db: Knex, tokenHash: string, at: Date) =>
  db('admin_sessions')
    .where({ token_hash: tokenHash })
    .update({ last_used_at: toDbTime(at) });
