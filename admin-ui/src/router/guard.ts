/**
 * Where a navigation may go: to sign-in without a session (remembering where it was going), to
 * "Access denied" when the role lacks the route's permission, onwards otherwise. Pure, so the
 * rules are unit-tested without a browser.
 */
import type { Permission } from '../api/types';

export interface GuardTarget {
  fullPath: string;
  name?: string | symbol | null;
  meta: { public?: boolean; permission?: Permission };
  query?: Record<string, unknown>;
}

export type GuardDecision =
  true | { name: 'login'; query: { redirect?: string } } | { name: 'denied'; query: { from: string } } | { path: string };

/** Only paths inside the admin are followed after sign-in (never an absolute URL from a link). */
export function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login') ? value : '/';
}

export function decide(to: GuardTarget, signedIn: boolean, can: (p: Permission | undefined) => boolean): GuardDecision {
  if (to.meta.public) {
    // Already signed in: the sign-in page has nothing to offer, go where it would have led.
    return signedIn && to.name === 'login' ? { path: safeRedirect(to.query?.redirect) } : true;
  }
  if (!signedIn) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  if (!can(to.meta.permission)) return { name: 'denied', query: { from: to.fullPath } };
  return true;
}
