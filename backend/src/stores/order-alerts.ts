/**
 * The new-orders notice (issue 14): every minute, each store whose Amazon orders arrived since the last notice
 * gets one admin notification ("3 new Amazon orders on <store>"), however many came — a burst of 500 is one
 * notice. The last order announced is kept per store (`store_order_alerts`), moved in the notice's transaction,
 * so a crash announces again at most what was not yet announced, and a quiet minute announces nothing.
 * No e-mail: there is no per-admin mail preference yet, and an e-mail per minute of sales would be noise.
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { toDbTime } from '../db/time';
import { listStores } from './stores.queries';

export const ORDER_ALERT_JOB = 'stores:new-order-alerts';
export const NEW_ORDERS_KIND = 'amazon_new_orders';
const EVERY_MS = 60_000;

/** Same last order = same notice (a retried run cannot announce it twice). */
export const newOrdersKey = (storeId: number, lastOrderId: number) => `new-orders:${storeId}:${lastOrderId}`;

export function newOrdersText(storeName: string, count: number): { title: string; message: string } {
  const orders = `${count} new Amazon order${count === 1 ? '' : 's'}`;
  return {
    title: `${orders} on ${storeName}`,
    message: `${orders} arrived on "${storeName}" since the last notice. Open Sales > Orders filtered to this store to see them.`,
  };
}

async function lastAnnounced(db: Knex, storeId: number): Promise<number> {
  const row = await db('store_order_alerts').where({ store_id: storeId }).first('last_order_id');
  return row ? Number(row.last_order_id) : 0;
}

async function moveMark(trx: Knex, storeId: number, lastOrderId: number, now: Date): Promise<void> {
  const columns = { last_order_id: lastOrderId, alerted_at: toDbTime(now) };
  const changed = await trx('store_order_alerts').where({ store_id: storeId }).update(columns);
  if (!changed) await trx('store_order_alerts').insert({ store_id: storeId, ...columns });
}

/** One pass over the stores; returns what it did (the job's summary). */
export async function raiseNewOrderAlerts(app: FastifyInstance): Promise<{ stores: number; raised: number; orders: number }> {
  const stores = await listStores(app.db);
  const summary = { stores: stores.length, raised: 0, orders: 0 };
  for (const store of stores) {
    const after = await lastAnnounced(app.db, store.id);
    const arrived = await app.sales.stores.amazonOrdersAfter(store.id, after);
    if (arrived.count === 0) continue;
    const now = app.clock.now();
    const { title, message } = newOrdersText(store.name, arrived.count);
    await app.db.transaction(async (trx) => {
      await moveMark(trx, store.id, arrived.lastOrderId, now);
      const raised = await app.stores.notifications.notifyOnce(
        trx,
        {
          kind: NEW_ORDERS_KIND,
          severity: 'info',
          storeId: store.id,
          title,
          message,
          dedupeKey: newOrdersKey(store.id, arrived.lastOrderId),
        },
        now,
      );
      if (raised) {
        summary.raised += 1;
        summary.orders += arrived.count;
      }
    });
  }
  return summary;
}

export function defineOrderAlerts(app: FastifyInstance): void {
  app.jobs.define({ name: ORDER_ALERT_JOB, intervalMs: EVERY_MS, run: () => raiseNewOrderAlerts(app) });
}
