/** amazon_consent_states (owned by amazon-auth): one row per consent started; consumed on use. */
import type { Knex } from 'knex';
import { toDbTime } from '../db/time';

export interface ConsentStateRow {
  id: number;
  storeId: number;
  purpose: 'connect' | 'renew';
  adminUserId: number | null;
  adminEmail: string;
  sessionHash: string;
  expiresAt: string;
  usedAt: string | null;
}

export async function insertConsentState(
  db: Knex,
  row: {
    stateHash: string;
    storeId: number;
    purpose: 'connect' | 'renew';
    adminUserId: number;
    adminEmail: string;
    sessionHash: string;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db('amazon_consent_states').insert({
    state_hash: row.stateHash,
    store_id: row.storeId,
    purpose: row.purpose,
    admin_user_id: row.adminUserId,
    admin_email: row.adminEmail,
    session_hash: row.sessionHash,
    created_at: toDbTime(row.createdAt),
    expires_at: toDbTime(row.expiresAt),
    used_at: null,
  });
}

export async function consentStateByHash(db: Knex, stateHash: string): Promise<ConsentStateRow | null> {
  const r = await db('amazon_consent_states').where({ state_hash: stateHash }).first();
  if (!r) return null;
  return {
    id: Number(r.id),
    storeId: Number(r.store_id),
    purpose: r.purpose,
    adminUserId: r.admin_user_id === null ? null : Number(r.admin_user_id),
    adminEmail: r.admin_email,
    sessionHash: r.session_hash,
    expiresAt: String(r.expires_at),
    usedAt: r.used_at ?? null,
  };
}

/** Marks the state used; false when another request used it first (single use, race-safe). */
export async function consumeConsentState(db: Knex, id: number, now: Date): Promise<boolean> {
  return (
    Number(
      await db('amazon_consent_states')
        .where({ id })
        .whereNull('used_at')
        .update({ used_at: toDbTime(now) }),
    ) === 1
  );
}

/** Old rows are only evidence; keep a day of them. */
export async function deleteStaleConsentStates(db: Knex, before: Date): Promise<number> {
  return Number(await db('amazon_consent_states').where('expires_at', '<', toDbTime(before)).del());
}
