/**
 * A test app with the catalog seed (catalog-seed.ts), an Amazon store row for Amazon orders, and a builder
 * for `NewOrder`s that keep the totals rule (20 + 5 + 1.5 − 2 = 24.5).
 */
import type { Knex } from 'knex';
import { buildTestApp, type TestApp } from '../helpers/app';
import { seedCatalog, type SeededCatalog } from './catalog-seed';
import type { NewOrder, NewOrderAmazon } from '../../src/sales/types';

export interface SalesHarness extends TestApp {
  cat: SeededCatalog;
  views: { default: number; de: number };
  storeId: number;
  order(over?: Partial<NewOrder>): NewOrder;
  amazon(amazonOrderId: string, over?: Partial<NewOrderAmazon>): NewOrderAmazon;
  /** Creates in its own transaction, like the importer will. */
  create(input: NewOrder): ReturnType<TestApp['app']['sales']['orders']['create']>;
  salable(sku: string): Promise<number>;
  inTrx<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T>;
}

export async function startSalesHarness(): Promise<SalesHarness> {
  const t = await buildTestApp();
  const knex = t.db.knex;
  const cat = await seedCatalog(knex);
  const viewRows = await knex('store_views').select('id', 'code');
  const viewId = (code: string) => Number(viewRows.find((v) => v.code === code)!.id);
  const now = '2026-12-01 10:00:00.000';
  const [storeId] = await knex('amazon_stores').insert({
    name: 'Amazon US',
    email: 'seller@example.com',
    website_id: cat.websites.base,
    marketplace_id: 'ATVPDKIKX0DER',
    status: 'active',
    authorization_state: 'not_connected',
    product_id_type: 'ean',
    product_id_attribute: 'ean',
    settings: '{}',
    created_at: now,
    updated_at: now,
  });
  const h: SalesHarness = {
    ...t,
    cat,
    views: { default: viewId('default'), de: viewId('de') },
    storeId: Number(storeId),
    order: (over = {}) => ({
      websiteId: cat.websites.base,
      storeViewId: viewId('default'),
      source: 'web',
      customerEmail: 'guest@example.com',
      customerFirstname: 'Gina',
      customerLastname: 'Guest',
      orderCurrencyCode: 'USD',
      paymentMethod: 'checkmo',
      totals: { subtotal: 20, taxAmount: 1.5, shippingAmount: 5, shippingTaxAmount: 0.5, discountAmount: 2, grandTotal: 24.5 },
      items: [{ sku: 'BAG-1', name: 'Travel Bag', qtyOrdered: 2, price: 10 }],
      billingAddress: {
        firstname: 'Gina',
        lastname: 'Guest',
        street: ['1 Main St', 'Apt 2'],
        city: 'Seattle',
        region: 'WA',
        postcode: '98101',
        countryId: 'US',
      },
      shippingAddress: {
        firstname: 'Sam',
        lastname: 'Shipper',
        street: ['9 Dock Rd'],
        city: 'Tacoma',
        postcode: '98402',
        countryId: 'US',
        telephone: '555-0100',
      },
      ...over,
    }),
    amazon: (amazonOrderId, over = {}) => ({
      storeId: Number(storeId),
      marketplaceId: 'ATVPDKIKX0DER',
      amazonOrderId,
      amazonStatus: 'Unshipped',
      fulfillmentChannel: 'MFN',
      purchaseDate: '2026-12-01T09:00:00Z',
      latestShipDate: '2026-12-03T23:59:59Z',
      ...over,
    }),
    create: (input) => t.app.db.transaction((trx) => t.app.sales.orders.create(trx, input)),
    salable: async (sku) => (await t.app.catalog.inventory.salableQty([sku], cat.stocks.main)).get(sku)!.salableQty,
    inTrx: (work) => t.app.db.transaction(work),
  };
  return h;
}
