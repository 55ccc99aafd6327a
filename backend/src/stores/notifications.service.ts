/**
 * Admin notifications (the bell in the admin) and the e-mail beside them. A notice with a dedupe key is
 * created once; its e-mail is queued (through `app.mail`, which sends it) in the same transaction, so a notice
 * and its e-mail exist together or not at all.
 */
import type { Knex } from 'knex';
import type { MailModule } from '../mail/index';
import { notFound } from '../platform/errors';
import * as q from './notifications.queries';

export interface Email {
  to: string;
  subject: string;
  body: string;
}

export class NotificationsService {
  constructor(
    private readonly db: Knex,
    private readonly enqueueEmail: MailModule['enqueue'],
  ) {}

  /** Creates the notice (and queues its e-mail) unless one with the same dedupe key exists. Returns whether it did. */
  async notifyOnce(trx: Knex, notice: q.NotificationInput, now: Date, email?: Email): Promise<boolean> {
    if (notice.dedupeKey && (await q.notificationExists(trx, notice.dedupeKey))) return false;
    const id = await q.insertNotification(trx, notice, now);
    if (email) await this.enqueueEmail(trx, { ...email, notificationId: id }, now);
    return true;
  }

  hasNotice(trx: Knex, dedupeKey: string): Promise<boolean> {
    return q.notificationExists(trx, dedupeKey);
  }

  async list(filter: { unread?: boolean; storeId?: number; limit?: number }): Promise<{ items: q.AdminNotification[]; unread: number }> {
    const [items, unread] = await Promise.all([
      q.listNotifications(this.db, { ...filter, limit: filter.limit ?? 100 }),
      q.countUnread(this.db),
    ]);
    return { items, unread };
  }

  async markRead(id: number): Promise<void> {
    if (!(await q.notificationIdExists(this.db, id))) throw notFound('Notification', id);
    await q.markRead(this.db, id);
  }

  markAllRead(): Promise<number> {
    return q.markRead(this.db, null);
  }
}
