/** amazon_notification_subscriptions (one row per store) and the last notification of a seller: small knex functions. */
import type { Knex } from 'knex';
import { fromDbTime, toDbTime } from '../db/time';

export interface SubscriptionRow {
  storeId: number;
  sellerId: string;
  destinationId: string | null;
  subscriptionId: string | null;
  subscribedAt: string | null;
  attemptedAt: string;
  error: string | null;
}

const toRow = (r: Record<string, unknown>): SubscriptionRow => ({
  storeId: Number(r.store_id),
  sellerId: String(r.seller_id),
  destinationId: (r.destination_id as string | null) ?? null,
  subscriptionId: (r.subscription_id as string | null) ?? null,
  subscribedAt: fromDbTime(r.subscribed_at as string | null),
  attemptedAt: fromDbTime(r.attempted_at as string)!,
  error: (r.error as string | null) ?? null,
});

export async function subscriptionOf(db: Knex, storeId: number): Promise<SubscriptionRow | null> {
  const row = await db('amazon_notification_subscriptions').where({ store_id: storeId }).first();
  return row ? toRow(row) : null;
}

export async function allSubscriptions(db: Knex): Promise<SubscriptionRow[]> {
  return (await db('amazon_notification_subscriptions').orderBy('store_id')).map(toRow);
}

async function upsert(db: Knex, storeId: number, columns: Record<string, string | null>): Promise<void> {
  const changed = await db('amazon_notification_subscriptions').where({ store_id: storeId }).update(columns);
  if (!changed) await db('amazon_notification_subscriptions').insert({ store_id: storeId, ...columns });
}

export function saveSubscribed(
  db: Knex,
  storeId: number,
  sellerId: string,
  ids: { destinationId: string; subscriptionId: string },
  at: Date,
): Promise<void> {
  return upsert(db, storeId, {
    seller_id: sellerId,
    destination_id: ids.destinationId,
    subscription_id: ids.subscriptionId,
    subscribed_at: toDbTime(at),
    attempted_at: toDbTime(at),
    error: null,
  });
}

/** A failed subscribe: not subscribed, with the reason (the periodic check tries again). */
export function saveSubscribeFailure(db: Knex, storeId: number, sellerId: string, error: string, at: Date): Promise<void> {
  return upsert(db, storeId, {
    seller_id: sellerId,
    subscription_id: null,
    subscribed_at: null,
    attempted_at: toDbTime(at),
    error: error.slice(0, 2000),
  });
}

/** A failed unsubscribe: the subscription id is kept so the periodic check can end it later. */
export async function saveUnsubscribeFailure(db: Knex, storeId: number, error: string, at: Date): Promise<void> {
  await db('amazon_notification_subscriptions')
    .where({ store_id: storeId })
    .update({ attempted_at: toDbTime(at), error: error.slice(0, 2000) });
}

export async function removeSubscription(db: Knex, storeId: number): Promise<void> {
  await db('amazon_notification_subscriptions').where({ store_id: storeId }).del();
}

/** When the last notification for this seller in this marketplace was received (any type, handled or not). */
export async function lastNotificationAt(db: Knex, sellerId: string, marketplaceId: string): Promise<string | null> {
  const row = await db('amazon_notifications')
    .where({ seller_id: sellerId })
    .where((w) => w.where({ marketplace_id: marketplaceId }).orWhereNull('marketplace_id'))
    .max({ at: 'received_at' })
    .first();
  return fromDbTime((row?.at as string | null) ?? null);
}
