/** A store row as the API shows it (the card and the store view). Pure: never exposes the token. */
import type { StoreSettings } from '../../../schema/stores';
import type { Website } from '../catalog/structure.queries';
import type { SalesFigures, StoreSales } from '../sales/store-sales';
import { fromDbTime } from '../db/time';
import { attentionItems, daysLeft, effectiveState, type AttentionItem, type AuthorizationFacts } from './authorization-view';
import { knownMarketplace, type Marketplace } from './marketplaces';
import type { StoreRow } from './stores.queries';

export interface StoreAuthorizationView {
  storeId: number;
  status: StoreRow['status'];
  state: ReturnType<typeof effectiveState>;
  sellerId: string | null;
  authorizedAt: string | null;
  expiresAt: string | null;
  daysLeft: number | null;
  lastError: string | null;
  syncPaused: boolean;
  syncPauseReason: StoreRow['syncPausedReason'];
  updatedAt: string;
}

export interface StoreView {
  id: number;
  name: string;
  email: string;
  website: { code: string; name: string; baseCurrency: string };
  marketplace: Marketplace;
  status: StoreRow['status'];
  authorization: StoreAuthorizationView;
  productId: { type: StoreRow['productIdType']; attribute: string };
  settings: StoreSettings;
  editable: { website: boolean; country: boolean; reason: string | null };
  listingCounts: { active: number; inactive: number; inProgress: number };
  sales30d: { currency: string; total: number; orders: number; series: StoreSales['series'] };
  sales: { currency: string; timeZone: 'UTC'; last7Days: SalesFigures; last30Days: SalesFigures; lifetime: SalesFigures };
  recentOrders: StoreSales['recentOrders'];
  /** Amazon orders kept in the orders workbench (unknown SKU, disabled product, a failure), for the card's count. */
  ordersNeedingAttention: number;
  attention: AttentionItem[];
  createdAt: string;
  updatedAt: string;
}

const dbDate = (text: string | null) => (text === null ? null : new Date(fromDbTime(text)!));

export function factsOf(row: StoreRow): AuthorizationFacts {
  return { status: row.status, authorization: row.authorization, expiresAt: dbDate(row.expiresAt), lastError: row.authorizationError };
}

/** Pause as workers must see it: the stored reason, or "expired" as soon as the deadline passed (before any job ran). */
export function syncPauseOf(row: StoreRow, now: Date): StoreRow['syncPausedReason'] {
  if (row.syncPausedReason) return row.syncPausedReason;
  return effectiveState(factsOf(row), now) === 'expired' ? 'authorization_expired' : null;
}

export function authorizationView(row: StoreRow, now: Date): StoreAuthorizationView {
  const facts = factsOf(row);
  const pause = syncPauseOf(row, now);
  return {
    storeId: row.id,
    status: row.status,
    state: effectiveState(facts, now),
    sellerId: row.sellerId,
    authorizedAt: fromDbTime(row.authorizedAt),
    expiresAt: fromDbTime(row.expiresAt),
    daysLeft: row.authorization === 'not_connected' ? null : daysLeft(facts.expiresAt, now),
    lastError: row.authorizationError,
    syncPaused: pause !== null,
    syncPauseReason: pause,
    updatedAt: fromDbTime(row.updatedAt)!,
  };
}

export interface ListingCounts {
  active: number;
  inactive: number;
  inProgress: number;
}

export const NO_LISTINGS: ListingCounts = { active: 0, inactive: 0, inProgress: 0 };

const NONE: SalesFigures = { orders: 0, units: 0, revenue: 0 };
/** Before the sales module answers (a store view built without it): nothing sold. */
export const NO_SALES: StoreSales = { last7Days: NONE, last30Days: NONE, lifetime: NONE, series: [], recentOrders: [] };

export function storeView(
  row: StoreRow,
  website: Website | undefined,
  now: Date,
  listingCounts: ListingCounts = NO_LISTINGS,
  sales: StoreSales = NO_SALES,
  ordersNeedingAttention = 0,
): StoreView {
  const marketplace = knownMarketplace(row.marketplaceId);
  const locked = row.sellerId !== null || row.authorization !== 'not_connected';
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    website: { code: website?.code ?? '', name: website?.name ?? '', baseCurrency: website?.baseCurrency ?? '' },
    marketplace,
    status: row.status,
    authorization: authorizationView(row, now),
    productId: { type: row.productIdType, attribute: row.productIdAttribute },
    settings: row.settings,
    editable: {
      website: !locked,
      country: !locked,
      reason: locked
        ? 'The website and country are fixed once the store is connected to Amazon; disconnect the store to change them.'
        : null,
    },
    listingCounts,
    sales30d: { currency: marketplace.currency, total: sales.last30Days.revenue, orders: sales.last30Days.orders, series: sales.series },
    sales: {
      currency: marketplace.currency,
      timeZone: 'UTC',
      last7Days: sales.last7Days,
      last30Days: sales.last30Days,
      lifetime: sales.lifetime,
    },
    recentOrders: sales.recentOrders,
    ordersNeedingAttention,
    attention: attentionItems(factsOf(row), now),
    createdAt: fromDbTime(row.createdAt)!,
    updatedAt: fromDbTime(row.updatedAt)!,
  };
}
