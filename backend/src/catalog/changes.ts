/**
 * The durable catalog change log. Every write to products, prices, attributes, stock or
 * reservations records a row here in the same transaction; consumers read forward from their
 * cursor, so nothing is missed while a consumer is down. The in-process `wake` event only
 * shortens the wait — the table is the truth.
 */
import { EventEmitter } from 'node:events';
import type { Knex } from 'knex';
import { chunk, json } from '../db/rows';
import { fromDbTime, toDbTime } from '../db/time';

export const CHANGE_KINDS = [
  'product',
  'price',
  'status',
  'attribute',
  'stock',
  'stock_settings',
  'reservation',
  'source',
  'website',
  'deleted',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface ChangeInput {
  sku: string;
  kind: ChangeKind;
  details?: Record<string, unknown>;
}

export interface CatalogChange {
  id: number;
  sku: string;
  kind: ChangeKind;
  details: Record<string, unknown>;
  createdAt: string;
}

export class ChangeLog extends EventEmitter {
  /**
   * `now` is the app's business clock when there is one: sync latency is measured from a change's time to
   * Amazon's acknowledgement on that clock, so both ends must read the same clock (the simulator's in demos).
   */
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
  }

  /** Records changes inside the caller's transaction; wakes consumers once it has committed. */
  async record(trx: Knex, changes: ChangeInput[]): Promise<void> {
    if (!changes.length) return;
    const now = toDbTime(this.now());
    for (const part of chunk(changes, 500)) {
      await trx('catalog_changes').insert(
        part.map((c) => ({ sku: c.sku, kind: c.kind, details: c.details ? JSON.stringify(c.details) : null, created_at: now })),
      );
    }
    const wake = () => this.emit('wake');
    const executionPromise = (trx as Knex.Transaction).executionPromise;
    if (executionPromise) executionPromise.then(wake, () => undefined);
    else wake();
  }

  async readAfter(afterId: number, limit = 1000): Promise<CatalogChange[]> {
    const rows = await this.db('catalog_changes').where('id', '>', afterId).orderBy('id').limit(limit);
    return rows.map((r) => ({
      id: Number(r.id),
      sku: r.sku,
      kind: r.kind,
      details: json(r.details, {}),
      createdAt: fromDbTime(r.created_at)!,
    }));
  }

  async cursor(consumer: string): Promise<number> {
    const row = await this.db('catalog_change_cursors').where({ consumer }).first();
    return row ? Number(row.last_change_id) : 0;
  }

  async advance(consumer: string, lastChangeId: number, trx: Knex = this.db): Promise<void> {
    await trx('catalog_change_cursors')
      .insert({ consumer, last_change_id: lastChangeId, updated_at: toDbTime() })
      .onConflict('consumer')
      .merge(['last_change_id', 'updated_at']);
  }

  async latestId(): Promise<number> {
    const row = await this.db('catalog_changes').max({ id: 'id' }).first();
    return Number(row?.id ?? 0);
  }
}
