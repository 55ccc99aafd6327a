/** amazon_attribute_mappings: small knex functions taking a knex or a transaction. */
import type { Knex } from 'knex';
import { bool, json } from '../db/rows';
import { fromDbTime, toDbTime } from '../db/time';

export interface MappingRow {
  id: number;
  marketplaceId: string;
  amazonAttribute: string;
  catalogAttribute: string;
  isActive: boolean;
  overwriteExisting: boolean;
  storeViews: string[];
  createdAt: string;
  updatedAt: string;
}

const toRow = (r: Record<string, unknown>): MappingRow => ({
  id: Number(r.id),
  marketplaceId: String(r.marketplace_id),
  amazonAttribute: String(r.amazon_attribute),
  catalogAttribute: String(r.catalog_attribute),
  isActive: bool(r.is_active),
  overwriteExisting: bool(r.overwrite_existing),
  storeViews: json<string[]>(r.store_views, []),
  createdAt: fromDbTime(r.created_at as string)!,
  updatedAt: fromDbTime(r.updated_at as string)!,
});

export async function listMappings(db: Knex, marketplaceId?: string): Promise<MappingRow[]> {
  const q = db('amazon_attribute_mappings').orderBy(['marketplace_id', 'amazon_attribute']);
  if (marketplaceId) q.where({ marketplace_id: marketplaceId });
  return (await q).map(toRow);
}

export async function mappingById(db: Knex, id: number): Promise<MappingRow | null> {
  const r = await db('amazon_attribute_mappings').where({ id }).first();
  return r ? toRow(r) : null;
}

export async function mappingIdFor(db: Knex, marketplaceId: string, amazonAttribute: string): Promise<number | null> {
  const r = await db('amazon_attribute_mappings').where({ marketplace_id: marketplaceId, amazon_attribute: amazonAttribute }).first('id');
  return r ? Number(r.id) : null;
}

export async function insertMapping(
  db: Knex,
  m: {
    marketplaceId: string;
    amazonAttribute: string;
    catalogAttribute: string;
    isActive: boolean;
    overwriteExisting: boolean;
    storeViews: string[];
  },
): Promise<number> {
  const now = toDbTime();
  const [id] = await db('amazon_attribute_mappings').insert({
    marketplace_id: m.marketplaceId,
    amazon_attribute: m.amazonAttribute,
    catalog_attribute: m.catalogAttribute,
    is_active: m.isActive,
    overwrite_existing: m.overwriteExisting,
    store_views: JSON.stringify(m.storeViews),
    created_at: now,
    updated_at: now,
  });
  return Number(id);
}

export async function updateMapping(
  db: Knex,
  id: number,
  m: { catalogAttribute?: string; isActive?: boolean; overwriteExisting?: boolean; storeViews?: string[] },
): Promise<void> {
  const columns: Record<string, unknown> = { updated_at: toDbTime() };
  if (m.catalogAttribute !== undefined) columns.catalog_attribute = m.catalogAttribute;
  if (m.isActive !== undefined) columns.is_active = m.isActive;
  if (m.overwriteExisting !== undefined) columns.overwrite_existing = m.overwriteExisting;
  if (m.storeViews !== undefined) columns.store_views = JSON.stringify(m.storeViews);
  await db('amazon_attribute_mappings').where({ id }).update(columns);
}

export async function deleteMapping(db: Knex, id: number): Promise<void> {
  await db('amazon_attribute_mappings').where({ id }).del();
}
