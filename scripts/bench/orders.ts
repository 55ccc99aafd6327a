/**
 * Amazon order import benchmark (issue 14) against the in-process simulator at Amazon's documented rate limits
 * (the channel's own limiter and the simulator's buckets both: getOrder 0.5/s burst 30, searchOrders 0.0056/s
 * burst 20), each part on a fresh app, database (SQLite in a temporary file) and simulator, with a small catalog
 * whose Active listings the import maps by seller SKU. Purchases go through the simulator's shopper control plane;
 * an order is Pending for --pending seconds, then paid (Unshipped), as Amazon marks it.
 *  1. with notifications (real time, the clock never advanced): --samples purchases spread over time (gaps of
 *     about --gap s), the real SQS consumer, the importer and the real job scheduler running; per order the time
 *     from the purchase to its stock reservation (the Pending notification) and from the payment to the sales order
 *     (found by polling the database every 50 ms); p50/p95/max.
 *  2. polling only (AMAZON_NOTIFICATIONS=off), on the SIMULATOR CLOCK: the poll job (amazon-orders.poll, the real
 *     job) runs every 180 simulated seconds as the scheduler would, purchases spread over simulated time; the
 *     time from payment to the sales order in simulated seconds. Amazon's Orders API shows an order to
 *     searchOrders only 120 s after it changed (the channel waits AMAZON_ORDERS_LAG_SECONDS = 130 s).
 *  3. --bulk orders placed at once (real time): notifications + the scheduled poll import them; wall time until
 *     all are in (or progress at --budget minutes), SP-API calls used vs the minimum the limits allow and the
 *     implied least time, orders missing and duplicated.
 *
 *   npm run bench:orders                                   # 50 + 50 samples, 5,000 at once, 15 minutes budget
 *   npm run bench:orders -- --samples 10 --bulk 500 --budget 3
 *   npm run bench:orders -- --budget 120                   # let 5,000 finish at the real limits
 */
import { parseArgs } from 'node:util';
import { percentile } from '../../backend/src/listings/sync/sync.service';
import { POLL_EVERY_MS, POLL_JOB } from '../../backend/src/amazon-orders/intake';
import { GET_ORDER, minimumImportSeconds, SEARCH_ORDERS, startOrdersWorld, type Purchase } from './lib/orders-world';

const { values } = parseArgs({
  options: {
    samples: { type: 'string', default: '50' },
    gap: { type: 'string', default: '3' },
    pending: { type: 'string', default: '5' },
    bulk: { type: 'string', default: '5000' },
    budget: { type: 'string', default: '15' },
    parts: { type: 'string', default: '1,2,3' },
  },
});
const SAMPLES = Number(values.samples);
const GAP_S = Number(values.gap);
const PENDING_S = Number(values.pending);
const BULK = Number(values.bulk);
const BUDGET_MS = Number(values.budget) * 60_000;
const PARTS = new Set(values.parts.split(','));
const NOTIFY_P95_TARGET_S = 10;
const AMAZON_LAG_S = 120;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const failures: string[] = [];

function stats(ms: number[]): { p50: number; p95: number; max: number; text: string } {
  const s = [...ms].sort((a, b) => a - b);
  const p50 = percentile(s, 50) ?? 0;
  const p95 = percentile(s, 95) ?? 0;
  const max = s.at(-1) ?? 0;
  return { p50, p95, max, text: `p50 ${secs(p50)}, p95 ${secs(p95)}, max ${secs(max)} (n=${s.length})` };
}

const ORDER_OPS = /^(searchOrders|getOrder|getOrders|getOrderItems|getOrderAddress|getOrderBuyerInfo)$/;
function orderCalls(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [op, n] of Object.entries(after)) if (ORDER_OPS.test(op) && n - (before[op] ?? 0) > 0) out[op] = n - (before[op] ?? 0);
  return out;
}
const callsText = (c: Record<string, number>) =>
  Object.entries(c)
    .map(([op, n]) => `${op} ${n}`)
    .join(', ') || 'none';

// ---- 1. With notifications, real time ----
if (PARTS.has('1')) {
  const w = await startOrdersWorld({ notifications: true, skus: 20, quantity: 1000, pendingSeconds: PENDING_S });
  try {
    w.h.app.jobs.start();
    const offset = w.h.sim.clock.nowMs() - Date.now();
    const reservedAt = new Map<string, number>();
    const orderAt = new Map<string, number>();
    const placed: Purchase[] = [];
    let buying = true;
    const watch = (async () => {
      for (;;) {
        const open = placed.filter((p) => !orderAt.has(p.amazonOrderId)).map((p) => p.amazonOrderId);
        if (!buying && open.length === 0) return;
        const now = w.h.sim.clock.nowMs();
        for (const id of await w.reservedOrImported(open.filter((id) => !reservedAt.has(id)))) reservedAt.set(id, now);
        for (const id of await w.withOrder(open)) orderAt.set(id, now);
        if (placed.length && now - placed.at(-1)!.paidAt > 10 * 60_000) throw new Error('orders not imported 10 minutes after payment');
        await sleep(50);
      }
    })();
    const t0 = performance.now();
    for (let i = 0; i < SAMPLES; i++) {
      placed.push(await w.buy());
      await sleep(GAP_S * 1000 * (0.5 + Math.random()));
    }
    buying = false;
    await watch;
    const drift = w.h.sim.clock.nowMs() - Date.now() - offset;
    const toReservation = stats(placed.map((p) => (reservedAt.get(p.amazonOrderId) ?? NaN) - p.boughtAt));
    const toOrder = stats(placed.map((p) => orderAt.get(p.amazonOrderId)! - p.paidAt));
    const buyToOrder = stats(placed.map((p) => orderAt.get(p.amazonOrderId)! - p.boughtAt));
    console.log(
      `1. with notifications (real time; simulator clock advanced by ${secs(drift)} during the run): ${SAMPLES} purchases over ${secs(performance.now() - t0)},`,
    );
    console.log(`   Pending ${PENDING_S} s, the SQS consumer, the importer and the job scheduler running`);
    console.log(`   purchase → stock reserved (Pending notification):   ${toReservation.text}`);
    console.log(`   payment (Unshipped) → sales order:                  ${toOrder.text}`);
    console.log(`   purchase → sales order (includes ${PENDING_S} s Pending): ${buyToOrder.text}`);
    const status = await w.h.app.notifications.status();
    console.log(
      `   notifications handled ${status.counters.handled}, failed ${status.counters.failed}; SP-API: ${callsText(orderCalls({}, w.calls()))}`,
    );
    if (toOrder.p95 > NOTIFY_P95_TARGET_S * 1000) failures.push(`notifications: p95 ${secs(toOrder.p95)} > ${NOTIFY_P95_TARGET_S} s`);
  } finally {
    await w.h.close();
  }
}

// ---- 2. Polling only, on the simulator clock ----
if (PARTS.has('2')) {
  const w = await startOrdersWorld({ notifications: false, skus: 20, quantity: 1000, pendingSeconds: PENDING_S });
  try {
    const sim = w.h.sim;
    const to = (ms: number) => {
      const d = ms - sim.clock.nowMs();
      if (d > 0) sim.advance(d / 1000);
    };
    const start = sim.clock.nowMs();
    // Purchase times spread over simulated time (as many per poll interval as the real-time part's gap gives).
    const buyAt: number[] = [];
    for (let i = 0, t = start + 1000; i < SAMPLES; i++, t += GAP_S * 1000 * (0.5 + Math.random()) * 3) buyAt.push(t);
    let nextPoll = start;
    const placed: Purchase[] = [];
    const orderAt = new Map<string, number>();
    let polls = 0;
    const before = w.calls();
    while (placed.length < SAMPLES || orderAt.size < SAMPLES) {
      const nextBuy = buyAt[placed.length] ?? Infinity;
      if (nextBuy <= nextPoll) {
        to(nextBuy);
        placed.push(await w.buy());
        continue;
      }
      to(nextPoll);
      const r = await w.h.app.jobs.runNow(POLL_JOB);
      if (!r.ran) throw new Error(`the poll job did not run: ${JSON.stringify(r)}`);
      polls += 1;
      const now = sim.clock.nowMs();
      for (const id of await w.withOrder(placed.map((p) => p.amazonOrderId).filter((id) => !orderAt.has(id)))) orderAt.set(id, now);
      nextPoll += POLL_EVERY_MS;
      if (now - start > 3 * 3600_000) throw new Error('polling did not import every order in 3 simulated hours');
    }
    const toOrder = stats(placed.map((p) => orderAt.get(p.amazonOrderId)! - p.paidAt));
    const lag = w.h.app.config.AMAZON_ORDERS_LAG_SECONDS;
    console.log(
      `2. polling only (AMAZON_NOTIFICATIONS=off), SIMULATED seconds: ${SAMPLES} purchases over ${secs(buyAt.at(-1)! - start)} simulated,`,
    );
    console.log(`   the poll job every ${POLL_EVERY_MS / 1000} s on the simulator clock (${polls} runs); channel's lag setting ${lag} s`);
    console.log(`   payment (Unshipped) → sales order: ${toOrder.text}`);
    console.log(
      `   bound: interval ${POLL_EVERY_MS / 1000} s + lag ${lag} s + 10 s = ${POLL_EVERY_MS / 1000 + lag + 10} s (interval + 10 s alone: ${POLL_EVERY_MS / 1000 + 10} s, not reachable: Amazon hides an order from searchOrders for ${AMAZON_LAG_S} s)`,
    );
    console.log(`   SP-API: ${callsText(orderCalls(before, w.calls()))}`);
    if (toOrder.max > (POLL_EVERY_MS / 1000 + lag + 10) * 1000) failures.push(`polling: max ${secs(toOrder.max)} over the bound`);
  } finally {
    await w.h.close();
  }
}

// ---- 3. Many orders at once ----
if (PARTS.has('3')) {
  const w = await startOrdersWorld({ notifications: true, skus: 100, quantity: Math.ceil(BULK / 100) + 20, pendingSeconds: PENDING_S });
  try {
    const before = w.calls();
    const offset = w.h.sim.clock.nowMs() - Date.now();
    w.h.app.jobs.start();
    const t0 = performance.now();
    const placed: Purchase[] = [];
    for (let i = 0; i < BULK; i += 10) placed.push(...(await Promise.all(Array.from({ length: Math.min(10, BULK - i) }, () => w.buy()))));
    const placeMs = performance.now() - t0;
    const ids = placed.map((p) => p.amazonOrderId);
    console.log(
      `3. ${BULK} orders placed at once (control plane, ${secs(placeMs)}); Pending ${PENDING_S} s; real time, budget ${values.budget} min`,
    );
    let imported = new Set<string>();
    let lastReport = performance.now();
    while (imported.size < BULK && performance.now() - t0 < BUDGET_MS) {
      await sleep(1000);
      imported = await w.withOrder(ids);
      if (performance.now() - lastReport >= 60_000) {
        lastReport = performance.now();
        console.log(`   ${secs(lastReport - t0)}: ${imported.size} imported; ${callsText(orderCalls(before, w.calls()))}`);
      }
    }
    const wallMs = performance.now() - t0;
    w.h.app.jobs.stop();
    const used = orderCalls(before, w.calls());
    const total = Object.values(used).reduce((a, n) => a + n, 0);
    const least = minimumImportSeconds(BULK, AMAZON_LAG_S);
    const pagesOnly = Math.ceil(BULK / SEARCH_ORDERS.pageSize);
    const pagesOnlyS = AMAZON_LAG_S + Math.max(0, pagesOnly - SEARCH_ORDERS.burst) / SEARCH_ORDERS.rate;
    const drift = w.h.sim.clock.nowMs() - Date.now() - offset;
    if (imported.size === BULK) console.log(`   all ${BULK} imported in ${secs(wallMs)} (wall time from the first purchase)`);
    else console.log(`   NOT FINISHED: ${imported.size} of ${BULK} imported at the budget of ${secs(wallMs)}`);
    console.log(`   simulator clock advanced by ${secs(drift)} during the run (rate limits ran on real time)`);
    console.log(`   SP-API order calls used: ${total} (${callsText(used)})`);
    console.log(
      `   minimum calls: ${pagesOnly} searchOrders pages (${SEARCH_ORDERS.pageSize} a page), which take ≥ ${secs(pagesOnlyS * 1000)} at ${SEARCH_ORDERS.rate}/s burst ${SEARCH_ORDERS.burst} after Amazon's ${AMAZON_LAG_S} s lag`,
    );
    console.log(
      `   least time with both buckets used to the full (getOrder ${GET_ORDER.rate}/s burst ${GET_ORDER.burst} from payment, searchOrders after the lag): ≥ ${secs(least.seconds * 1000)} (${least.pages} pages + ${least.getOrders} getOrder = ${least.pages + least.getOrders} calls)`,
    );
    const db = w.h.db.knex;
    const dup = await db('sales_order_amazon')
      .select('amazon_order_id')
      .count({ n: '*' })
      .groupBy('amazon_order_id')
      .havingRaw('count(*) > 1');
    const states = (await db('amazon_order_imports').select('state').count({ n: '*' }).groupBy('state')) as unknown as {
      state: string;
      n: number | string;
    }[];
    const status = await w.h.app.notifications.status();
    console.log(
      `   orders missing: ${BULK - imported.size}${imported.size < BULK ? ' (not imported by the budget)' : ''}; duplicated: ${dup.length}`,
    );
    console.log(
      `   import records: ${states.map((s) => `${s.state} ${s.n}`).join(', ')}; notifications handled ${status.counters.handled}, failed ${status.counters.failed}`,
    );
    if (dup.length) failures.push(`${dup.length} orders duplicated`);
    if (imported.size < BULK) failures.push(`${BULK - imported.size} orders not imported within the budget`);
  } finally {
    await w.h.close();
  }
}

if (failures.length) {
  console.log(`FAILED: ${failures.join('; ')}`);
  process.exit(1);
}
