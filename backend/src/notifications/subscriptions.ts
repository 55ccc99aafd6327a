/**
 * ORDER_CHANGE subscriptions follow the store (issue 14): a consent that lands (connect, reconnect, renewal)
 * subscribes the store's seller; a disconnect, a deletion or a lost authorization ends the subscription. Both run
 * in the background after the store's change committed — a failure is logged, kept on the store's row with its
 * reason, and never blocks or fails the connect. The periodic check (every 10 minutes) retries: a connected store
 * without a working subscription is subscribed again, and a subscription left behind by a store that is no longer
 * connected is deleted by its id (grantless: the seller's token may be gone). With AMAZON_NOTIFICATIONS=off nothing
 * is subscribed (polling alone imports). A plugin of its own (`notification-subscriptions`), after `stores`, so the
 * intake itself needs no store.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { SellerContext } from '../spapi/index';
import { knownMarketplace } from '../stores/marketplaces';
import * as q from './subscriptions.queries';
import subscriptionRoutes from './subscriptions.routes';

export const SUBSCRIPTION_CHECK_JOB = 'notifications:subscriptions';
const CHECK_EVERY_MS = 10 * 60_000;

export interface StoreNotificationsState {
  enabled: boolean;
  subscribed: boolean;
  subscriptionId: string | null;
  subscribedAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  lastNotificationAt: string | null;
}

export interface NotificationSubscriptions {
  /** Subscribes a connected store now (also what a connect triggers); false when it failed or the store is not connected. */
  subscribe(storeId: number): Promise<boolean>;
  /** Ends the subscription of an authorization that ended (the seller as it was). */
  unsubscribe(storeId: number, context: SellerContext | null): Promise<void>;
  /** The periodic check: subscribe connected stores without a subscription, end those of stores no longer connected. */
  check(): Promise<{ connected: number; subscribed: number; ended: number; failed: number }>;
  /** For the store page. */
  state(storeId: number): Promise<StoreNotificationsState>;
  /** Resolves when the background work started so far is done (tests; close). */
  settled(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    notificationSubscriptions: NotificationSubscriptions;
  }
}

const reason = (err: unknown) => String((err as Error)?.message ?? err);

function follower(app: FastifyInstance): NotificationSubscriptions {
  const inFlight = new Set<Promise<unknown>>();
  const background = (work: Promise<unknown>) => {
    const p = work.catch((err: unknown) => app.log.warn({ err: reason(err) }, 'notification subscription work failed'));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  async function subscribe(storeId: number): Promise<boolean> {
    if (!app.notifications.enabled) return false;
    let ctx: SellerContext;
    try {
      ctx = await app.stores.sellerContext(storeId);
    } catch {
      return false; // disconnected meanwhile: nothing to subscribe
    }
    try {
      const ids = await app.notifications.subscribe(ctx);
      await q.saveSubscribed(app.db, storeId, ctx.sellerId, ids, new Date());
      app.log.info({ storeId, subscriptionId: ids.subscriptionId }, 'store subscribed to ORDER_CHANGE notifications');
      return true;
    } catch (err) {
      await q.saveSubscribeFailure(app.db, storeId, ctx.sellerId, reason(err), new Date());
      // Not reported as an authorization failure: a refused grantless call (the destination) says nothing of the
      // seller's token, and the store's own calls report a refused token soon enough.
      app.log.warn({ storeId, err: reason(err) }, 'ORDER_CHANGE subscription failed; the periodic check retries');
      return false;
    }
  }

  /** Deletes a subscription by its id (grantless): for a store whose seller token is gone or refused. */
  async function deleteById(storeId: number, row: q.SubscriptionRow | null, marketplaceId: string | null): Promise<boolean> {
    if (!row?.subscriptionId || !marketplaceId) return false;
    await app.spapi.deleteSubscription(knownMarketplace(marketplaceId).region, 'ORDER_CHANGE', row.subscriptionId);
    return true;
  }

  async function unsubscribe(storeId: number, context: SellerContext | null): Promise<void> {
    const row = await q.subscriptionOf(app.db, storeId);
    // Off, or a store that held no seller: nothing at Amazon to end.
    if (!app.notifications.enabled || !context) return q.removeSubscription(app.db, storeId);
    try {
      await app.notifications.unsubscribe(context);
      await q.removeSubscription(app.db, storeId);
      app.log.info({ storeId }, 'store unsubscribed from ORDER_CHANGE notifications');
    } catch (err) {
      // A revoked token cannot look its subscription up: end it by the id we kept.
      try {
        if (await deleteById(storeId, row, context.marketplaceId ?? null)) {
          await q.removeSubscription(app.db, storeId);
          return;
        }
      } catch {
        // kept below for the periodic check
      }
      await q.saveUnsubscribeFailure(app.db, storeId, `unsubscribe failed: ${reason(err)}`, new Date());
      app.log.warn({ storeId, err: reason(err) }, 'ending the ORDER_CHANGE subscription failed; the periodic check retries');
    } finally {
      app.spapi.forget(context); // the store forgot this token already; so does the API client cache
    }
  }

  async function check() {
    const summary = { connected: 0, subscribed: 0, ended: 0, failed: 0 };
    if (!app.notifications.enabled) return summary;
    const connected = await app.stores.authorizations.connectedStoreIds();
    summary.connected = connected.length;
    const rows = new Map((await q.allSubscriptions(app.db)).map((r) => [r.storeId, r]));
    for (const storeId of connected) {
      const row = rows.get(storeId);
      const { sellerId } = await app.stores.service.row(storeId);
      if (row?.subscriptionId && row.sellerId === sellerId && !row.error) continue;
      if (await subscribe(storeId)) summary.subscribed += 1;
      else summary.failed += 1;
    }
    for (const row of rows.values()) {
      if (connected.includes(row.storeId) || !row.subscriptionId) continue;
      try {
        const store = await app.stores.service.row(row.storeId);
        await deleteById(row.storeId, row, store.marketplaceId);
        await q.removeSubscription(app.db, row.storeId);
        summary.ended += 1;
      } catch (err) {
        await q.saveUnsubscribeFailure(app.db, row.storeId, `unsubscribe failed: ${reason(err)}`, new Date());
        summary.failed += 1;
      }
    }
    return summary;
  }

  async function state(storeId: number): Promise<StoreNotificationsState> {
    const store = await app.stores.service.row(storeId);
    const row = await q.subscriptionOf(app.db, storeId);
    const current = row && row.sellerId === store.sellerId ? row : null;
    return {
      enabled: app.notifications.enabled,
      subscribed: Boolean(current?.subscriptionId) && store.authorization === 'connected',
      subscriptionId: current?.subscriptionId ?? null,
      subscribedAt: current?.subscribedAt ?? null,
      lastAttemptAt: row?.attemptedAt ?? null,
      lastError: row?.error ?? null,
      lastNotificationAt: store.sellerId ? await q.lastNotificationAt(app.db, store.sellerId, store.marketplaceId) : null,
    };
  }

  app.stores.onAuthorizationEvent(async (event) => {
    if (event.type === 'connected') background(subscribe(event.storeId));
    else background(unsubscribe(event.storeId, event.context));
  });

  return {
    subscribe,
    unsubscribe,
    check,
    state,
    settled: async () => {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
  };
}

export default fp(
  async function notificationSubscriptionsPlugin(app: FastifyInstance) {
    const subscriptions = follower(app);
    app.decorate('notificationSubscriptions', subscriptions);
    app.jobs.define({ name: SUBSCRIPTION_CHECK_JOB, intervalMs: CHECK_EVERY_MS, run: () => subscriptions.check() });
    // Background calls finish before the database and the API clients close.
    app.addHook('onClose', async () => subscriptions.settled());
    await app.register(subscriptionRoutes);
  },
  { name: 'notification-subscriptions', dependencies: ['notifications', 'stores', 'jobs', 'spapi'] },
);
