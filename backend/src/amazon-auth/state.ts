/**
 * The OAuth `state` of a Seller Central consent: `<storeId>.<nonce>.<hmac>`, signed with a key derived
 * from the encryption key. The signature rejects forged values before the database is asked; the
 * database row (by the state's SHA-256) makes it single-use, short-lived and bound to a session. Pure.
 */
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export const STATE_TTL_MS = 10 * 60_000;

export function stateKey(encryptionKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'amazon-auth/consent-state', 32));
}

const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

export function createState(key: Buffer, storeId: number): string {
  const payload = `${storeId}.${randomBytes(24).toString('base64url')}`;
  return `${payload}.${sign(key, payload)}`;
}

/** The store id of a state we signed, or null for anything else. */
export function verifyState(key: Buffer, state: string): number | null {
  const m = /^(\d{1,10})\.([A-Za-z0-9_-]{32})\.([A-Za-z0-9_-]{43})$/.exec(state);
  if (!m) return null;
  const expected = Buffer.from(sign(key, `${m[1]}.${m[2]}`));
  const given = Buffer.from(m[3] ?? '');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return Number(m[1]);
}

export const stateHash = (state: string) => createHash('sha256').update(state).digest('hex');
