/**
 * What listing work needs to know about a store, gathered through `app.stores` and `app.catalog`:
 * its website (id, stock), marketplace (id, currency, storefront domain), product id mapping and the
 * store settings that seed the listing settings.
 */
import type { FastifyInstance } from 'fastify';
import type { StoreSettings } from '../../../schema/stores';
import { notFound } from '../platform/errors';

export interface StoreContext {
  storeId: number;
  websiteId: number;
  websiteCode: string;
  stockId: number | null;
  marketplaceId: string;
  currency: string;
  domain: string;
  productId: { type: string; attribute: string };
  storeSettings: StoreSettings;
}

export async function storeContext(app: FastifyInstance, storeId: number): Promise<StoreContext> {
  const store = await app.stores.service.get(storeId).catch((err: unknown) => {
    if ((err as { code?: string }).code === 'NOT_FOUND') throw notFound('Store', storeId);
    throw err;
  });
  const website = await app.catalog.structure.website(store.website.code);
  return {
    storeId,
    websiteId: website.id,
    websiteCode: website.code,
    stockId: website.stockId,
    marketplaceId: store.marketplace.marketplaceId,
    currency: store.marketplace.currency,
    domain: store.marketplace.domain,
    productId: { type: store.productId.type, attribute: store.productId.attribute },
    storeSettings: store.settings,
  };
}
