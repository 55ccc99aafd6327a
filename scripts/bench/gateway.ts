/**
 * SP-API gateway benchmark against the in-process simulator (its rate limits are Amazon's documented ones):
 *  1. one worker patching: achieved patchListingsItem calls/s as a ratio of the documented rate (target ≥ 0.95),
 *     with no 429 reaching the caller;
 *  2. three concurrent workers of the same seller: the same figures;
 *  3. N patches (default 1000) with 10 % of answers injected 429 and 5 % injected 500: how many calls it took,
 *     and that nothing was lost (every patch accepted, each SKU ends at its last price).
 * Usage: npx tsx scripts/bench/gateway.ts [--ratio-calls 100] [--fault-patches 1000] [--fault-workers 5]
 * Exits non-zero when a target is missed. Uses a temporary SQLite database (TEST_DB_ENGINE=mysql for MySQL).
 */
import { parseArgs } from 'node:util';
import { startHarness, outdoorNa, SIM, type Harness } from '../../backend/test/integration/spapi-harness';
import { OPERATIONS } from '../../backend/src/spapi/operations';
import { AmazonThrottledError } from '../../backend/src/spapi/errors';

const { values } = parseArgs({
  options: {
    'ratio-calls': { type: 'string', default: '100' },
    'fault-patches': { type: 'string', default: '1000' },
    'fault-workers': { type: 'string', default: '5' },
  },
});
const ratioCalls = Number(values['ratio-calls']);
const faultPatches = Number(values['fault-patches']);
const faultWorkers = Number(values['fault-workers']);
const DOC = OPERATIONS.patchListingsItem;
const US = { marketplaceIds: [SIM.US] };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const patch = (price: string) => ({
  productType: 'BOTTLE',
  patches: [
    {
      op: 'replace' as const,
      path: '/attributes/purchasable_offer',
      value: [{ marketplace_id: SIM.US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: price }] }] }],
    },
  ],
});

const listing = (price: string) => ({
  productType: 'BOTTLE',
  attributes: {
    condition_type: [{ value: 'new_new', marketplace_id: SIM.US }],
    merchant_suggested_asin: [{ value: 'B0SIM00001', marketplace_id: SIM.US }],
    purchasable_offer: [{ marketplace_id: SIM.US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: price }] }] }],
    fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 5 }],
  },
});

async function fresh(h: Harness): Promise<void> {
  h.sim.reset();
  h.app.spapi.forget(outdoorNa());
  await h.app.spapi.getListingsItem(outdoorNa(), 'TM-BOTTLE-750', US); // access token outside the measurement
  await sleep(2000); // both buckets (ours and the simulator's) full again
}

async function ratioRun(h: Harness, workers: number): Promise<boolean> {
  await fresh(h);
  const per = Math.ceil(ratioCalls / workers);
  let throttledToCaller = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; i < per; i++) {
        try {
          await h.app.spapi.patchListingsItem(outdoorNa(), 'TM-BOTTLE-750', patch(`${20 + w}.${String(i % 100).padStart(2, '0')}`), US);
        } catch (err) {
          if (err instanceof AmazonThrottledError) throttledToCaller++;
          else throw err;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const calls = per * workers;
  const counters = h.counters();
  const ourBurst = Math.max(1, DOC.burst - 1);
  // Sustained rate: the calls beyond the opening burst, over the whole run.
  const sustained = (calls - ourBurst) / seconds;
  const ratio = sustained / DOC.rate;
  const ok = ratio >= 0.95 && throttledToCaller === 0;
  console.log(
    `${workers} worker(s): ${calls} patches in ${seconds.toFixed(1)} s → ${(calls / seconds).toFixed(2)} calls/s overall, ` +
      `${sustained.toFixed(2)} calls/s sustained = ${ratio.toFixed(3)} × documented ${DOC.rate}/s (target ≥ 0.95) ${ratio >= 0.95 ? 'OK' : 'MISSED'}; ` +
      `429s reaching callers: ${throttledToCaller}; 429s from the simulator's limiter: ${counters.throttled['patchListingsItem'] ?? 0}`,
  );
  return ok;
}

async function faultRun(h: Harness): Promise<boolean> {
  await fresh(h);
  const skus = Array.from({ length: faultWorkers }, (_, w) => `BENCH-${w}`);
  for (const sku of skus) await h.app.spapi.putListingsItem(outdoorNa(), sku, listing('10.00'), US);
  const before = h.counters().calls['patchListingsItem'] ?? 0;
  // Rules apply in order: 10 % of all answers 429, then 5 % of all answers (5/90 of the rest) 500.
  await h.control('POST', '/_simulator/faults', { operation: 'patchListingsItem', kind: '429', rate: 0.1 });
  await h.control('POST', '/_simulator/faults', { operation: 'patchListingsItem', kind: '500', rate: 0.05 / 0.9 });
  const per = Math.ceil(faultPatches / faultWorkers);
  let accepted = 0;
  let surfaced = 0;
  const lastPrice = new Map<string, string>();
  const started = performance.now();
  await Promise.all(
    skus.map(async (sku, w) => {
      for (let i = 0; i < per; i++) {
        const price = `${w + 1}${String(i).padStart(4, '0')}.00`;
        // A patch whose retries all failed goes back to the queue, as the sync worker would do (intent is in the DB).
        for (;;) {
          try {
            const res = await h.app.spapi.patchListingsItem(outdoorNa(), sku, patch(price), US);
            if (res.status === 'ACCEPTED') accepted++;
            break;
          } catch {
            surfaced++;
          }
        }
        lastPrice.set(sku, price);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await h.control('DELETE', '/_simulator/faults');
  const c = h.counters();
  const calls = (c.calls['patchListingsItem'] ?? 0) - before;
  const statuses = c.statuses['patchListingsItem'] ?? {};
  let lost = 0;
  for (const sku of skus) {
    const item = await h.app.spapi.getListingsItem(outdoorNa(), sku, { ...US, includedData: ['offers'] });
    if (item?.offers?.[0]?.price.amount !== lastPrice.get(sku)) lost++;
  }
  const total = per * faultWorkers;
  console.log(
    `faults: ${total} patches by ${faultWorkers} workers with 10 % 429 + 5 % 500 injected took ${calls} calls ` +
      `(${((calls / total - 1) * 100).toFixed(1)} % extra; injected 429: ${statuses['429'] ?? 0}, 500: ${statuses['500'] ?? 0}; ` +
      `simulator-limiter 429s: ${c.throttled['patchListingsItem'] ?? 0}) in ${seconds.toFixed(0)} s; accepted ${accepted}/${total}; ` +
      `calls that exhausted AMAZON_MAX_RETRIES and were re-queued: ${surfaced}; SKUs not at their last price: ${lost}`,
  );
  return accepted === total && lost === 0;
}

async function main(): Promise<void> {
  const h = await startHarness({ retryBaseMs: 250 });
  try {
    console.log(
      `gateway bench: patchListingsItem documented ${DOC.rate}/s burst ${DOC.burst}; simulator on 127.0.0.1:${h.sim.port}; ${h.db.engine}; ` +
        `ratio runs use ${ratioCalls} calls each (not 1,000, to keep the bench short); fault run uses ${faultPatches} patches`,
    );
    const results = [await ratioRun(h, 1), await ratioRun(h, 3), await faultRun(h)];
    if (results.includes(false)) {
      console.error('gateway bench: a target was missed');
      process.exitCode = 1;
    } else console.log('gateway bench: all targets met');
  } finally {
    await h.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
