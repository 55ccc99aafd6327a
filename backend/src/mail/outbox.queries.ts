/**
 * email_outbox: small knex functions taking a knex or a transaction. Every state change of a message that is being
 * sent is conditional on the claim (`sending_owner`), so a process that lost its claim cannot overwrite another's.
 */
import type { Knex } from 'knex';
import { fromDbTime, toDbTime } from '../db/time';
import type { MailStatus } from './delivery-policy';

export interface OutboxInput {
  to: string;
  subject: string;
  body: string;
  notificationId?: number | null;
}

export interface OutboxRow {
  id: number;
  to: string;
  subject: string;
  body: string;
  notificationId: number | null;
  createdAt: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  transport: 'folder' | 'smtp' | null;
  sendingSince: string | null;
  nextAttemptAt: string | null;
  failedAt: string | null;
}

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

function outboxRow(r: Row): OutboxRow {
  return {
    id: Number(r.id),
    to: String(r.to_address),
    subject: String(r.subject),
    body: String(r.body),
    notificationId: r.notification_id === null ? null : Number(r.notification_id),
    createdAt: fromDbTime(str(r.created_at))!,
    sentAt: fromDbTime(str(r.sent_at)),
    attempts: Number(r.attempts),
    lastError: str(r.last_error),
    messageId: str(r.message_id),
    transport: str(r.transport) as OutboxRow['transport'],
    sendingSince: fromDbTime(str(r.sending_since)),
    nextAttemptAt: fromDbTime(str(r.next_attempt_at)),
    failedAt: fromDbTime(str(r.failed_at)),
  };
}

export async function insertOutboxEmail(db: Knex, mail: OutboxInput, now: Date): Promise<number> {
  const [id] = await db('email_outbox').insert({
    to_address: mail.to,
    subject: mail.subject,
    body: mail.body,
    notification_id: mail.notificationId ?? null,
    created_at: toDbTime(now),
    sent_at: null,
    attempts: 0,
  });
  return Number(id);
}

export async function outboxRowById(db: Knex, id: number): Promise<OutboxRow | null> {
  const r = await db('email_outbox').where({ id }).first();
  return r ? outboxRow(r) : null;
}

/** Messages that may be sent now, oldest first: not sent, not given up, not claimed, backoff over. */
export async function dueIds(db: Knex, now: Date, limit: number): Promise<number[]> {
  const rows = await db('email_outbox')
    .whereNull('sent_at')
    .whereNull('failed_at')
    .whereNull('sending_since')
    .where((w) => w.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', toDbTime(now)))
    .orderBy('id')
    .limit(limit)
    .select('id');
  return rows.map((r) => Number(r.id));
}

/**
 * Claims one due message for sending: one conditional UPDATE (atomic on both engines), so of two processes only
 * one gets it. Counts the attempt and fixes the Message-ID at the first attempt (retries keep it).
 */
export async function claimForSending(
  db: Knex,
  id: number,
  claim: { owner: string; since: Date; now: Date; transport: 'folder' | 'smtp'; messageId: string },
): Promise<boolean> {
  const taken = await db('email_outbox')
    .where({ id })
    .whereNull('sent_at')
    .whereNull('failed_at')
    .whereNull('sending_since')
    .where((w) => w.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', toDbTime(claim.now)))
    .update({
      sending_since: toDbTime(claim.since),
      sending_owner: claim.owner,
      transport: claim.transport,
      attempts: db.raw('attempts + 1'),
      message_id: db.raw('COALESCE(message_id, ?)', [claim.messageId]),
    });
  return Number(taken) === 1;
}

/** Whose claim a change applies to: the sender's own, or (recovery) any claim taken before `staleBefore`. */
export type ClaimHolder = { owner: string } | { staleBefore: Date };

const claimed = (db: Knex, id: number, holder: ClaimHolder) => {
  const q = db('email_outbox').where({ id }).whereNotNull('sending_since');
  // Recovery matches the stale claim only: a fresh claim taken since (by a process that recovered it first) is left alone.
  return 'owner' in holder ? q.where({ sending_owner: holder.owner }) : q.where('sending_since', '<', toDbTime(holder.staleBefore));
};
const unclaim = { sending_since: null, sending_owner: null };

export async function markSent(db: Knex, id: number, holder: ClaimHolder, sentAt: Date): Promise<boolean> {
  const n = await claimed(db, id, holder).update({ ...unclaim, sent_at: toDbTime(sentAt), next_attempt_at: null, last_error: null });
  return Number(n) === 1;
}

export async function markRetry(db: Knex, id: number, holder: ClaimHolder, retryAt: Date, error: string): Promise<boolean> {
  const n = await claimed(db, id, holder).update({ ...unclaim, next_attempt_at: toDbTime(retryAt), last_error: error });
  return Number(n) === 1;
}

export async function markGivenUp(db: Knex, id: number, holder: ClaimHolder, failedAt: Date, error: string): Promise<boolean> {
  const n = await claimed(db, id, holder).update({ ...unclaim, failed_at: toDbTime(failedAt), next_attempt_at: null, last_error: error });
  return Number(n) === 1;
}

/** Recovery: drops a stale claim whose message surely never left, so it is sent as usual (the attempt stays counted). */
export async function releaseStaleClaim(db: Knex, id: number, staleBefore: Date): Promise<boolean> {
  const n = await claimed(db, id, { staleBefore }).update({ ...unclaim, next_attempt_at: null });
  return Number(n) === 1;
}

/** Claims taken before `before` (real time): their process died mid-send. */
export async function staleClaims(db: Knex, before: Date): Promise<OutboxRow[]> {
  const rows = await db('email_outbox').whereNull('sent_at').whereNotNull('sending_since').where('sending_since', '<', toDbTime(before));
  return rows.map(outboxRow);
}

/** An administrator's "Retry": a given-up message starts over with fresh attempts. Returns whether it was given up. */
export async function requeueGivenUp(db: Knex, id: number): Promise<boolean> {
  const n = await db('email_outbox')
    .where({ id })
    .whereNull('sent_at')
    .whereNotNull('failed_at')
    .update({ failed_at: null, attempts: 0, next_attempt_at: null, last_error: null, ...unclaim });
  return Number(n) === 1;
}

function whereStatus(q: Knex.QueryBuilder, status: MailStatus): Knex.QueryBuilder {
  if (status === 'sent') return q.whereNotNull('sent_at');
  q.whereNull('sent_at');
  if (status === 'failed') return q.whereNotNull('failed_at');
  q.whereNull('failed_at');
  if (status === 'sending') return q.whereNotNull('sending_since');
  q.whereNull('sending_since');
  return status === 'retrying' ? q.where('attempts', '>', 0) : q.where('attempts', 0);
}

export async function listOutbox(
  db: Knex,
  filter: { status?: MailStatus; page: number; pageSize: number },
): Promise<{ rows: OutboxRow[]; total: number }> {
  const base = db('email_outbox');
  if (filter.status) whereStatus(base, filter.status);
  const total = Number((await base.clone().count({ n: '*' }).first())?.n ?? 0);
  const rows = await base
    .orderBy('id', 'desc')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  return { rows: rows.map(outboxRow), total };
}

export async function countByStatus(db: Knex): Promise<Record<MailStatus, number>> {
  const sum = (condition: string) => db.raw(`SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`);
  const open = 'sent_at IS NULL AND failed_at IS NULL';
  const r = (await db('email_outbox')
    .select({
      sent: sum('sent_at IS NOT NULL'),
      failed: sum('sent_at IS NULL AND failed_at IS NOT NULL'),
      sending: sum(`${open} AND sending_since IS NOT NULL`),
      retrying: sum(`${open} AND sending_since IS NULL AND attempts > 0`),
      queued: sum(`${open} AND sending_since IS NULL AND attempts = 0`),
    })
    .first()) as Record<MailStatus, unknown> | undefined;
  const n = (v: unknown) => Number(v ?? 0);
  return { queued: n(r?.queued), sending: n(r?.sending), retrying: n(r?.retrying), sent: n(r?.sent), failed: n(r?.failed) };
}
