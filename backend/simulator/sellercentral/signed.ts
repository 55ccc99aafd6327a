/**
 * HMAC-signed, expiring values for Seller Central state kept on the client (cookie or hidden form
 * field), so the sign-in survives without server sessions and cannot be forged by the app under test.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function sign(secret: Buffer, value: object, expiresAtMs: number): string {
  const payload = Buffer.from(JSON.stringify({ ...value, exp: expiresAtMs })).toString('base64url');
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
}

export function verify<T extends object>(secret: Buffer, token: string | undefined, nowMs: number): T | null {
  if (!token) return null;
  const [payload = '', mac = ''] = token.split('.');
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as T & { exp?: number };
    return typeof parsed.exp === 'number' && parsed.exp > nowMs ? parsed : null;
  } catch {
    return null;
  }
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
