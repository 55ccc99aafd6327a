/** listing_settings and listing_rules rows: small knex functions taking a knex or a transaction. */
import type { Knex } from 'knex';
import type { ListingSettings, RuleNode } from '../../../schema/listings';
import { json } from '../db/rows';
import { fromDbTime, toDbTime } from '../db/time';

export async function storedSettings(db: Knex, storeId: number): Promise<Partial<ListingSettings> | null> {
  const row = await db('listing_settings').where({ store_id: storeId }).first();
  return row ? json<Partial<ListingSettings>>(row.settings, {}) : null;
}

export async function saveSettings(db: Knex, storeId: number, settings: ListingSettings): Promise<void> {
  await db('listing_settings')
    .insert({ store_id: storeId, settings: JSON.stringify(settings), updated_at: toDbTime() })
    .onConflict('store_id')
    .merge(['settings', 'updated_at']);
}

export interface RuleRow {
  storeId: number;
  conditions: RuleNode;
  updatedBy: string | null;
  updatedAt: string | null;
  appliedAt: string | null;
}

export const EMPTY_RULE: RuleNode = { kind: 'combine', aggregator: 'all', value: true, conditions: [] };

export async function ruleOf(db: Knex, storeId: number): Promise<RuleRow | null> {
  const row = await db('listing_rules').where({ store_id: storeId }).first();
  if (!row) return null;
  return {
    storeId,
    conditions: json<RuleNode>(row.conditions, EMPTY_RULE),
    updatedBy: row.updated_by ?? null,
    updatedAt: fromDbTime(row.updated_at),
    appliedAt: fromDbTime(row.applied_at),
  };
}

export async function saveRule(db: Knex, storeId: number, conditions: RuleNode, updatedBy: string | null): Promise<void> {
  const now = toDbTime();
  await db('listing_rules')
    .insert({ store_id: storeId, conditions: JSON.stringify(conditions), updated_by: updatedBy, updated_at: now, applied_at: now })
    .onConflict('store_id')
    .merge(['conditions', 'updated_by', 'updated_at', 'applied_at']);
}

/** Stores that have a rule (the change-log consumer re-evaluates changed products against each). */
export async function storesWithRules(db: Knex): Promise<number[]> {
  return (await db('listing_rules').orderBy('store_id').pluck('store_id')).map(Number);
}
