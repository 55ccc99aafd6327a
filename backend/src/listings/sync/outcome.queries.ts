/**
 * Batch writes for applying Amazon's answers (a feed report of thousands of messages): one UPDATE for many
 * rows that each get their own values, so applying 500 answers costs a handful of statements instead of a
 * few per listing (on MariaDB each round trip counts). Plain standard SQL (CASE), the same on both engines.
 */
import type { Knex } from 'knex';
import { chunk } from '../../db/rows';

type Row = Record<string, unknown>;

/** Rows per statement: a few varying columns × 2 bindings each stays far below SQLite's 32k variables. */
const ROWS_PER_UPDATE = 500;

const same = (a: unknown, b: unknown) => a === b || (a === null && b === undefined) || (a === undefined && b === null);

/**
 * Updates each row `key = id` with its own `patch`, in one statement per 500 rows: a column with the same
 * value in every patch is set plainly, the others through `CASE key WHEN id THEN value … ELSE column END`
 * (a row whose patch leaves the column out keeps its value). `scope` narrows the rows (e.g. a submission).
 */
export async function updateEach(db: Knex, table: string, key: string, rows: { id: number; patch: Row }[], scope: Row = {}): Promise<void> {
  for (const part of chunk(rows, ROWS_PER_UPDATE)) {
    const columns = new Set(part.flatMap((r) => Object.keys(r.patch)));
    if (!columns.size) continue;
    const set: Row = {};
    for (const column of columns) {
      const first = part[0]!.patch[column];
      if (part.every((r) => column in r.patch && same(r.patch[column], first))) {
        set[column] = first ?? null;
        continue;
      }
      const withColumn = part.filter((r) => column in r.patch);
      const whens = withColumn.map(() => 'WHEN ? THEN ?').join(' ');
      // Patches hold plain column values (text, numbers, booleans, null), which knex binds as they are.
      const bindings = withColumn.flatMap((r) => [r.id, (r.patch[column] ?? null) as Knex.Value]);
      set[column] = db.raw(`CASE ?? ${whens} ELSE ?? END`, [key, ...bindings, column]);
    }
    await db(table)
      .where(scope)
      .whereIn(
        key,
        part.map((r) => r.id),
      )
      .update(set);
  }
}

/** Closes answered submission items (outcome, acknowledgement time, latency), grouped per submission. */
export async function closeItems(
  db: Knex,
  items: { submissionId: number; messageId: number; patch: { outcome: string; acknowledged_at?: string; latency_ms?: number | null } }[],
): Promise<void> {
  const bySubmission = new Map<number, { id: number; patch: Row }[]>();
  for (const i of items) {
    const list = bySubmission.get(i.submissionId) ?? [];
    list.push({ id: i.messageId, patch: i.patch });
    bySubmission.set(i.submissionId, list);
  }
  for (const [submissionId, rows] of bySubmission)
    await updateEach(db, 'listing_sync_items', 'message_id', rows, { submission_id: submissionId });
}

/** Updates listing_sync rows, each with its own patch. */
export function updateSyncRows(db: Knex, rows: { listingId: number; patch: Row }[]): Promise<void> {
  return updateEach(
    db,
    'listing_sync',
    'listing_id',
    rows.map((r) => ({ id: r.listingId, patch: r.patch })),
  );
}
