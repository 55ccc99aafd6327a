/**
 * Listings sync engine benchmark against the in-process simulator (Amazon's documented rate limits):
 *  1. publish N listings (default 20,000): SP-API calls used vs the minimum possible, and the wall time.
 *     The simulator processes a feed in `feedProcessingSeconds` (60 s) of ITS clock; the bench advances
 *     that clock by 30 s between passes instead of sleeping, and prints the simulated wait separately.
 *  2. price changes one at a time (default 100): setDesired → worker pass (PATCH path) → the simulator's
 *     offer shows the new price; p50/p95 wall time, plus the engine's own change→ack health figures.
 * Usage: npx tsx scripts/bench/listings-sync.ts [--n 20000] [--changes 100]
 * Uses a temporary SQLite database (TEST_DB_ENGINE=mysql TEST_MYSQL_URL=… for MySQL). Exits non-zero when
 * a listing did not end published or a price never showed.
 */
import { parseArgs } from 'node:util';
import { desired, startSyncHarness } from '../../backend/test/integration/listings-sync-harness';
import { percentile } from '../../backend/src/listings/sync/sync.service';
import { callsNow, callsSince } from './lib/sp-api-calls';

const { values } = parseArgs({ options: { n: { type: 'string', default: '20000' }, changes: { type: 'string', default: '100' } } });
const N = Number(values.n);
const CHANGES = Number(values.changes);
const FEED_LIMIT = 25_000;
const ms = (t0: number) => Math.round(performance.now() - t0);

const h = await startSyncHarness();
let failed = false;
try {
  // ---- 1. Publish N ----
  let t0 = performance.now();
  const ids = await h.addListings(N, 'BENCH');
  for (let i = 0; i < ids.length; i += 1000) {
    await h.app.db.transaction(async (trx) => {
      for (const id of ids.slice(i, i + 1000)) await h.app.listingsSync.setDesired(trx, id, desired({ price: '20.00', quantity: 10 }));
    });
  }
  const setupMs = ms(t0);
  const before = callsNow(h.sim);
  t0 = performance.now();
  let simulatedS = 0;
  let passes = 0;
  for (;;) {
    const r = await h.app.listingsSync.drainStore(h.storeId);
    passes++;
    const health = await h.app.listingsSync.health(h.storeId);
    if (r.stopped) throw new Error(`pass stopped: ${r.stopped}`);
    if (health.queueDepth === 0 && health.inFlightFeeds === 0) break;
    if (passes > 200) throw new Error('did not converge in 200 passes');
    h.sim.advance(30);
    simulatedS += 30;
  }
  const publishMs = ms(t0);
  const used = callsSince(h.sim, before);
  // createFeedDocument + createFeed + one getFeed that sees DONE + getFeedDocument, per feed of ≤ 25,000.
  const minimum = Math.ceil(N / FEED_LIMIT) * 4;
  const states = await h.app.listingsSync.state(ids);
  const notPublished = ids.filter((id) => states.get(id)?.pending !== false || states.get(id)?.acknowledged?.price !== '20.00').length;
  const onAmazon = h.sim.sim.world.listings.list('A2SIMOUTDOOR01').filter((l) => l.sku.startsWith('BENCH-')).length;
  console.log(`engine: ${h.db.engine}`);
  console.log(`publish ${N} listings: setDesired for all ${setupMs} ms; sync wall time ${publishMs} ms over ${passes} passes`);
  console.log(`  simulated feed processing wait (simulator clock advanced, not slept): ${simulatedS} s`);
  console.log(`  SP-API calls used: ${used.total} (${used.text}); minimum possible: ${minimum}`);
  console.log(`  listings acknowledged: ${N - notPublished}/${N}; on the simulator: ${onAmazon}`);
  if (notPublished > 0 || onAmazon !== N) failed = true;

  // ---- 2. Price change → offer visible ----
  const samples: number[] = [];
  const sample = ids.slice(0, CHANGES);
  for (let i = 0; i < sample.length; i++) {
    const id = sample[i]!;
    const price = `${21 + (i % 50)}.${String(i % 100).padStart(2, '0')}`;
    const sku = await h.skuOf(id);
    const t = performance.now();
    await h.setDesired(h.app, id, desired({ price, quantity: 10 }));
    await h.app.listingsSync.drainStore(h.storeId);
    const shown = h.simListing(sku)?.price;
    samples.push(performance.now() - t);
    if (Number(shown) !== Number(price)) {
      console.log(`  price ${price} did not show for ${sku} (shows ${shown})`);
      failed = true;
    }
  }
  samples.sort((a, b) => a - b);
  const health = await h.app.listingsSync.health(h.storeId);
  const patches = h.calls('patchListingsItem');
  console.log(`price change → simulator offer (PATCH path, ${CHANGES} changes one after another, patchListingsItem 5/s burst 5):`);
  console.log(
    `  p50 ${Math.round(percentile(samples, 50) ?? 0)} ms, p95 ${Math.round(percentile(samples, 95) ?? 0)} ms; patchListingsItem calls ${patches}`,
  );
  console.log(
    `  engine health (change→ack, last hour, all ${health.samples} acknowledgements): p50 ${health.latencyP50Ms} ms, p95 ${health.latencyP95Ms} ms`,
  );
} finally {
  await h.close();
}
if (failed) {
  console.log('FAILED');
  process.exit(1);
}
