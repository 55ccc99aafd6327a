/**
 * The commerce side's sales model, Magento's: orders (number, state and status, customer or guest,
 * items, addresses, totals in order and base currency, status history, stock reservations), customers
 * per website, invoices, the Amazon link of imported orders, and the orders grid's saved views. Decorates
 * `app.sales` for the order import and serves Sales > Orders under /api/sales.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { AmazonOrderUpdates } from './amazon-updates';
import { CustomersService } from './customers.service';
import { InvoicesService } from './invoices';
import { OrdersService } from './orders.service';
import { setSequencePrefix } from './sequences';
import { OrderViewsService } from './views.service';
import { amazonOrdersAfter, storeSales, type StoreSales } from './store-sales';
import orderRoutes from './orders.routes';
import viewRoutes from './views.routes';
import type { Knex } from 'knex';

export interface SalesModule {
  /** create (in the caller's transaction), byAmazonOrderId, list, csv, detail, addComment, transition, reserve, releaseReservation. */
  orders: OrdersService;
  /** create(trx, orderId, {lines?, source, author?, comment?}): an invoice of what is left to bill (invoices.ts). */
  invoices: InvoicesService;
  /** findOrCreate(trx, websiteId, {email, firstname, lastname}): customers matched by e-mail per website. */
  customers: CustomersService;
  /** What an Amazon order importer changes on its orders: Amazon status, shipping address, history entries. */
  amazonUpdates: AmazonOrderUpdates;
  /** The orders grid's saved views, per admin. */
  views: OrderViewsService;
  /** Order numbers: a store view's prefix (the numbers go on). */
  sequences: { setPrefix(db: Knex, storeViewId: number, prefix: string): Promise<void> };
  /** An Amazon store's sales (card and dashboard), and its orders that arrived after an order id (the new-orders notice). */
  stores: {
    sales(storeId: number, now: Date): Promise<StoreSales>;
    amazonOrdersAfter(storeId: number, afterOrderId: number): Promise<{ count: number; lastOrderId: number }>;
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    sales: SalesModule;
  }
}

export default fp(
  async function salesPlugin(app: FastifyInstance) {
    const orders = new OrdersService(app.db, app.audit, app.catalog, (host) => app.spapi.sellerCentralUrl(host));
    app.decorate('sales', {
      orders,
      invoices: new InvoicesService(app.audit, (trx, id, event, options) => orders.transition(trx, id, event, options)),
      customers: new CustomersService(),
      amazonUpdates: new AmazonOrderUpdates(app.audit, () => new Date()),
      views: new OrderViewsService(app.db, app.audit),
      sequences: { setPrefix: setSequencePrefix },
      stores: {
        sales: (storeId, now) => storeSales(app.db, storeId, now),
        amazonOrdersAfter: (storeId, afterOrderId) => amazonOrdersAfter(app.db, storeId, afterOrderId),
      },
    } satisfies SalesModule);
    await app.register(orderRoutes);
    await app.register(viewRoutes);
  },
  { name: 'sales', dependencies: ['db', 'auth', 'audit', 'catalog', 'spapi'] },
);
