/**
 * Outgoing e-mail as administrators use it: the outbox list and one message as it was (or will be) sent, where
 * mail goes, a retry of a given-up message and a test message. Queuing for other domains is `enqueue`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { AuditActor, AuditLog } from '../audit/index';
import { smtpEndpoint } from '../platform/smtp-url';
import { conflict, notFound } from '../platform/errors';
import { MAX_ATTEMPTS, statusOf, type MailStatus } from './delivery-policy';
import { renderHtml } from './message';
import * as q from './outbox.queries';
import type { OutboxSender } from './sender';
import type { Delivery } from './transports';

export interface MailMessageSummary {
  id: number;
  to: string;
  subject: string;
  status: MailStatus;
  transport: 'folder' | 'smtp' | null;
  createdAt: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  failedAt: string | null;
  notificationId: number | null;
}

export interface MailMessage extends MailMessageSummary {
  from: string;
  messageId: string | null;
  text: string;
  html: string;
  file: string | null;
  source: string | null;
}

export interface MailSettings {
  smtpUrl: string;
  from: string;
  dir: string;
}

// The admin shows the written file as it is; a larger one is cut (the outbox's messages are a few KB).
const SOURCE_LIMIT = 256 * 1024;

const summaryOf = (r: q.OutboxRow): MailMessageSummary => ({
  id: r.id,
  to: r.to,
  subject: r.subject,
  status: statusOf(r),
  transport: r.transport,
  createdAt: r.createdAt,
  sentAt: r.sentAt,
  attempts: r.attempts,
  lastError: r.lastError,
  nextAttemptAt: statusOf(r) === 'retrying' ? r.nextAttemptAt : null,
  failedAt: r.failedAt,
  notificationId: r.notificationId,
});

export class MailService {
  constructor(
    private readonly db: Knex,
    private readonly audit: AuditLog,
    private readonly delivery: Delivery,
    private readonly sender: OutboxSender,
    private readonly settings: MailSettings,
    private readonly now: () => Date,
  ) {}

  /** Queues a message in the caller's transaction (a notice and its e-mail exist together or not at all). */
  enqueue(trx: Knex, mail: q.OutboxInput, now: Date = this.now()): Promise<number> {
    return q.insertOutboxEmail(trx, mail, now);
  }

  async overview() {
    const smtp = this.settings.smtpUrl ? smtpEndpoint(this.settings.smtpUrl) : null;
    return {
      transport: this.delivery.kind,
      folder: smtp ? null : path.resolve(this.settings.dir),
      smtp,
      from: this.settings.from,
      maxAttempts: MAX_ATTEMPTS,
      counts: await q.countByStatus(this.db),
    };
  }

  async list(filter: { status?: MailStatus; page: number; pageSize: number }) {
    const { rows, total } = await q.listOutbox(this.db, filter);
    return { items: rows.map(summaryOf), total, page: filter.page, pageSize: filter.pageSize };
  }

  async get(id: number): Promise<MailMessage> {
    const row = await q.outboxRowById(this.db, id);
    if (!row) throw notFound('E-mail', id);
    const file = row.transport === 'folder' ? this.delivery.fileOf(row.messageId) : null;
    return {
      ...summaryOf(row),
      from: this.settings.from,
      messageId: row.messageId,
      text: row.body,
      html: renderHtml(row.body, row.subject),
      file,
      source: file ? await readSource(file) : null,
    };
  }

  /** Starts a given-up message over (fresh attempts) and tries it at once. */
  async retry(id: number, actor: AuditActor): Promise<MailMessage> {
    const row = await q.outboxRowById(this.db, id);
    if (!row) throw notFound('E-mail', id);
    await this.db.transaction(async (trx) => {
      if (!(await q.requeueGivenUp(trx, id))) {
        throw conflict(`E-mail ${id} is ${statusOf(row)}: only a message that was given up can be retried.`, { status: statusOf(row) });
      }
      await this.audit.record(actor, { action: 'mail.retry', entityType: 'email_outbox', entityId: id, details: { to: row.to } }, trx);
    });
    await this.sender.sendOne(id);
    return this.get(id);
  }

  /** Sends a test message to the signed-in admin at once, through the configured transport. */
  async sendTest(admin: { id: number; email: string; name: string }, actor: AuditActor): Promise<MailMessage> {
    const now = this.now();
    const id = await this.db.transaction(async (trx) => {
      const queued = await this.enqueue(
        trx,
        {
          to: admin.email,
          subject: 'Test e-mail from the Amazon Sales Channel',
          body: `Hello ${admin.name},\n\nthis is a test e-mail you sent from System > Outgoing E-mail at ${now.toISOString()}.\nIf you can read it, renewal reminders and sync alerts reach their recipients the same way.\n`,
        },
        now,
      );
      await this.audit.record(
        actor,
        { action: 'mail.test_sent', entityType: 'email_outbox', entityId: queued, details: { to: admin.email } },
        trx,
      );
      return queued;
    });
    await this.sender.sendOne(id);
    return this.get(id);
  }
}

async function readSource(file: string): Promise<string | null> {
  try {
    const handle = await fs.promises.open(file, 'r');
    try {
      const buffer = Buffer.alloc(SOURCE_LIMIT);
      const { bytesRead } = await handle.read(buffer, 0, SOURCE_LIMIT, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return null; // not written yet, or removed from the folder by hand
  }
}
