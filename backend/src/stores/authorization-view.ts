/**
 * What the admin sees of an authorization at a given moment: "Expiring soon" and "Expired" are derived
 * from `expires_at` (so the card is right even before a job has run), whole days left, and the
 * attention items (banners) a store needs. Pure.
 */
import {
  EXPIRING_SOON_DAYS,
  type AttentionCode,
  type AuthorizationState,
  type StoredAuthorizationState,
  type StoreStatus,
} from '../../../schema/stores';
import { DAY_MS } from '../jobs/clock';

export interface AuthorizationFacts {
  status: StoreStatus;
  authorization: StoredAuthorizationState;
  expiresAt: Date | null;
  lastError: string | null;
}

export interface AttentionItem {
  code: AttentionCode;
  severity: 'info' | 'warning' | 'error';
  message: string;
  action: 'connect' | 'renew' | 'activate' | null;
}

export function daysLeft(expiresAt: Date | null, now: Date): number | null {
  if (!expiresAt) return null;
  return Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS));
}

export function effectiveState(f: AuthorizationFacts, now: Date): AuthorizationState {
  if (f.authorization !== 'connected' || !f.expiresAt) return f.authorization;
  const left = f.expiresAt.getTime() - now.getTime();
  if (left <= 0) return 'expired';
  return left <= EXPIRING_SOON_DAYS * DAY_MS ? 'expiring_soon' : 'connected';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function attentionItems(f: AuthorizationFacts, now: Date): AttentionItem[] {
  const items: AttentionItem[] = [];
  const state = effectiveState(f, now);
  const left = daysLeft(f.expiresAt, now) ?? 0;
  switch (state) {
    case 'not_connected':
      items.push({ code: 'not_connected', severity: 'info', message: 'Connect this store to Amazon to start selling.', action: 'connect' });
      break;
    case 'expiring_soon':
      items.push({
        code: 'authorization_expiring',
        severity: left <= 7 ? 'error' : 'warning',
        message: `The Amazon authorization expires in ${plural(left, 'day')}. Renew it now to keep listings, prices and orders in sync.`,
        action: 'renew',
      });
      break;
    case 'expired':
      items.push({
        code: 'authorization_expired',
        severity: 'error',
        message: 'The Amazon authorization has expired: sync is paused and pending work is kept. Reconnect to resume.',
        action: 'renew',
      });
      break;
    case 'revoked':
      items.push({
        code: 'authorization_revoked',
        severity: 'error',
        message:
          'Amazon no longer accepts this store’s authorization (the app was removed in Seller Central): sync is paused and pending work is kept. Reconnect to resume.',
        action: 'renew',
      });
      break;
    case 'error':
      items.push({
        code: 'authorization_error',
        severity: 'error',
        message: `Amazon refused the store’s authorization${f.lastError ? ` (${f.lastError})` : ''}: sync is paused. Reconnect to resume.`,
        action: 'renew',
      });
      break;
    case 'connected':
      break;
  }
  if (f.status === 'inactive') {
    items.push({
      code: 'inactive',
      severity: 'info',
      message: 'The store is inactive: sync is paused until it is activated.',
      action: 'activate',
    });
  }
  return items;
}
