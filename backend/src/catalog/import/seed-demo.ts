/**
 * The demo catalog (fixtures/demo-catalog, see its README): on a catalog without products, creates
 * the Main Website (`base`, USD) with its Default Store View, the sources `us-east` and `us-west` in
 * the Default Stock that the website sells from, then imports products.csv and source_items.csv.
 * A catalog that already has products is left alone, so a restart never doubles or resets data.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { ChangeLog } from '../changes';
import { toDbTime } from '../../db/time';
import { DEFAULT_STOCK_NAME, ensureDefaultStock } from './default-stock';
import { importProductsCsv } from './products-import';
import { importSourceItemsCsv } from './source-items-import';
import type { ImportResult } from './result';

export const DEMO_CATALOG_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/demo-catalog');

export const DEMO_SOURCES = [
  { code: 'us-east', name: 'US East Warehouse', country: 'US', description: 'Newark, NJ fulfilment centre' },
  { code: 'us-west', name: 'US West Warehouse', country: 'US', description: 'Reno, NV fulfilment centre' },
];

/** Receives one line per step, e.g. `(line) => app.log.info(line)` or `console.log`. */
export type SeedLogger = (line: string) => void;

export interface SeedResult {
  seeded: boolean;
  products?: ImportResult;
  sourceItems?: ImportResult;
}

/** Website base + store view default, the regional sources, and the Default Stock that holds them. */
export async function createDemoStructure(db: Knex): Promise<void> {
  await db.transaction(async (trx) => {
    let website = await trx('websites').where({ code: 'base' }).first('id');
    if (!website) {
      const hasDefault = await trx('websites').where({ is_default: true }).first('id');
      await trx('websites').insert({
        code: 'base',
        name: 'Main Website',
        base_currency: 'USD',
        is_default: !hasDefault,
        created_at: toDbTime(),
      });
      website = await trx('websites').where({ code: 'base' }).first('id');
    }
    await trx('store_views')
      .insert({ website_id: website.id, code: 'default', name: 'Default Store View', locale: 'en_US', is_active: true })
      .onConflict('code')
      .ignore();
    for (const source of DEMO_SOURCES)
      await trx('sources')
        .insert({ ...source, enabled: true })
        .onConflict('code')
        .ignore();
  });
  // The Default Stock (with the default source) exists before the regional sources join it.
  const { stockId } = await ensureDefaultStock(db);
  await db.transaction(async (trx) => {
    const links = DEMO_SOURCES.map((s, i) => ({ stock_id: stockId, source_code: s.code, priority: i + 1 }));
    await trx('stock_sources').insert(links).onConflict(['stock_id', 'source_code']).ignore();
    const website = await trx('websites').where({ code: 'base' }).first('id');
    await trx('stock_websites').insert({ website_id: website.id, stock_id: stockId }).onConflict('website_id').ignore();
  });
}

export async function seedDemoCatalog(db: Knex, log: SeedLogger, options: { changes?: ChangeLog; dir?: string } = {}): Promise<SeedResult> {
  const count = await db('products').count({ n: '*' }).first();
  if (Number(count?.n ?? 0) > 0) {
    log('demo catalog not seeded: the catalog already has products');
    return { seeded: false };
  }
  const dir = options.dir ?? DEMO_CATALOG_DIR;
  const changes = options.changes ?? new ChangeLog(db);
  await createDemoStructure(db);
  // The demo's own attributes (brand, manufacturer, color, size…) are made from its values, as a merchant's would be.
  const products = await importProductsCsv(db, path.join(dir, 'products.csv'), { changes, createMissing: true });
  const sourceItems = await importSourceItemsCsv(db, path.join(dir, 'source_items.csv'), { changes });
  log(
    `demo catalog seeded: ${products.imported} products (${products.failed} rows failed), ` +
      `${sourceItems.imported} source items in ${DEFAULT_STOCK_NAME} (${sourceItems.failed} rows failed)`,
  );
  return { seeded: true, products, sourceItems };
}
