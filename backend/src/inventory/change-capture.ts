/**
 * Which skus a batch of catalog changes can move the quantity of. Most changes name their sku (stock,
 * stock_settings, reservation, status…); a source switched on or off (kind 'source', details
 * `{ sourceCode }` — or `code`) moves every sku with an item on that source, so it is expanded here.
 */
import type { Knex } from 'knex';
import type { CatalogChange } from '../catalog/changes';
import { skusOnSource } from './catalog-stock';

export function sourceCodeOf(change: Pick<CatalogChange, 'kind' | 'details'>): string | null {
  if (change.kind !== 'source') return null;
  const code = change.details.sourceCode ?? change.details.code;
  return typeof code === 'string' && code ? code : null;
}

export async function affectedSkus(db: Knex, changes: readonly Pick<CatalogChange, 'sku' | 'kind' | 'details'>[]): Promise<string[]> {
  const skus = new Set<string>();
  const sources = new Set<string>();
  for (const c of changes) {
    const code = sourceCodeOf(c);
    if (code) sources.add(code);
    else if (c.sku) skus.add(c.sku);
  }
  for (const code of sources) for (const sku of await skusOnSource(db, code)) skus.add(sku);
  return [...skus];
}
