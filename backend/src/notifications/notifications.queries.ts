/** `amazon_notifications`: each notification recorded once by Amazon's NotificationId, claimed, then handled. */
import type { Knex } from 'knex';
import { fromDbTime, toDbTime } from '../db/time';

export interface NotificationRecord {
  notificationId: string;
  type: string;
  sellerId: string | null;
  amazonOrderId?: string | null;
  marketplaceId?: string | null;
  orderStatus?: string | null;
  changeType?: string | null;
}

const cut = (v: string | null | undefined, max: number) => (v == null ? null : v.slice(0, max));

/** Inserts the notification unless its id is already there (a second delivery of it changes nothing). */
export async function recordNotification(db: Knex, n: NotificationRecord, now: Date, done?: { error: string }): Promise<void> {
  await db('amazon_notifications')
    .insert({
      notification_id: cut(n.notificationId, 128),
      type: cut(n.type, 64),
      seller_id: cut(n.sellerId, 64),
      amazon_order_id: cut(n.amazonOrderId, 64),
      marketplace_id: cut(n.marketplaceId, 32),
      order_status: cut(n.orderStatus, 32),
      change_type: cut(n.changeType, 64),
      received_at: toDbTime(now),
      // Nothing to hand over (unreadable, or a type without a handler): recorded as done, with why.
      handled_at: done ? toDbTime(now) : null,
      error: done ? cut(done.error, 2000) : null,
    })
    .onConflict('notification_id')
    .ignore();
}

export type Claim = 'claimed' | 'handled' | 'busy';

/**
 * Takes the notification for `owner` until `until` with one conditional UPDATE (atomic on both engines): not handled,
 * and not held by a live claim of another process. 'handled' when it was done before (a duplicate delivery).
 */
export async function claimNotification(db: Knex, notificationId: string, owner: string, now: Date, until: Date): Promise<Claim> {
  const taken = await db('amazon_notifications')
    .where({ notification_id: notificationId })
    .whereNull('handled_at')
    .where((q) => q.whereNull('claimed_until').orWhere('claimed_until', '<', toDbTime(now)).orWhere('claimed_by', owner))
    .update({ claimed_until: toDbTime(until), claimed_by: owner });
  if (taken === 1) return 'claimed';
  const row = await db('amazon_notifications').where({ notification_id: notificationId }).first('handled_at');
  return row?.handled_at ? 'handled' : 'busy';
}

/** Renews a claim while a slow handler runs. */
export async function extendClaim(db: Knex, notificationId: string, owner: string, until: Date): Promise<void> {
  await db('amazon_notifications')
    .where({ notification_id: notificationId, claimed_by: owner })
    .whereNull('handled_at')
    .update({ claimed_until: toDbTime(until) });
}

/** Marks it handled — in the handler's own transaction when it passes one, so its writes and this mark commit together. */
export async function markHandled(trx: Knex, notificationId: string, now: Date): Promise<void> {
  await trx('amazon_notifications')
    .where({ notification_id: notificationId })
    .whereNull('handled_at')
    .update({ handled_at: toDbTime(now), error: null, claimed_until: null, attempts: trx.raw('attempts + 1') });
}

/** The handler failed: the claim is released for the next delivery; returns the attempts so far. */
export async function markFailed(db: Knex, notificationId: string, error: string): Promise<number> {
  await db('amazon_notifications')
    .where({ notification_id: notificationId })
    .whereNull('handled_at')
    .update({ error: cut(error, 2000), claimed_until: null, attempts: db.raw('attempts + 1') });
  const row = await db('amazon_notifications').where({ notification_id: notificationId }).first('attempts');
  return Number(row?.attempts ?? 1);
}

export interface NotificationTotals {
  total: number;
  handled: number;
  /** Waiting for a handler that failed (or a process that died mid-handling). */
  unhandled: number;
  /** Handled with an error noted: unreadable or of a type the channel does not handle. */
  dropped: number;
  lastReceivedAt: string | null;
}

export async function notificationTotals(db: Knex): Promise<NotificationTotals> {
  const row = (await db('amazon_notifications').first(
    db.raw('count(*) as total'),
    db.raw('sum(case when handled_at is not null then 1 else 0 end) as handled'),
    db.raw('sum(case when handled_at is not null and error is not null then 1 else 0 end) as dropped'),
    db.raw('max(received_at) as last_received'),
  )) as Record<string, unknown> | undefined;
  const total = Number(row?.total ?? 0);
  const handled = Number(row?.handled ?? 0);
  return {
    total,
    handled,
    unhandled: total - handled,
    dropped: Number(row?.dropped ?? 0),
    lastReceivedAt: fromDbTime((row?.last_received as string | null) ?? null),
  };
}

export interface NotificationRow {
  notificationId: string;
  type: string;
  sellerId: string | null;
  amazonOrderId: string | null;
  receivedAt: string;
  handledAt: string | null;
  attempts: number;
  error: string | null;
}

export async function notificationsOfOrder(db: Knex, sellerId: string, amazonOrderId: string): Promise<NotificationRow[]> {
  const rows = (await db('amazon_notifications').where({ seller_id: sellerId, amazon_order_id: amazonOrderId }).orderBy('id')) as Record<
    string,
    unknown
  >[];
  return rows.map((r) => ({
    notificationId: String(r.notification_id),
    type: String(r.type),
    sellerId: (r.seller_id as string | null) ?? null,
    amazonOrderId: (r.amazon_order_id as string | null) ?? null,
    receivedAt: fromDbTime(r.received_at as string) ?? '',
    handledAt: fromDbTime((r.handled_at as string | null) ?? null),
    attempts: Number(r.attempts),
    error: (r.error as string | null) ?? null,
  }));
}
