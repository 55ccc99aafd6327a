/**
 * Catalog products with live Amazon listings, seeded quickly for the stock benches: N simple products with
 * stock on source wh_a (the store website's stock), each with an Active listing (same seller SKU) in the sync
 * harness's store — written in bulk, then published once through the real path (the catalog change log →
 * the listings change consumer → the sync engine → a feed) so Amazon holds every offer before a bench starts.
 * Quantity changes go through the catalog's MSI source-items import, the way an import would make them.
 */
import { Readable } from 'node:stream';
import { importSourceItemsCsv } from '../../../backend/src/catalog/import/index';
import { toDbTime } from '../../../backend/src/db/time';
import type { SyncHarness } from '../../../backend/test/integration/listings-sync-harness';
import { SELLER, US } from '../../../backend/test/integration/listings-sync-harness';

const ROWS_PER_INSERT = 200;

export interface StockedListings {
  skus: string[];
  listingIds: number[];
}

export async function seedStockedListings(h: SyncHarness, count: number, prefix: string, quantity = 10): Promise<StockedListings> {
  const db = h.db.knex;
  const now = toDbTime();
  const setId = Number((await db('attribute_sets').where({ code: 'default' }).first('id')).id);
  const websiteId = Number((await db('websites').where({ code: 'base' }).first('id')).id);
  const skus = Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);
  const insert = async (table: string, rows: Record<string, unknown>[]) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await db(table).insert(rows.slice(i, i + ROWS_PER_INSERT));
  };
  await insert(
    'products',
    skus.map((sku) => ({
      sku,
      type: 'simple',
      name: `Bench ${sku}`,
      price: 20,
      attribute_set_id: setId,
      status: 'enabled',
      visibility: 'catalog_search',
      created_at: now,
      updated_at: now,
    })),
  );
  const productIds = new Map<string, number>();
  for (let i = 0; i < skus.length; i += 1000)
    for (const p of await db('products')
      .whereIn('sku', skus.slice(i, i + 1000))
      .select('id', 'sku'))
      productIds.set(String(p.sku), Number(p.id));
  await insert(
    'product_websites',
    skus.map((sku) => ({ product_id: productIds.get(sku), website_id: websiteId })),
  );
  await insert(
    'source_items',
    skus.map((sku) => ({ sku, source_code: 'wh_a', quantity, in_stock: 1 })),
  );
  await insert(
    'listings',
    skus.map((sku) => ({
      store_id: h.storeId,
      product_id: productIds.get(sku),
      sku,
      seller_sku: sku,
      asin: 'B0SIM00001',
      status: 'active',
      published_at: now,
      created_at: now,
      updated_at: now,
    })),
  );
  const listingIds: number[] = [];
  const bySku = new Map<string, number>();
  for (let i = 0; i < skus.length; i += 1000)
    for (const l of await db('listings')
      .where('store_id', h.storeId)
      .whereIn('seller_sku', skus.slice(i, i + 1000))
      .select('id', 'seller_sku'))
      bySku.set(String(l.seller_sku), Number(l.id));
  for (const sku of skus) listingIds.push(bySku.get(sku) ?? 0);
  // The desired state is computed by the listings domain from the catalog: a change per sku makes it do so.
  await h.app.db.transaction((trx) =>
    h.app.catalog.changes.record(
      trx,
      skus.map((sku) => ({ sku, kind: 'stock' as const })),
    ),
  );
  await consumeAllChanges(h);
  await drainUntilIdle(h);
  return { skus, listingIds };
}

/** Runs the listings change consumer until the change log is read to its end. */
export async function consumeAllChanges(h: SyncHarness): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const r = await h.app.jobs.runNow('listings.catalog-changes');
    const changes = r.ran ? Number((r.summary as { changes?: number } | null)?.changes ?? 0) : 1;
    if (changes === 0) return;
  }
}

/** Worker passes (Amazon's clock moved past each poll delay instead of waiting) until nothing is queued or in flight. */
export async function drainUntilIdle(h: SyncHarness, maxPasses = 400): Promise<number> {
  for (let pass = 1; pass <= maxPasses; pass++) {
    const r = await h.app.listingsSync.drainStore(h.storeId);
    if (r.stopped) throw new Error(`sync pass stopped: ${r.stopped}`);
    const health = await h.app.listingsSync.health(h.storeId);
    if (health.queueDepth === 0 && health.inFlightFeeds === 0) return pass;
    h.sim.advance(31);
  }
  throw new Error(`the store did not drain in ${maxPasses} passes`);
}

/** Sets source quantities (wh_a) through the catalog's source-items import, batch by batch like a real import. */
export async function importQuantities(h: SyncHarness, quantities: Map<string, number>): Promise<void> {
  const lines = ['source_code,sku,quantity,status', ...[...quantities].map(([sku, q]) => `wh_a,${sku},${q},${q > 0 ? 1 : 0}`)];
  const r = await importSourceItemsCsv(h.app.db, Readable.from([lines.join('\n')]), { changes: h.app.catalog.changes, batchSize: 1000 });
  if (r.errors.length) throw new Error(`import refused rows: ${JSON.stringify(r.errors.slice(0, 3))}`);
}

/** The quantity Amazon (the simulator) shows for each of these seller SKUs (null when it holds none). */
export function amazonQuantities(h: SyncHarness, skus: readonly string[]): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const sku of skus) {
    const rec = h.sim.sim.world.listings.get(SELLER, US, sku);
    const fa = (rec?.attributes.fulfillment_availability as { quantity?: number }[] | undefined)?.[0];
    out.set(sku, fa?.quantity ?? null);
  }
  return out;
}

/** How many of `expected` Amazon shows with another quantity. */
export function wrongOnAmazon(h: SyncHarness, expected: Map<string, number>): number {
  const shown = amazonQuantities(h, [...expected.keys()]);
  let wrong = 0;
  for (const [sku, q] of expected) if (shown.get(sku) !== q) wrong++;
  return wrong;
}
