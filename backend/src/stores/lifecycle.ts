/**
 * The store lifecycle as a transition table: a store's status (In Setup / Active / Inactive) and its
 * stored authorization state move together, and each event has a guard that says why it is refused.
 * Pure: the service reads the row, asks `transition`, and writes the result with the pause it implies.
 */
import type { StoredAuthorizationState, StoreStatus, SyncPauseReason } from '../../../schema/stores';

export interface StoreState {
  status: StoreStatus;
  authorization: StoredAuthorizationState;
}

export type StoreEvent =
  /** First connection, or reconnection after a revoke/expiry/error/disconnect. */
  | 'connected'
  /** Yearly renewal: a new token for the same seller; nothing else changes. */
  | 'renewed'
  | 'activate'
  | 'deactivate'
  /** Forget the token; keep the settings. */
  | 'disconnect'
  /** Amazon refused the token (seller removed the app). */
  | 'revoked'
  /** 365 days passed. */
  | 'expired'
  /** Amazon refused for another reason (missing role, account problem). */
  | 'failed';

interface Rule {
  /** null = allowed; otherwise why not, in words for the admin. */
  guard: (s: StoreState) => string | null;
  apply: (s: StoreState) => StoreState;
}

const DISCONNECTED: readonly StoredAuthorizationState[] = ['not_connected', 'revoked', 'expired', 'error'];

export const TRANSITIONS: Record<StoreEvent, Rule> = {
  connected: {
    guard: (s) => (DISCONNECTED.includes(s.authorization) ? null : 'The store is already connected; use Renew instead.'),
    // A first connection makes the store Active; a store an admin deactivated stays Inactive.
    apply: (s) => ({ status: s.status === 'in_setup' ? 'active' : s.status, authorization: 'connected' }),
  },
  renewed: {
    guard: (s) => (s.authorization === 'not_connected' ? 'The store is not connected yet; connect it first.' : null),
    apply: (s) => ({ status: s.status, authorization: 'connected' }),
  },
  activate: {
    guard: (s) =>
      s.status === 'active'
        ? 'The store is already active.'
        : s.status === 'in_setup'
          ? 'Connect the store to Amazon before activating it.'
          : null,
    apply: (s) => ({ ...s, status: 'active' }),
  },
  deactivate: {
    guard: (s) =>
      s.status === 'active' ? null : s.status === 'inactive' ? 'The store is already inactive.' : 'The store is not active yet.',
    apply: (s) => ({ ...s, status: 'inactive' }),
  },
  disconnect: {
    guard: (s) => (s.authorization === 'not_connected' ? 'The store is not connected.' : null),
    apply: () => ({ status: 'in_setup', authorization: 'not_connected' }),
  },
  revoked: {
    guard: (s) => (s.authorization === 'connected' || s.authorization === 'error' ? null : `The authorization is ${s.authorization}.`),
    apply: (s) => ({ ...s, authorization: 'revoked' }),
  },
  expired: {
    guard: (s) => (s.authorization === 'connected' || s.authorization === 'error' ? null : `The authorization is ${s.authorization}.`),
    apply: (s) => ({ ...s, authorization: 'expired' }),
  },
  failed: {
    guard: (s) => (s.authorization === 'connected' ? null : `The authorization is ${s.authorization}.`),
    apply: (s) => ({ ...s, authorization: 'error' }),
  },
};

export type TransitionResult = { ok: true; state: StoreState; pause: SyncPauseReason | null } | { ok: false; reason: string };

export function transition(state: StoreState, event: StoreEvent): TransitionResult {
  const rule = TRANSITIONS[event];
  const refused = rule.guard(state);
  if (refused) return { ok: false, reason: refused };
  const next = rule.apply(state);
  return { ok: true, state: next, pause: pauseReasonOf(next) };
}

/** Why sync is paused in this state (null: it runs). Authorization problems win over deactivation. */
export function pauseReasonOf(s: StoreState): SyncPauseReason | null {
  switch (s.authorization) {
    case 'not_connected':
      return 'not_connected';
    case 'revoked':
      return 'authorization_revoked';
    case 'expired':
      return 'authorization_expired';
    case 'error':
      return 'authorization_error';
    case 'connected':
      if (s.status === 'inactive') return 'deactivated';
      return s.status === 'in_setup' ? 'not_connected' : null;
  }
}
