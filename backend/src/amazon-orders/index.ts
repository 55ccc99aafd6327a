/**
 * Amazon order import: Amazon orders into the commerce orders (sales/), exactly once, by poll and by ORDER_CHANGE
 * notification; per-store order settings; the workbench of orders needing attention. Decorates `app.amazonOrders`.
 * The sales core never imports this folder.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { attentionCount } from './imports.queries';
import { OrderImporter } from './importer';
import { OrderIntake, POLL_EVERY_MS, POLL_JOB, POLL_LEASE_MS } from './intake';
import amazonOrdersRoutes from './amazon-orders.routes';
import { OrderSettingsService } from './settings.service';
import { OrderWorkbench } from './workbench.service';

export interface AmazonOrdersModule {
  settings: OrderSettingsService;
  /** `importOrder(storeId, amazonOrder)`; `beforeCommit` for crash tests. */
  importer: OrderImporter;
  /** `pollStore(storeId)` (Import now), `pollAll()` (the job), `handleOrderChange`, `retry`. */
  intake: OrderIntake;
  workbench: OrderWorkbench;
  /** What the ORDER_CHANGE consumer calls: finds the store, fetches the order (getOrder 2026-01-01), imports it. */
  handleOrderChange: OrderIntake['handleOrderChange'];
}

declare module 'fastify' {
  interface FastifyInstance {
    amazonOrders: AmazonOrdersModule;
  }
}

export default fp(
  async function amazonOrdersPlugin(app: FastifyInstance) {
    const settings = new OrderSettingsService(app);
    const importer = new OrderImporter(app, settings);
    const intake = new OrderIntake(app, importer);
    app.decorate('amazonOrders', {
      settings,
      importer,
      intake,
      workbench: new OrderWorkbench(app, intake),
      handleOrderChange: (n) => intake.handleOrderChange(n),
    });
    // The store cards count orders needing attention; stores asks us rather than reading our tables.
    app.stores.service.countOrdersNeedingAttentionWith((storeId) => attentionCount(app.db, storeId));
    app.jobs.define({ name: POLL_JOB, intervalMs: POLL_EVERY_MS, leaseMs: POLL_LEASE_MS, run: () => intake.pollAll() });
    // ORDER_CHANGE notifications (notifications/, registered after us) call the same import; a failed import throws so
    // the consumer delivers the notification again later (the record already says needs_attention with the error).
    app.addHook('onReady', async () => {
      if (!app.hasDecorator('notifications')) return;
      app.notifications.onOrderChange(async (change) => {
        const r = await intake.handleOrderChange(change);
        if (r.action === 'failed')
          throw new Error(`importing Amazon order ${change.amazonOrderId} failed: ${'reason' in r ? r.reason : ''}`);
      });
    });
    await app.register(amazonOrdersRoutes);
  },
  { name: 'amazon-orders', dependencies: ['db', 'auth', 'audit', 'catalog', 'sales', 'jobs', 'spapi', 'stores', 'listings'] },
);
