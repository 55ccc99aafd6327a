/**
 * Inventory: quantity policies (the pure quantity pipeline, stock profiles) and stock sync's change capture.
 * Decorates `app.inventory`. The listings domain computes each listing's quantity through
 * `listing-quantity.ts`; the sync engine pushes it.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import stockProfileRoutes from './profiles.routes';
import { StockProfilesService } from './profiles.service';
import { PLACEHOLDER_EVERY_MS, PLACEHOLDER_JOB, refreshPlaceholders } from './placeholder-refresh';

export interface InventoryModule {
  profiles: StockProfilesService;
}

declare module 'fastify' {
  interface FastifyInstance {
    inventory: InventoryModule;
  }
}

export default fp(
  async function inventoryPlugin(app: FastifyInstance) {
    app.decorate('inventory', { profiles: new StockProfilesService(app) });
    app.jobs.define({ name: PLACEHOLDER_JOB, intervalMs: PLACEHOLDER_EVERY_MS, run: () => refreshPlaceholders(app) });
    await app.register(stockProfileRoutes);
  },
  { name: 'inventory', dependencies: ['db', 'auth', 'audit', 'catalog', 'jobs', 'stores', 'listings'] },
);
