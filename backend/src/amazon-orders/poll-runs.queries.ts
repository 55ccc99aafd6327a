/** A poll run that stopped before its last page (`amazon_order_poll_runs`): its bounds and the next page's token. */
import type { Knex } from 'knex';
import { fromDbTime, toDbTime } from '../db/time';

export interface PollRun {
  after: string;
  before: string;
  nextToken: string;
  /** Pages handled so far. */
  pages: number;
}

export async function pollRunOf(db: Knex, storeId: number): Promise<PollRun | null> {
  const r = await db('amazon_order_poll_runs').where({ store_id: storeId }).first();
  if (!r) return null;
  return {
    after: fromDbTime(r.last_updated_after as string)!,
    before: fromDbTime(r.last_updated_before as string)!,
    nextToken: String(r.next_token),
    pages: Number(r.pages),
  };
}

/** After each page that has a next one: a run stopped (or crashed) from here on resumes at that page. */
export async function savePollRun(db: Knex, storeId: number, run: PollRun, now: Date): Promise<void> {
  const row = {
    last_updated_after: toDbTime(new Date(run.after)),
    last_updated_before: toDbTime(new Date(run.before)),
    next_token: run.nextToken,
    pages: run.pages,
    updated_at: toDbTime(now),
  };
  const updated = await db('amazon_order_poll_runs').where({ store_id: storeId }).update(row);
  if (!updated) await db('amazon_order_poll_runs').insert({ store_id: storeId, ...row });
}

export async function clearPollRun(db: Knex, storeId: number): Promise<void> {
  await db('amazon_order_poll_runs').where({ store_id: storeId }).delete();
}
