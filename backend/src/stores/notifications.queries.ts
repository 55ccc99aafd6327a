/** admin_notifications: small knex functions taking a knex or a transaction. */
import type { Knex } from 'knex';
import { fromDbTime, toDbTime } from '../db/time';

export interface NotificationInput {
  kind: string;
  severity: 'info' | 'warning' | 'error';
  storeId: number | null;
  title: string;
  message: string;
  /** Same key = the same notice; it is created once. */
  dedupeKey: string | null;
}

export interface AdminNotification {
  id: number;
  kind: string;
  severity: 'info' | 'warning' | 'error';
  storeId: number | null;
  title: string;
  message: string;
  createdAt: string;
  readAt: string | null;
}

export async function notificationExists(db: Knex, dedupeKey: string): Promise<boolean> {
  return Boolean(await db('admin_notifications').where({ dedupe_key: dedupeKey }).first('id'));
}

export async function insertNotification(db: Knex, n: NotificationInput, now: Date): Promise<number> {
  const [id] = await db('admin_notifications').insert({
    kind: n.kind,
    severity: n.severity,
    store_id: n.storeId,
    title: n.title,
    message: n.message,
    dedupe_key: n.dedupeKey,
    created_at: toDbTime(now),
    read_at: null,
  });
  return Number(id);
}

export async function listNotifications(
  db: Knex,
  filter: { unread?: boolean; storeId?: number; limit: number },
): Promise<AdminNotification[]> {
  const q = db('admin_notifications').orderBy('id', 'desc').limit(filter.limit);
  if (filter.unread) q.whereNull('read_at');
  if (filter.storeId !== undefined) q.where('store_id', filter.storeId);
  return (await q).map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    severity: r.severity,
    storeId: r.store_id === null ? null : Number(r.store_id),
    title: r.title,
    message: r.message,
    createdAt: fromDbTime(r.created_at)!,
    readAt: fromDbTime(r.read_at),
  }));
}

export async function countUnread(db: Knex): Promise<number> {
  const row = await db('admin_notifications').whereNull('read_at').count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/** Marks one (id) or all unread notifications read; returns how many changed. */
export async function markRead(db: Knex, id: number | null): Promise<number> {
  const q = db('admin_notifications').whereNull('read_at');
  if (id !== null) q.where({ id });
  return Number(await q.update({ read_at: toDbTime() }));
}

export async function notificationIdExists(db: Knex, id: number): Promise<boolean> {
  return Boolean(await db('admin_notifications').where({ id }).first('id'));
}
