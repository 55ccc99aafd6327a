/**
 * The listing activity log (`listing_activity`): what was decided, sent and answered, per listing.
 * `recordActivity` is exported for the listings domain; it writes inside the caller's transaction.
 */
import type { Knex } from 'knex';
import { chunk, json } from '../../db/rows';
import { fromDbTime, toDbTime } from '../../db/time';
import type { ActivityEntry, ActivityRow } from './types';

const SUMMARY_MAX = 255;

const toDb = (e: ActivityEntry, now: Date) => ({
  listing_id: e.listingId,
  at: toDbTime(e.at ?? now),
  source: e.source,
  kind: e.kind.slice(0, 32),
  summary: e.summary.length > SUMMARY_MAX ? `${e.summary.slice(0, SUMMARY_MAX - 1)}…` : e.summary,
  sent: e.sent === undefined ? null : JSON.stringify(e.sent),
  answer: e.answer === undefined ? null : JSON.stringify(e.answer),
});

export async function recordActivity(trx: Knex, entry: ActivityEntry | ActivityEntry[]): Promise<void> {
  const entries = Array.isArray(entry) ? entry : [entry];
  const now = new Date();
  for (const part of chunk(entries, 200)) await trx('listing_activity').insert(part.map((e) => toDb(e, now)));
}

export async function listActivity(db: Knex, listingId: number, limit: number): Promise<ActivityRow[]> {
  const rows = (await db('listing_activity')
    .where({ listing_id: listingId })
    .orderBy([
      { column: 'at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(Math.max(1, Math.min(limit, 500)))) as Record<string, unknown>[];
  return rows.map((r) => ({
    id: Number(r.id),
    listingId: Number(r.listing_id),
    at: fromDbTime(String(r.at)) ?? '',
    source: String(r.source),
    kind: String(r.kind),
    summary: String(r.summary),
    sent: json<unknown>(r.sent, null),
    answer: json<unknown>(r.answer, null),
  }));
}
