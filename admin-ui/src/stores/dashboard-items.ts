/**
 * The landing dashboard's judgement, pure so it is unit-tested: each store's line (its one status, sync health in
 * words, listing figures), what needs attention (authorizations, stuck sync, listings an admin must fix, unread
 * notifications) and the next steps of the first hour (add a store → connect it → create a rule → publish).
 * Every entry carries where to go, so the page renders each as a link.
 */
import type { Permission, Store } from '../api/types';
import type { StoreListingsOverview } from '../api/listings-overview-types';
import type { SyncHealth } from '../api/sync-health-types';
import type { ListingStatus } from '../../../schema/listings';
import { INCOMPLETE_STATUSES } from '../../../schema/listings';
import { PAUSE_REASONS, formatDuration, syncHealthLine } from './store-cards';
import { storeState, type StoreState } from './store-status';

export interface DashboardFacts {
  stores: readonly Store[];
  overview: (storeId: number) => StoreListingsOverview;
  health: Readonly<Record<number, SyncHealth | undefined>>;
  unread: number;
  can: (permission: Permission) => boolean;
}

/** Where an entry leads: a page, the bell's menu, or Connect itself (the consent opens in a new tab). */
export type DashboardLink = { to: string } | { open: 'notifications' } | { connect: number };

export type Severity = 'error' | 'warning' | 'info';

export interface DashboardEntry {
  key: string;
  severity: Severity;
  text: string;
  /** The link's words. */
  action: string;
  link: DashboardLink;
}

export interface NextStep extends Omit<DashboardEntry, 'severity'> {
  detail: string;
}

export interface StoreLine {
  store: Store;
  state: StoreState;
  health: { text: string; severity: Severity | 'success' };
  counts: { label: string; value: number; test: string }[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const storePage = (id: number, section = 'dashboard') => `/amazon/stores/${id}/${section}`;
const listingsTab = (id: number, tab: string) => `/amazon/stores/${id}/listings?tab=${tab}`;
const sum = (o: StoreListingsOverview, statuses: readonly ListingStatus[]) => statuses.reduce((n, s) => n + o.statuses[s], 0);
const isConnected = (s: Store) => s.authorization.state === 'connected' || s.authorization.state === 'expiring_soon';
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The dashboard's line for one store. */
export function storeLine(store: Store, overview: StoreListingsOverview, health: SyncHealth | undefined): StoreLine {
  const auth = store.authorization;
  let line: StoreLine['health'];
  // Before the first connection nothing is paused, there is simply nothing to send yet.
  if (auth.state === 'not_connected') line = { text: 'Nothing is sent to Amazon until the store is connected', severity: 'info' };
  else if (auth.syncPaused && auth.syncPauseReason)
    line = { text: `Sync paused: ${PAUSE_REASONS[auth.syncPauseReason]}`, severity: 'warning' };
  else if (!health) line = { text: 'Sync health not loaded yet', severity: 'info' };
  else if (health.stuckPending + health.stuckFeeds > 0)
    line = {
      text: `Sync stuck: ${plural(health.stuckPending + health.stuckFeeds, 'change')} waiting over ${formatDuration(health.stuckAfterMs)}`,
      severity: 'error',
    };
  else line = { text: syncHealthLine(health), severity: health.latencyP95Ms === null ? 'info' : 'success' };
  return {
    store,
    state: storeState(store),
    health: line,
    counts: [
      { label: 'Active', value: overview.statuses.active, test: 'active' },
      { label: 'On the way', value: sum(overview, ['validating_asin', 'ready_to_list', 'list_in_progress']), test: 'on-the-way' },
      { label: 'To fix', value: sum(overview, ['error', ...INCOMPLETE_STATUSES.filter((s) => s !== 'validating_asin')]), test: 'to-fix' },
    ],
  };
}

function authorizationEntry(store: Store): DashboardEntry | null {
  const a = store.authorization;
  const at = { action: 'Open store', link: { to: storePage(store.id) } };
  if (a.state === 'expiring_soon') {
    const when = a.daysLeft === 0 ? 'today' : `in ${plural(a.daysLeft ?? 0, 'day')}`;
    return { key: `auth-${store.id}`, severity: 'warning', text: `${store.name}: the Amazon authorization expires ${when}.`, ...at };
  }
  const what = { expired: 'has expired', revoked: 'was revoked in Seller Central', error: 'stopped working' } as const;
  if (a.state === 'expired' || a.state === 'revoked' || a.state === 'error')
    return {
      key: `auth-${store.id}`,
      severity: 'error',
      text: `${store.name}: the Amazon authorization ${what[a.state]}; sync is paused.`,
      ...at,
    };
  return null;
}

/** What needs an admin now, worst first. */
export function attentionEntries(f: DashboardFacts): DashboardEntry[] {
  const out: DashboardEntry[] = [];
  for (const store of f.stores) {
    const auth = authorizationEntry(store);
    if (auth) out.push(auth);
    if (store.status === 'inactive')
      out.push({
        key: `inactive-${store.id}`,
        severity: 'warning',
        text: `${store.name} is deactivated: nothing is sent to Amazon until it is activated again.`,
        action: 'Open store',
        link: { to: storePage(store.id) },
      });
    const h = f.health[store.id];
    const stuck = h && !store.authorization.syncPaused ? h.stuckPending + h.stuckFeeds : 0;
    if (h && stuck > 0)
      out.push({
        key: `stuck-${store.id}`,
        severity: 'error',
        text: `${store.name}: sync is stuck — ${plural(stuck, 'change')} waiting over ${formatDuration(h.stuckAfterMs)} for Amazon.`,
        action: 'See sync health',
        link: { to: storePage(store.id) },
      });
    const o = f.overview(store.id);
    const listings: [ListingStatus, Severity, (n: number) => string, string][] = [
      ['error', 'error', (n) => `${plural(n, 'listing')} in Error: Amazon refused ${n === 1 ? 'it' : 'them'}`, 'errors'],
      ['unable_to_assign', 'warning', (n) => `${plural(n, 'listing')} Unable to Assign: no Amazon product found or allowed`, 'incomplete'],
      ['multiple_matches', 'warning', (n) => `${plural(n, 'listing')} with Multiple Matches Found: pick the right ASIN`, 'incomplete'],
    ];
    for (const [status, severity, words, tab] of listings) {
      const n = o.statuses[status];
      if (n > 0)
        out.push({
          key: `${status}-${store.id}`,
          severity,
          text: `${store.name}: ${words(n)}.`,
          action: 'See listings',
          link: { to: listingsTab(store.id, tab) },
        });
    }
  }
  if (f.unread > 0)
    out.push({
      key: 'unread',
      severity: 'info',
      text: `${plural(f.unread, 'unread notification')}.`,
      action: 'Read them',
      link: { open: 'notifications' },
    });
  // Stable: stores keep their order within a severity.
  return out
    .map((e, i) => ({ e, i }))
    .sort((a, b) => RANK[a.e.severity] - RANK[b.e.severity] || a.i - b.i)
    .map(({ e }) => e);
}

/** The step each store needs next, in the order of the first hour; none for a store that is all set. */
function stepFor(store: Store, o: StoreListingsOverview, can: DashboardFacts['can']): NextStep | null {
  const a = store.authorization;
  if (a.state === 'not_connected')
    return can('stores.manage')
      ? {
          key: `connect-${store.id}`,
          text: `Connect ${store.name} to Seller Central`,
          detail: 'Seller Central opens in a new tab: sign in as the seller and allow the app. Nothing is sent to Amazon before.',
          action: 'Connect',
          link: { connect: store.id },
        }
      : {
          key: `connect-${store.id}`,
          text: `${store.name} is not connected yet`,
          detail: 'An administrator connects it to Seller Central.',
          action: 'Open store',
          link: { to: storePage(store.id) },
        };
  // Lost authorizations are in the banner and under "Needs attention", with their one action.
  if (!isConnected(store)) return null;
  if (store.status === 'inactive')
    return {
      key: `activate-${store.id}`,
      text: `Activate ${store.name}`,
      detail: 'It is connected but deactivated: sync is paused.',
      action: 'Open store',
      link: { to: storePage(store.id) },
    };
  const total = Object.values(o.statuses).reduce((n, v) => n + v, 0);
  if (o.ruleSavedAt === null)
    return {
      key: `rule-${store.id}`,
      text: `Create a listing rule for ${store.name}`,
      detail: `The rule decides which products of ${store.website.name} are listed on Amazon.`,
      action: 'Create rule',
      link: { to: storePage(store.id, 'listing-rules') },
    };
  if (total === 0)
    return {
      key: `rule-${store.id}`,
      text: `The listing rule of ${store.name} selects no products`,
      detail: 'Preview Changes shows why products are left out; widen the rule to list them.',
      action: 'Edit rule',
      link: { to: storePage(store.id, 'listing-rules') },
    };
  const ready = o.statuses.ready_to_list;
  if (ready > 0)
    return {
      key: `publish-${store.id}`,
      text: `Publish ${plural(ready, 'listing')} of ${store.name} that ${ready === 1 ? 'is' : 'are'} Ready to List`,
      detail:
        ready === 1
          ? 'It is matched to an Amazon product and waits for you to publish it.'
          : 'They are matched to Amazon products and wait for you to publish them.',
      action: 'See listings',
      link: { to: listingsTab(store.id, 'ready_to_list') },
    };
  return null;
}

/** The next steps: before any store, prepare and add one; then each store's next step. Empty: all set. */
export function nextSteps(f: DashboardFacts): NextStep[] {
  if (!f.stores.length)
    return [
      {
        key: 'prepare',
        text: 'Prepare your catalog for Amazon',
        detail: 'An attribute holding each product’s Amazon ID (EAN, UPC, ISBN or ASIN), prices and stock: see what to check.',
        action: 'Learning and Preparation',
        link: { to: '/amazon/learning' },
      },
      f.can('stores.manage')
        ? {
            key: 'add-store',
            text: 'Add your first Amazon store',
            detail: 'One store per Amazon marketplace, tied to a website of your catalog.',
            action: 'Add store',
            link: { to: '/amazon/stores/new' },
          }
        : {
            key: 'add-store',
            text: 'No Amazon store yet',
            detail: 'An administrator adds the first store.',
            action: 'Amazon Stores',
            link: { to: '/amazon/stores' },
          },
    ];
  return f.stores.map((s) => stepFor(s, f.overview(s.id), f.can)).filter((s): s is NextStep => s !== null);
}
