/**
 * Inventory: quantity policies (the pure quantity pipeline, stock profiles) and stock sync's change capture.
 * Decorates `app.inventory`. The listings domain computes each listing's quantity through
 * `listing-quantity.ts`; the sync engine pushes it. Amazon sales lower manual and custom quantities
 * (`amazon-sales.ts`).
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import stockProfileRoutes from './profiles.routes';
import { StockProfilesService } from './profiles.service';
import { AMAZON_SALES_EVERY_MS, AMAZON_SALES_JOB, checkAllStores, checkStoreSales, type SalesCheck } from './amazon-sales';
import amazonSalesRoutes from './amazon-sales.routes';
import { PLACEHOLDER_EVERY_MS, PLACEHOLDER_JOB, refreshPlaceholders } from './placeholder-refresh';
import { settleQtyUpdates } from './qty-updates';
import { syncOf } from '../listings/sync-contract';

export interface InventoryModule {
  profiles: StockProfilesService;
  /** "Check Amazon sales now" for one store (the job does every connected store). */
  sales: { check(storeId: number): Promise<SalesCheck> };
}

declare module 'fastify' {
  interface FastifyInstance {
    inventory: InventoryModule;
  }
}

export default fp(
  async function inventoryPlugin(app: FastifyInstance) {
    app.decorate('inventory', {
      profiles: new StockProfilesService(app),
      sales: { check: (storeId: number) => checkStoreSales(app, storeId) },
    });
    app.jobs.define({ name: PLACEHOLDER_JOB, intervalMs: PLACEHOLDER_EVERY_MS, run: () => refreshPlaceholders(app) });
    // Amazon's answers settle "Update quantity" requests; the engine may register after this plugin.
    app.addHook('onReady', async () => {
      const sync = syncOf(app);
      if (sync?.onOutcomes) sync.onOutcomes(settleQtyUpdates);
      else sync?.onOutcome((trx, outcome) => settleQtyUpdates(trx, [outcome]));
    });
    app.jobs.define({ name: AMAZON_SALES_JOB, intervalMs: AMAZON_SALES_EVERY_MS, run: () => checkAllStores(app) });
    await app.register(stockProfileRoutes);
    await app.register(amazonSalesRoutes);
  },
  { name: 'inventory', dependencies: ['db', 'auth', 'audit', 'catalog', 'jobs', 'spapi', 'stores', 'listings'] },
);
