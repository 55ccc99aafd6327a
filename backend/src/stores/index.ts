/**
 * Amazon stores: the store model and its lifecycle, the cards, settings, the authorization as the rest of
 * the service uses it (`sellerContext`, `syncState`, `reportAuthorizationFailure`), admin notifications
 * with their e-mail (queued through `app.mail`), and the Learning and Preparation checklist. Decorates `app.stores`.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { SellerContext } from '../spapi/index';
import { StoreAuthorizationEvents, type StoreAuthorizationListener } from './authorization-events';
import { StoreAuthorizations } from './authorization.service';
import communicationLogRoutes from './communication-log.routes';
import { CommunicationLogService } from './communication-log.service';
import { knownMarketplace } from './marketplaces';
import { NotificationsService } from './notifications.service';
import { defineOrderAlerts } from './order-alerts';
import notificationRoutes from './notifications.routes';
import { PreparationService } from './preparation.service';
import preparationRoutes from './preparation.routes';
import type { StoreAuthorizationView } from './store-view';
import type { StoreRow } from './stores.queries';
import storeRoutes from './stores.routes';
import { StoresService } from './stores.service';

export interface StoresModule {
  service: StoresService;
  authorizations: StoreAuthorizations;
  notifications: NotificationsService;
  preparation: PreparationService;
  /** The store's Communication Log (the calls spapi/ recorded), read through app.spapi. */
  communicationLog: CommunicationLogService;
  /** Decrypted SellerContext for a connected store (workers). Throws CONFLICT when not connected. */
  sellerContext(storeId: number): Promise<SellerContext>;
  /** Whether a store's sync is paused, and why (workers check before working). */
  syncState(storeId: number): ReturnType<StoreAuthorizations['syncState']>;
  /** Tell the store a call failed: a refused authorization pauses sync at once; transient errors change nothing. */
  reportAuthorizationFailure(storeId: number, error: unknown): Promise<StoreAuthorizationView>;
  /** Follow the stores' authorizations (connected, disconnected, deleted, lost); told in the background after the commit. */
  onAuthorizationEvent(listener: StoreAuthorizationListener): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    stores: StoresModule;
  }
}

export default fp(
  async function storesPlugin(app: FastifyInstance) {
    // Drops the cached API client of a token that is no longer the store's (spapi caches per token).
    const forgetToken = (row: StoreRow) => {
      if (!row.refreshTokenSealed) return;
      try {
        app.spapi.forget({ region: knownMarketplace(row.marketplaceId).region, refreshToken: app.secrets.open(row.refreshTokenSealed) });
      } catch {
        // A token sealed under another key cannot be opened, so no client was cached for it either.
      }
    };
    // The seller as the row held it (an ended authorization's followers still need it, e.g. to unsubscribe).
    const contextOf = (row: StoreRow): SellerContext | null => {
      if (!row.sellerId || !row.refreshTokenSealed) return null;
      try {
        const m = knownMarketplace(row.marketplaceId);
        const refreshToken = app.secrets.open(row.refreshTokenSealed);
        return { storeId: row.id, sellerId: row.sellerId, region: m.region, refreshToken, marketplaceId: m.marketplaceId };
      } catch {
        return null;
      }
    };
    const events = new StoreAuthorizationEvents(app.log);
    const authorizationEvents = {
      connected: (storeId: number) => events.emit({ type: 'connected', storeId }),
      ended: (type: 'disconnected' | 'deleted' | 'lost', before: StoreRow) => {
        const context = contextOf(before);
        // A deleted store's Communication Log is gone with it: the calls that end its subscription are logged without it.
        events.emit({ type, storeId: before.id, context: context && type === 'deleted' ? { ...context, storeId: null } : context });
      },
    };
    const notifications = new NotificationsService(app.db, app.mail.enqueue);
    const service = new StoresService(
      app.db,
      app.audit,
      app.catalog,
      app.clock,
      forgetToken,
      (storeId, trx) => app.spapi.deleteCalls(storeId, trx),
      authorizationEvents.ended,
    );
    // Sales is registered before stores; the cards read its figures through it, never its tables.
    service.readSalesWith((storeId, now) => app.sales.stores.sales(storeId, now));
    const authorizations = new StoreAuthorizations(
      app.db,
      app.audit,
      app.secrets,
      app.clock,
      notifications,
      forgetToken,
      app.log,
      authorizationEvents,
    );
    app.decorate('stores', {
      service,
      authorizations,
      notifications,
      preparation: new PreparationService(app, service),
      communicationLog: new CommunicationLogService(app.db, app.spapi),
      sellerContext: (storeId: number) => authorizations.sellerContext(storeId),
      syncState: (storeId: number) => authorizations.syncState(storeId),
      reportAuthorizationFailure: (storeId: number, error: unknown) => authorizations.reportAuthorizationFailure(storeId, error),
      onAuthorizationEvent: (listener: StoreAuthorizationListener) => events.on(listener),
    });
    defineOrderAlerts(app);
    await app.register(storeRoutes);
    await app.register(notificationRoutes);
    await app.register(preparationRoutes);
    await app.register(communicationLogRoutes);
  },
  { name: 'stores', dependencies: ['db', 'auth', 'audit', 'config', 'catalog', 'spapi', 'jobs', 'mail', 'sales'] },
);
