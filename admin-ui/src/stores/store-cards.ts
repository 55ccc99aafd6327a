/**
 * Pure helpers for the Amazon store cards (the one status chip is `store-status.ts`): the countdown line, which stores belong in the "renew or reconnect" banner, the ID-type options and
 * the catalog attributes that can hold each, the points of the 30-day sales chart, and the sync health wording.
 */
import type { AttentionCode, CatalogAttribute, ProductIdType, SalesPoint, Store, StoreAuthorization } from '../api/types';
import type { SyncHealth } from '../api/sync-health-types';
import type { SyncPauseReason } from '../../../schema/stores';

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** The countdown line under the authorization chip. */
export function countdownText(auth: StoreAuthorization): string {
  switch (auth.state) {
    case 'not_connected':
      return 'Not connected to Seller Central yet';
    case 'connected':
      return `Authorization expires in ${days(auth.daysLeft ?? 0)}`;
    case 'expiring_soon':
      // The chip beside it already says "Expiring soon"; the line gives the count.
      return auth.daysLeft === 0 ? 'Authorization expires today' : `Authorization expires in ${days(auth.daysLeft ?? 0)}`;
    case 'expired':
      return 'Authorization expired: sync is paused until you renew';
    case 'revoked':
      return 'Authorization revoked in Seller Central: sync is paused until you reconnect';
    case 'error':
      return `Authorization error${auth.lastError ? `: ${auth.lastError}` : ''}`;
  }
}

/** Which consent a store needs now (null: none). A revoked or expired store renews to reconnect. */
export function consentAction(auth: StoreAuthorization): { purpose: 'connect' | 'renew'; label: string } | null {
  switch (auth.state) {
    case 'not_connected':
      return { purpose: 'connect', label: 'Connect' };
    case 'connected':
    case 'expiring_soon':
      return { purpose: 'renew', label: 'Renew' };
    case 'expired':
    case 'revoked':
    case 'error':
      return { purpose: 'renew', label: 'Reconnect' };
  }
}

/** Authorization states the renewal banner (above every page) carries, with the store's one Renew/Reconnect. */
export const inRenewalBanner = (auth: Pick<StoreAuthorization, 'state'>) =>
  auth.state === 'expiring_soon' || auth.state === 'expired' || auth.state === 'revoked' || auth.state === 'error';

/** Attention items the banner already says (a card or the store view leaves them out). */
export const BANNER_CODES: readonly AttentionCode[] = [
  'authorization_expiring',
  'authorization_expired',
  'authorization_revoked',
  'authorization_error',
];

export interface BannerEntry {
  store: Store;
  message: string;
  label: 'Renew' | 'Reconnect';
  severity: 'warning' | 'error';
}

/** Stores whose authorization needs an admin now, worst first: the banner above the cards. */
export function authorizationBanner(stores: readonly Store[]): BannerEntry[] {
  const entries: BannerEntry[] = [];
  for (const store of stores) {
    const auth = store.authorization;
    if (auth.state === 'expiring_soon') {
      entries.push({
        store,
        label: 'Renew',
        severity: 'warning',
        message: `${store.name}: authorization expires in ${days(auth.daysLeft ?? 0)}.`,
      });
    } else if (auth.state === 'expired' || auth.state === 'revoked' || auth.state === 'error') {
      const what = { expired: 'has expired', revoked: 'was revoked in Seller Central', error: 'stopped working' }[auth.state];
      entries.push({ store, label: 'Reconnect', severity: 'error', message: `${store.name}: authorization ${what}; sync is paused.` });
    }
  }
  return entries.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

/** Why sync is paused, in words (the store view and the dashboard). */
export const PAUSE_REASONS: Record<SyncPauseReason, string> = {
  not_connected: 'not connected to Seller Central yet',
  deactivated: 'the store was deactivated',
  authorization_expired: 'the authorization expired',
  authorization_revoked: 'the authorization was revoked in Seller Central',
  authorization_error: 'Amazon refused the authorization',
};

export const REGION_LABELS: Record<string, string> = { na: 'North America', eu: 'Europe', fe: 'Far East' };

export const PRODUCT_ID_TYPE_OPTIONS: { value: ProductIdType; title: string }[] = [
  { value: 'asin', title: 'ASIN' },
  { value: 'ean', title: 'EAN' },
  { value: 'upc', title: 'UPC' },
  { value: 'isbn', title: 'ISBN' },
  { value: 'gcid', title: 'GCID' },
  { value: 'general_search', title: 'General search' },
];

/** Mirrors the server's rule: identifiers keep leading zeros, so a text attribute; general search may use long text too. */
const ID_ATTRIBUTE_TYPES: Record<ProductIdType, readonly string[]> = {
  asin: ['text'],
  ean: ['text'],
  upc: ['text'],
  isbn: ['text'],
  gcid: ['text'],
  general_search: ['text', 'textarea'],
};

export function idAttributeOptions(attributes: readonly CatalogAttribute[], type: ProductIdType): { value: string; title: string }[] {
  return attributes
    .filter((a) => ID_ATTRIBUTE_TYPES[type].includes(a.type))
    .map((a) => ({ value: a.code, title: `${a.label} (${a.code})` }));
}

/**
 * The attribute a new store's form preselects for an ID type: the fitting attribute named for it — code `ean`
 * for EAN, else a code with it as a word (`amazon_asin`), else the label (“EAN”) — or null when none is.
 * General search has no such name.
 */
export function preferredIdAttribute(attributes: readonly CatalogAttribute[], type: ProductIdType): string | null {
  if (type === 'general_search') return null;
  const fitting = attributes.filter((a) => ID_ATTRIBUTE_TYPES[type].includes(a.type));
  const word = new RegExp(`(^|_)${type}($|_)`);
  const found =
    fitting.find((a) => a.code === type) ??
    fitting.find((a) => word.test(a.code)) ??
    fitting.find((a) => a.label.trim().toLowerCase() === type);
  return found?.code ?? null;
}

/**
 * The attribute after the ID type changed (or the attributes arrived): the preferred one for the type, else the
 * current one while it still fits, else none (rather than send a pair the server refuses).
 */
export function idAttributeFor(attributes: readonly CatalogAttribute[], type: ProductIdType, current: string): string {
  const preferred = preferredIdAttribute(attributes, type);
  if (preferred) return preferred;
  return idAttributeOptions(attributes, type).some((o) => o.value === current) ? current : '';
}

export interface ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
}

/** Bars of the sales chart in a width × height box: one per day, tallest = full height. */
export function salesBars(series: readonly SalesPoint[], width: number, height: number, currency: string): ChartBar[] {
  if (!series.length) return [];
  const max = Math.max(...series.map((p) => p.amount), 0);
  const slot = width / series.length;
  const gap = Math.min(2, slot * 0.2);
  return series.map((p, i) => {
    const h = max > 0 ? Math.max((p.amount / max) * height, p.amount > 0 ? 1 : 0) : 0;
    return {
      x: i * slot + gap / 2,
      y: height - h,
      width: Math.max(slot - gap, 1),
      height: h,
      label: `${p.date}: ${new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(p.amount)}, ${p.orders} ${p.orders === 1 ? 'order' : 'orders'}`,
    };
  });
}

/** "Nothing sold yet" until at least one order exists in the window. */
export const hasSales = (store: Store) => store.sales30d.orders > 0 && store.sales30d.series.some((p) => p.amount > 0);

// ---- Sync health (issue 7) ----

/** A wait as people read it: "850 ms", "3.2 s", "40 s", "12 min", "2 h 5 min", "3 d 4 h"; "—" when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
  if (ms < 60_000) return `${Math.round(ms / 1_000)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return hours % 24 ? `${Math.floor(hours / 24)} d ${hours % 24} h` : `${Math.floor(hours / 24)} d`;
}

const changes = (n: number) => `${n} ${n === 1 ? 'change' : 'changes'}`;

/**
 * The card's line, in words rather than percentiles: "95% of changes reached Amazon within 3.2 s · 12 changes
 * waiting, the oldest for 40 s"; "No changes reached Amazon in the last hour" without measurements.
 */
export function syncHealthLine(h: SyncHealth): string {
  const parts = [
    h.latencyP95Ms === null
      ? 'No changes reached Amazon in the last hour'
      : `95% of changes reached Amazon within ${formatDuration(h.latencyP95Ms)}`,
  ];
  if (h.queueDepth > 0) parts.push(`${changes(h.queueDepth)} waiting, the oldest for ${formatDuration(h.oldestPendingAgeMs)}`);
  else parts.push('nothing waiting');
  return parts.join(' · ');
}

/** The warning chip when something waits longer than the threshold (null when nothing does). */
export function stuckWarning(h: SyncHealth): { text: string; detail: string } | null {
  if (h.stuckPending + h.stuckFeeds === 0) return null;
  const limit = formatDuration(h.stuckAfterMs);
  const parts: string[] = [];
  if (h.stuckPending) parts.push(`${changes(h.stuckPending)} waiting over ${limit}`);
  if (h.stuckFeeds) parts.push(`${h.stuckFeeds} ${h.stuckFeeds === 1 ? 'submission' : 'submissions'} with Amazon over ${limit}`);
  return { text: 'Sync stuck', detail: parts.join(', ') };
}

/** The dashboard's Sync health card, row by row. */
export function syncHealthFacts(h: SyncHealth): { label: string; value: string; test: string }[] {
  return [
    { label: 'Half of the changes reached Amazon within', value: formatDuration(h.latencyP50Ms), test: 'p50' },
    { label: '95% of the changes reached Amazon within', value: formatDuration(h.latencyP95Ms), test: 'p95' },
    { label: 'Changes measured (last hour)', value: String(h.samples), test: 'samples' },
    { label: 'Changes waiting for Amazon', value: String(h.queueDepth), test: 'queue' },
    { label: 'The oldest has waited', value: h.queueDepth ? formatDuration(h.oldestPendingAgeMs) : '—', test: 'oldest' },
    { label: 'Submissions Amazon is processing', value: String(h.inFlightFeeds), test: 'feeds' },
    { label: `Waiting over ${formatDuration(h.stuckAfterMs)}`, value: String(h.stuckPending + h.stuckFeeds), test: 'stuck' },
  ];
}
