/**
 * One status per store, for the one chip a store shows (card, store view, dashboard). The store's own status
 * (In Setup, Active, Inactive) and its Seller Central authorization are two facts, but an admin reads one word:
 * a store whose authorization expired or was revoked is not "Active", whatever its status says, because its
 * sync is paused. The worst fact wins: a lost authorization, then a deactivated store, then an expiry coming.
 */
import type { Store } from '../api/types';

export type StoreStateKey = 'in_setup' | 'active' | 'expiring_soon' | 'inactive' | 'expired' | 'revoked' | 'authorization_error';

export interface StoreState {
  key: StoreStateKey;
  text: string;
  color: 'success' | 'warning' | 'error' | 'grey-darken-1';
  /** Why, in a sentence (the chip's title and the dashboard's line). */
  detail: string;
}

const STATES: Record<StoreStateKey, Omit<StoreState, 'key' | 'detail'>> = {
  in_setup: { text: 'In Setup', color: 'grey-darken-1' },
  active: { text: 'Active', color: 'success' },
  expiring_soon: { text: 'Expiring soon', color: 'warning' },
  inactive: { text: 'Inactive', color: 'warning' },
  expired: { text: 'Expired', color: 'error' },
  revoked: { text: 'Revoked', color: 'error' },
  authorization_error: { text: 'Authorization error', color: 'error' },
};

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

function keyOf(store: Pick<Store, 'status' | 'authorization'>): StoreStateKey {
  switch (store.authorization.state) {
    case 'revoked':
      return 'revoked';
    case 'expired':
      return 'expired';
    case 'error':
      return 'authorization_error';
    case 'not_connected':
      return 'in_setup';
    case 'connected':
    case 'expiring_soon':
      if (store.status === 'inactive') return 'inactive';
      if (store.status === 'in_setup') return 'in_setup';
      return store.authorization.state === 'expiring_soon' ? 'expiring_soon' : 'active';
  }
}

function detailOf(key: StoreStateKey, store: Pick<Store, 'authorization'>): string {
  const left = store.authorization.daysLeft ?? 0;
  switch (key) {
    case 'in_setup':
      return 'Not connected to Seller Central yet: nothing is sent to Amazon.';
    case 'active':
      return `Connected; listings, prices and quantities are kept in step. Authorization valid for ${days(left)}.`;
    case 'expiring_soon':
      return left === 0
        ? 'Active, but the authorization expires today: renew it to keep selling.'
        : `Active, but the authorization expires in ${days(left)}: renew it to keep selling.`;
    case 'inactive':
      return 'Deactivated by an administrator: sync is paused and pending work is kept.';
    case 'expired':
      return 'The authorization expired: sync is paused until the store is reconnected.';
    case 'revoked':
      return 'The authorization was revoked in Seller Central: sync is paused until the store is reconnected.';
    case 'authorization_error':
      return `Amazon refused the authorization${store.authorization.lastError ? ` (${store.authorization.lastError})` : ''}: sync is paused.`;
  }
}

export function storeState(store: Pick<Store, 'status' | 'authorization'>): StoreState {
  const key = keyOf(store);
  return { key, ...STATES[key], detail: detailOf(key, store) };
}
