/**
 * API tokens: bearer credentials an admin makes for an API client, acting as that admin. The secret
 * is shown once, at creation; afterwards a token is known by its public id and label. Each has an
 * expiry (1–366 days, 90 by default: long enough for an integration, never forever) and can be
 * revoked on its own. Only the owner — or an administrator managing admin users — sees or revokes it.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { invalid, notFound } from '../platform/errors';
import { dbTimeAfter, fromDbTime, toDbTime } from '../db/time';
import * as q from './api-tokens.queries';
import { newSecretToken, sha256 } from './secret-tokens';
import { insertSession, type SessionRow } from './users.queries';

export interface ApiToken {
  id: string;
  label: string;
  createdAt: string;
  expiresAt: string;
  /** Null until the token first authenticates; afterwards exact to about a minute. */
  lastUsedAt: string | null;
  status: 'active' | 'expired';
}

/** Record a token's use at most this often, so an API client's reads do not each become a write. */
const USE_INTERVAL_MS = 60_000;

function toApiToken(row: q.ApiTokenRow, now: Date): ApiToken {
  const expiresAt = fromDbTime(row.expires_at)!;
  return {
    id: row.public_id!,
    label: row.label ?? '',
    createdAt: fromDbTime(row.created_at)!,
    expiresAt,
    lastUsedAt: fromDbTime(row.last_used_at),
    status: new Date(expiresAt) <= now ? 'expired' : 'active',
  };
}

export class ApiTokenService {
  constructor(private readonly db: Knex) {}

  async list(userId: number, now = new Date()): Promise<ApiToken[]> {
    return (await q.listUserTokens(this.db, userId)).map((row) => toApiToken(row, now));
  }

  /** Makes a token for the user; the returned `token` is the only time the secret exists outside the client. */
  async create(userId: number, label: string, days: number, trx: Knex = this.db): Promise<ApiToken & { token: string }> {
    const name = label.trim();
    if (!name) throw invalid([{ field: 'body.label', message: 'is required' }]);
    const token = newSecretToken();
    const now = new Date();
    const row: SessionRow = {
      token_hash: sha256(token),
      user_id: userId,
      kind: 'api_token',
      label: name,
      created_at: toDbTime(now),
      last_seen_at: toDbTime(now),
      expires_at: dbTimeAfter(days * 86_400_000, now),
      revoked_at: null,
      public_id: randomBytes(12).toString('hex'),
      last_used_at: null,
    };
    await insertSession(trx, row);
    return { ...toApiToken(row, now), token };
  }

  /** Revokes one of the user's tokens; another user's token, or one already revoked, is "not found". */
  async revoke(userId: number, tokenId: string, trx: Knex = this.db): Promise<ApiToken> {
    const row = await q.findUserToken(trx, userId, tokenId);
    if (!row) throw notFound('API token', tokenId);
    await q.revokeToken(trx, tokenId);
    return toApiToken(row, new Date());
  }

  /** Notes that a token just authenticated (at most once a minute per token). */
  async recordUse(session: SessionRow, now: Date): Promise<void> {
    const last = fromDbTime(session.last_used_at);
    if (last && now.getTime() - new Date(last).getTime() < USE_INTERVAL_MS) return;
    await q.touchTokenUse(this.db, session.token_hash, now);
  }
}
