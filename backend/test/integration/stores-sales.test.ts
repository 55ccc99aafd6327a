/**
 * The store card's Amazon sales (issue 14): orders created through app.sales.orders.create with an Amazon block at
 * chosen purchase dates show in GET /api/stores/:id as 7-day, 30-day and lifetime figures (canceled left out, other
 * stores' and web orders too), the 30-day chart by UTC day and the 5 most recent orders; and the new-orders notice
 * raises one admin notification per store for any number of new orders, none when nothing arrived.
 */
import assert from 'node:assert/strict';
import { as } from '../helpers/app';
import { ORDER_ALERT_JOB } from '../../src/stores/order-alerts';
import { startSalesHarness, type SalesHarness } from './sales-harness';

const NOW = new Date('2026-12-20T12:00:00Z');

describe('store cards: Amazon sales figures and the new-orders notice', function () {
  this.timeout(60_000);
  let h: SalesHarness;
  let otherStore: number;
  let seq = 0;
  before(async () => {
    h = await startSalesHarness();
    h.app.clock.follow(() => NOW);
    const [id] = await h.db.knex('amazon_stores').insert({
      name: 'Amazon CA',
      email: 'ca@example.com',
      website_id: h.cat.websites.base,
      marketplace_id: 'A2EUQ1WTGCTBG2',
      status: 'active',
      authorization_state: 'not_connected',
      product_id_type: 'ean',
      product_id_attribute: 'ean',
      settings: '{}',
      created_at: '2026-12-01 10:00:00.000',
      updated_at: '2026-12-01 10:00:00.000',
    });
    otherStore = Number(id);
  });
  after(async () => h.close());

  /** An Amazon order of `qty` × 10 USD (+ 5 shipping) bought at `purchaseDate`. */
  async function amazonOrder(purchaseDate: string, qty = 1, storeId?: number): Promise<number> {
    seq += 1;
    const subtotal = qty * 10;
    const r = await h.create(
      h.order({
        source: 'amazon',
        purchasedAt: purchaseDate,
        totals: { subtotal, taxAmount: 0, shippingAmount: 5, shippingTaxAmount: 0, discountAmount: 0, grandTotal: subtotal + 5 },
        items: [{ sku: 'BAG-1', name: 'Travel Bag', qtyOrdered: qty, price: 10 }],
        amazon: h.amazon(`111-0000000-${String(seq).padStart(7, '0')}`, { purchaseDate, ...(storeId ? { storeId } : {}) }),
        reserveStock: false,
      }),
    );
    if (!r.ok) throw new Error(`refused: ${r.error} ${r.message}`);
    return r.orderId;
  }

  const card = async () => {
    const res = await as(h.app, h.adminCookie)({ method: 'GET', url: `/api/stores/${h.storeId}` });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };

  it('shows nothing sold, a 30-day chart of zeros and no recent orders before any order', async () => {
    const c = await card();
    assert.deepEqual(c.sales.lifetime, { orders: 0, units: 0, revenue: 0 });
    assert.equal(c.sales.timeZone, 'UTC');
    assert.equal(c.sales30d.series.length, 30);
    assert.equal(c.sales30d.series[0].date, '2026-11-21');
    assert.equal(c.sales30d.series[29].date, '2026-12-20');
    assert.deepEqual(c.recentOrders, []);
  });

  it('counts orders, units and revenue for 7 days, 30 days and lifetime; canceled and other orders left out', async () => {
    await amazonOrder('2026-12-20T01:00:00Z', 2); // today: 25
    await amazonOrder('2026-12-14T00:00:00Z', 1); // first of the 7 days: 15
    await amazonOrder('2026-12-13T23:59:59Z', 3); // 8 days ago, within 30: 35
    await amazonOrder('2026-11-21T00:00:00Z', 1); // first chart day: 15
    await amazonOrder('2026-11-20T23:59:59Z', 4); // before the window, lifetime only: 45
    const canceled = await amazonOrder('2026-12-19T10:00:00Z', 5);
    await h.inTrx((trx) => h.app.sales.orders.transition(trx, canceled, 'cancel', { author: 'test' }));
    await amazonOrder('2026-12-19T10:00:00Z', 7, otherStore); // another store
    const web = await h.create(h.order({ purchasedAt: '2026-12-19T10:00:00Z' })); // a web order: no Amazon store
    assert.ok(web.ok);

    const c = await card();
    assert.equal(c.sales.currency, 'USD');
    assert.deepEqual(c.sales.last7Days, { orders: 2, units: 3, revenue: 40 });
    assert.deepEqual(c.sales.last30Days, { orders: 4, units: 7, revenue: 90 });
    assert.deepEqual(c.sales.lifetime, { orders: 5, units: 11, revenue: 135 });
    assert.equal(c.sales30d.total, 90);
    assert.equal(c.sales30d.orders, 4);
    const day = (date: string) => c.sales30d.series.find((p: { date: string }) => p.date === date);
    assert.deepEqual(day('2026-12-20'), { date: '2026-12-20', amount: 25, orders: 1 });
    assert.deepEqual(day('2026-12-13'), { date: '2026-12-13', amount: 35, orders: 1 });
    assert.deepEqual(day('2026-11-21'), { date: '2026-11-21', amount: 15, orders: 1 });
    assert.deepEqual(day('2026-12-19'), { date: '2026-12-19', amount: 0, orders: 0 }, 'the canceled order is not a sale');

    const other = await as(h.app, h.adminCookie)({ method: 'GET', url: `/api/stores/${otherStore}` });
    assert.deepEqual(other.json().sales.lifetime, { orders: 1, units: 7, revenue: 75 });
    assert.equal(other.json().sales.currency, 'CAD');
  });

  it('lists the 5 most recent orders, newest first, with number, Amazon id, date, status and total', async () => {
    const c = await card();
    assert.equal(c.recentOrders.length, 5);
    assert.deepEqual(
      c.recentOrders.map((o: { purchasedAt: string }) => o.purchasedAt),
      [
        '2026-12-20T01:00:00.000Z',
        '2026-12-14T00:00:00.000Z',
        '2026-12-13T23:59:59.000Z',
        '2026-11-21T00:00:00.000Z',
        '2026-11-20T23:59:59.000Z',
      ],
    );
    const first = c.recentOrders[0];
    assert.equal(first.amazonOrderId, '111-0000000-0000001');
    assert.match(first.incrementId, /\d{9}$/);
    assert.equal(first.status, 'pending');
    assert.equal(first.grandTotal, 25);
    assert.equal(first.currency, 'USD');
    const detail = await h.app.sales.orders.detail(first.id);
    assert.equal(detail.incrementId, first.incrementId);
    // The list of cards carries the same figures.
    const list = await as(h.app, h.adminCookie)({ method: 'GET', url: '/api/stores' });
    const listed = list.json().find((s: { id: number }) => s.id === h.storeId);
    assert.deepEqual(listed.sales, c.sales);
  });

  const notices = () => h.db.knex('admin_notifications').where({ kind: 'amazon_new_orders' }).orderBy('id');

  it('raises one notice per store for every order that arrived (canceled ones arrived too), then none while nothing new', async () => {
    await h.app.jobs.runNow(ORDER_ALERT_JOB);
    const first = await notices();
    assert.equal(first.length, 2, 'one per store');
    const mine = first.find((n) => Number(n.store_id) === h.storeId);
    assert.equal(mine.title, '6 new Amazon orders on Amazon US');
    assert.equal(mine.severity, 'info');
    assert.equal(first.find((n) => Number(n.store_id) === otherStore).title, '1 new Amazon order on Amazon CA');

    await h.app.jobs.runNow(ORDER_ALERT_JOB);
    assert.equal((await notices()).length, 2, 'nothing new: no notice');
  });

  it('makes a burst of many orders one notice', async () => {
    for (let i = 0; i < 40; i += 1) await amazonOrder('2026-12-20T11:00:00Z');
    await h.app.jobs.runNow(ORDER_ALERT_JOB);
    const all = await notices();
    assert.equal(all.length, 3);
    assert.equal(all[2].title, '40 new Amazon orders on Amazon US');
    assert.equal(Number(all[2].store_id), h.storeId);
    await h.app.jobs.runNow(ORDER_ALERT_JOB);
    assert.equal((await notices()).length, 3);
  });
});
