/**
 * Order numbers per store view, Magento's way: prefix + the sequence's value padded to 9 digits
 * ("000000042", "AMZ-000000042"). The value is taken with one upsert-and-increment statement inside the
 * order's transaction: on MySQL/MariaDB the row lock it takes makes a second process wait until the first
 * commits (and then continue from its value), on SQLite the one writer does the same; the first order of a
 * store view creates the row in the same statement, so there is no read-then-write window anywhere.
 */
import type { Knex } from 'knex';
import { orderIdByIncrementId } from './orders.queries';

export const INCREMENT_DIGITS = 9;
/** Numbers already taken by an explicit increment id are skipped; this many at most, then the order is refused. */
const MAX_SKIPS = 100;

export function formatIncrementId(prefix: string, value: number): string {
  return `${prefix}${String(value).padStart(INCREMENT_DIGITS, '0')}`;
}

/** Takes the store view's next value (and its prefix) inside `trx`. */
export async function takeSequenceValue(trx: Knex, storeViewId: number): Promise<{ prefix: string; value: number }> {
  await trx('sales_sequences')
    .insert({ store_view_id: storeViewId, prefix: '', next_value: 2 })
    .onConflict('store_view_id')
    // The existing row's value on both engines (ON DUPLICATE KEY UPDATE / ON CONFLICT DO UPDATE).
    .merge({ next_value: trx.raw('?? + 1', ['next_value']) });
  const row = await trx('sales_sequences').where({ store_view_id: storeViewId }).first('prefix', 'next_value');
  return { prefix: String(row.prefix ?? ''), value: Number(row.next_value) - 1 };
}

/** The next free increment id of the store view (`prefix` replaces the store view's own). */
export async function nextIncrementId(trx: Knex, storeViewId: number, prefix?: string): Promise<string | null> {
  for (let i = 0; i < MAX_SKIPS; i++) {
    const taken = await takeSequenceValue(trx, storeViewId);
    const candidate = formatIncrementId(prefix ?? taken.prefix, taken.value);
    if ((await orderIdByIncrementId(trx, candidate)) === null) return candidate;
  }
  return null;
}

/** Sets a store view's prefix (the numbers go on from where they are). */
export async function setSequencePrefix(db: Knex, storeViewId: number, prefix: string): Promise<void> {
  await db('sales_sequences').insert({ store_view_id: storeViewId, prefix, next_value: 1 }).onConflict('store_view_id').merge(['prefix']);
}
