/**
 * Outgoing e-mail: owns the `email_outbox` table and its delivery. Domains queue messages with
 * `app.mail.enqueue(trx, …)` inside their own transaction; the `mail.send-outbox` job (under its DB lease) sends
 * them with nodemailer over SMTP (`SMTP_URL`), or writes each one as an .eml file into `MAIL_DIR` when no SMTP
 * server is configured (development). Decorates `app.mail`. See README.md.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import mailRoutes from './mail.routes';
import { MailService } from './mail.service';
import type { OutboxInput } from './outbox.queries';
import { OutboxSender, type DrainSummary } from './sender';
import { folderDelivery, smtpDelivery } from './transports';

export const MAIL_JOB = 'mail.send-outbox';

export interface MailModule {
  /** Queues one e-mail in the caller's transaction; the mail job sends it within seconds. Returns its outbox id. */
  enqueue(trx: Knex, mail: OutboxInput, now?: Date): Promise<number>;
  /** One pass over the outbox (what the job runs; tests call it to act as a second process). */
  drain(): Promise<DrainSummary>;
  service: MailService;
}

declare module 'fastify' {
  interface FastifyInstance {
    mail: MailModule;
  }
}

export default fp(
  async function mailPlugin(app: FastifyInstance) {
    const { SMTP_URL, MAIL_FROM, MAIL_DIR } = app.config;
    const delivery = SMTP_URL ? smtpDelivery(SMTP_URL) : folderDelivery(MAIL_DIR);
    const now = () => app.clock.now();
    const sender = new OutboxSender(app.db, delivery, now, MAIL_FROM, app.log);
    const service = new MailService(app.db, app.audit, delivery, sender, { smtpUrl: SMTP_URL, from: MAIL_FROM, dir: MAIL_DIR }, now);
    app.decorate('mail', {
      enqueue: (trx, mail, at) => service.enqueue(trx, mail, at),
      drain: () => sender.drain(),
      service,
    } satisfies MailModule);

    app.jobs.define({
      name: MAIL_JOB,
      intervalMs: 10_000,
      // Longer than a run (its budget plus one send's limit): a run never outlives its lease.
      leaseMs: 5 * 60_000,
      run: async () => {
        const r = await sender.drain();
        return r.sent + r.retrying + r.failed + r.recovered > 0 ? { ...r } : undefined;
      },
    });
    // Where mail goes, once at start: in development this is where to read it.
    app.addHook('onListen', async () => {
      const overview = await service.overview();
      const where = overview.smtp
        ? `sent through SMTP ${overview.smtp.host}:${overview.smtp.port}`
        : `written to ${overview.folder} (SMTP_URL not set)`;
      app.log.info(`e-mail: ${where}; read it under System > Outgoing E-mail`);
    });
    app.addHook('onClose', async () => delivery.close());
    await app.register(mailRoutes);
  },
  { name: 'mail', dependencies: ['config', 'db', 'audit', 'jobs'] },
);

export type { OutboxInput } from './outbox.queries';
export type { DrainSummary } from './sender';
