/**
 * Drains the outbox. Each message is claimed (one conditional UPDATE) just before it is handed over and settled
 * right after, so two processes never send the same message and a process that dies leaves at most the message
 * it was handing over claimed. Such a stale claim is settled by the next run: folder mode looks for the complete
 * file (written → sent, missing → sent again, harmlessly); SMTP mode cannot know whether the server took it, so
 * the message is given up with an explanation instead of risking a second copy — an admin may retry it.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { FastifyBaseLogger } from 'fastify';
import { afterFailure, CLAIM_STALE_MS, describeSendError, INTERRUPTED_SMTP, type SendError } from './delivery-policy';
import { messageIdFor, renderHtml, senderDomain } from './message';
import * as q from './outbox.queries';
import type { Delivery } from './transports';

export type SendOutcome = 'sent' | 'retrying' | 'failed' | 'not_due';

export interface DrainSummary {
  sent: number;
  retrying: number;
  failed: number;
  recovered: number;
}

const BATCH = 20;
// One run stops taking new messages after this, so it ends well within its job lease.
const RUN_BUDGET_MS = 60_000;

export class OutboxSender {
  private readonly owner = `${process.pid}-${randomBytes(4).toString('hex')}`;
  private readonly domain: string;

  constructor(
    private readonly db: Knex,
    private readonly delivery: Delivery,
    /** Business time (app.clock) for queued/sent/next-attempt times; claims use real time like job leases. */
    private readonly now: () => Date,
    private readonly from: string,
    private readonly log: FastifyBaseLogger,
  ) {
    this.domain = senderDomain(from);
  }

  /** Settles stale claims, then sends what is due, oldest first. */
  async drain(): Promise<DrainSummary> {
    const summary: DrainSummary = { sent: 0, retrying: 0, failed: 0, recovered: await this.recover() };
    const deadline = Date.now() + RUN_BUDGET_MS;
    while (Date.now() < deadline) {
      const ids = await q.dueIds(this.db, this.now(), BATCH);
      for (const id of ids) {
        const outcome = await this.sendOne(id);
        if (outcome !== 'not_due') summary[outcome] += 1;
        if (Date.now() >= deadline) break;
      }
      if (ids.length < BATCH) break;
    }
    return summary;
  }

  /** Sends one message if it is due and nobody else is sending it. */
  async sendOne(id: number): Promise<SendOutcome> {
    const claim = {
      owner: this.owner,
      since: new Date(),
      now: this.now(),
      transport: this.delivery.kind,
      messageId: messageIdFor(id, randomBytes(6).toString('hex'), this.domain),
    };
    if (!(await q.claimForSending(this.db, id, claim))) return 'not_due';
    const row = await q.outboxRowById(this.db, id);
    if (!row?.messageId) return 'not_due'; // deleted meanwhile; the claim went with it
    const holder = { owner: this.owner };
    try {
      await this.delivery.send({
        from: this.from,
        to: row.to,
        subject: row.subject,
        text: row.body,
        html: renderHtml(row.body, row.subject),
        messageId: row.messageId,
      });
    } catch (err) {
      const error = err as SendError;
      const next = afterFailure(row.attempts, error, this.now());
      const words = describeSendError(error, row.attempts, next);
      this.log.warn({ outboxId: id, attempts: row.attempts, code: error.code, responseCode: error.responseCode }, 'e-mail not sent');
      if (next.giveUp) {
        await q.markGivenUp(this.db, id, holder, this.now(), words);
        return 'failed';
      }
      await q.markRetry(this.db, id, holder, next.retryAt, words);
      return 'retrying';
    }
    if (!(await q.markSent(this.db, id, holder, this.now()))) {
      // Only when this send outlived CLAIM_STALE_MS and recovery settled the claim meanwhile (it cannot, see SEND_LIMIT_MS).
      this.log.error({ outboxId: id }, 'e-mail sent but its claim was settled by another process');
    }
    return 'sent';
  }

  /** Settles claims older than any send can take: their process died mid-send (see the file comment). */
  private async recover(): Promise<number> {
    const staleBefore = new Date(Date.now() - CLAIM_STALE_MS);
    let settled = 0;
    for (const row of await q.staleClaims(this.db, staleBefore)) {
      const arrived = row.transport === 'folder' && row.messageId ? this.delivery.arrived(row.messageId) : null;
      let done: boolean;
      if (arrived === true) done = await q.markSent(this.db, row.id, { staleBefore }, this.now());
      else if (arrived === false) done = await q.releaseStaleClaim(this.db, row.id, staleBefore);
      else done = await q.markGivenUp(this.db, row.id, { staleBefore }, this.now(), INTERRUPTED_SMTP);
      if (done) {
        settled += 1;
        this.log.warn({ outboxId: row.id, transport: row.transport, arrived }, 'e-mail send was interrupted; settled');
      }
    }
    return settled;
  }
}
