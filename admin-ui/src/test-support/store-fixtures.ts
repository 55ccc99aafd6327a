/** A store card and its authorization as the API returns them, for the unit tests of the Amazon stores' stores and helpers. */
import type { Store, StoreAuthorization } from '../api/types';

export function authorization(over: Partial<StoreAuthorization> = {}): StoreAuthorization {
  return {
    storeId: 1,
    status: 'in_setup',
    state: 'not_connected',
    sellerId: null,
    authorizedAt: null,
    expiresAt: null,
    daysLeft: null,
    lastError: null,
    syncPaused: true,
    syncPauseReason: 'not_connected',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

export const CONNECTED = authorization({
  status: 'active',
  state: 'connected',
  sellerId: 'A2SIMOUTDOOR01',
  authorizedAt: '2026-01-02T00:00:00.000Z',
  expiresAt: '2027-01-02T00:00:00.000Z',
  daysLeft: 365,
  syncPaused: false,
  syncPauseReason: null,
});

export function store(over: Partial<Store> = {}): Store {
  return {
    id: 1,
    name: 'Outdoor US',
    email: 'amazon@shop.example',
    website: { code: 'base', name: 'Main Website', baseCurrency: 'USD' },
    marketplace: {
      country: 'US',
      name: 'United States',
      marketplaceId: 'ATVPDKIKX0DER',
      region: 'na',
      currency: 'USD',
      sellerCentralHost: 'sellercentral.amazon.com',
      domain: 'www.amazon.com',
    },
    status: 'in_setup',
    authorization: authorization(),
    productId: { type: 'ean', attribute: 'ean' },
    settings: {
      importOrders: true,
      customerMode: 'guest',
      listAutomatically: true,
      priceSource: 'price',
      fulfilledBy: 'merchant',
      condition: 'new_new',
      handlingTimeDays: 2,
    },
    editable: { website: true, country: true, reason: null },
    listingCounts: { active: 0, inactive: 0, inProgress: 0 },
    sales30d: { currency: 'USD', total: 0, orders: 0, series: [] },
    sales: {
      currency: 'USD',
      timeZone: 'UTC',
      last7Days: { orders: 0, units: 0, revenue: 0 },
      last30Days: { orders: 0, units: 0, revenue: 0 },
      lifetime: { orders: 0, units: 0, revenue: 0 },
    },
    recentOrders: [],
    attention: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}
