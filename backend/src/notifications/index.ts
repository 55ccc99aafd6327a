/**
 * Amazon notifications: the SQS intake and the subscriptions that fill it. Decorates `app.notifications`; the consumer
 * starts when the server listens (under `inject`, tests call `start()`) and stops on close; nothing runs with
 * AMAZON_NOTIFICATIONS=off. See README.md.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SellerContext } from '../spapi/index';
import { SqsConsumer, type ConsumerOptions, type ConsumerState, type OrderChangeHandler } from './consumer';
import { notificationTotals, type NotificationTotals } from './notifications.queries';
import notificationsRoutes from './notifications.routes';
import { createSqsClient } from './sqs-client';

export interface NotificationsStatus extends ConsumerState {
  enabled: boolean;
  queueUrl: string | null;
  /** Everything recorded, across processes and restarts. */
  totals: NotificationTotals;
}

export interface NotificationsModule {
  enabled: boolean;
  /** The importer registers its handler (once); it is called once per notification id. */
  onOrderChange(handler: OrderChangeHandler): void;
  /** The store's seller subscribed to ORDER_CHANGE on the configured queue (destination and subscription reused when there). */
  subscribe(ctx: SellerContext): Promise<{ destinationId: string; subscriptionId: string }>;
  /** Ends the store's ORDER_CHANGE subscription, when it has one. */
  unsubscribe(ctx: SellerContext): Promise<void>;
  start(): void;
  stop(): Promise<void>;
  status(): Promise<NotificationsStatus>;
}

export interface NotificationsPluginOptions {
  consumer?: Partial<Omit<ConsumerOptions, 'queueUrl'>>;
  /** A ready client instead of one built from the config (tests). */
  sqs?: SQSClient;
}

declare module 'fastify' {
  interface FastifyInstance {
    notifications: NotificationsModule;
  }
}

export default fp(
  async function notificationsPlugin(app: FastifyInstance, opts: NotificationsPluginOptions) {
    const c = app.config;
    const enabled = c.AMAZON_NOTIFICATIONS === 'on';
    const sqs = enabled ? (opts.sqs ?? createSqsClient(c, app.spapi.transportAgent)) : null;
    const consumer = sqs ? new SqsConsumer(sqs, app.db, app.log, { ...opts.consumer, queueUrl: c.AMAZON_SQS_QUEUE_URL }) : null;
    const idle: ConsumerState = {
      running: false,
      lastPollAt: null,
      lastMessageAt: null,
      lastError: null,
      counters: { received: 0, handled: 0, duplicates: 0, malformed: 0, ignored: 0, failed: 0 },
    };
    app.decorate('notifications', {
      enabled,
      onOrderChange: (handler) => {
        // Off: polling alone imports; the handler is kept out of the way rather than refused, so the importer need not care.
        consumer?.onOrderChange(handler);
      },
      subscribe: async (ctx) => {
        if (!enabled) throw new Error('Amazon notifications are off (AMAZON_NOTIFICATIONS=off)');
        const destination = await app.spapi.ensureDestination(ctx.region, c.AMAZON_SQS_QUEUE_ARN);
        const subscription = await app.spapi.ensureSubscription(ctx, 'ORDER_CHANGE', destination.destinationId);
        return { destinationId: destination.destinationId, subscriptionId: subscription.subscriptionId };
      },
      unsubscribe: async (ctx) => {
        const current = await app.spapi.getSubscription(ctx, 'ORDER_CHANGE');
        if (current) await app.spapi.deleteSubscription(ctx.region, 'ORDER_CHANGE', current.subscriptionId);
      },
      start: () => consumer?.start(),
      stop: async () => consumer?.stop(),
      status: async () => ({
        enabled,
        queueUrl: enabled ? c.AMAZON_SQS_QUEUE_URL : null,
        ...(consumer?.status() ?? idle),
        totals: await notificationTotals(app.db),
      }),
    } satisfies NotificationsModule);
    await app.register(notificationsRoutes);
    app.addHook('onListen', async () => {
      if (!consumer) return app.log.info('Amazon notifications are off: orders come by polling alone');
      consumer.start();
      app.log.info(`Amazon notifications: reading ${c.AMAZON_SQS_QUEUE_URL}`);
    });
    app.addHook('onClose', async () => {
      await consumer?.stop();
      sqs?.destroy();
    });
  },
  { name: 'notifications', dependencies: ['config', 'db', 'spapi'] },
);

export type { OrderChange } from './envelope';
export type { OrderChangeHandler, HandlingContext, ConsumerCounters } from './consumer';
