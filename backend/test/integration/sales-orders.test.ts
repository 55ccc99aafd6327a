/**
 * app.sales.orders as the order import will use it: creating orders (guest, customer matched by e-mail),
 * order numbers (prefix, explicit, concurrent), refusals returned (duplicate Amazon order, duplicate number,
 * totals), the lifecycle, and stock reservations placed and given back exactly once.
 */
import assert from 'node:assert/strict';
import { AppError } from '../../src/platform/errors';
import { startSalesHarness, type SalesHarness } from './sales-harness';

describe('sales orders: create, numbers, lifecycle, reservations', function () {
  this.timeout(60_000);
  let h: SalesHarness;
  before(async () => {
    h = await startSalesHarness();
  });
  after(async () => h.close());

  const created = async (input: Parameters<SalesHarness['create']>[0]) => {
    const r = await h.create(input);
    if (!r.ok) throw new Error(`refused: ${r.error} ${r.message}`);
    return r;
  };

  it('creates a guest order with items, addresses, totals, history and the next number', async () => {
    const r = await created(h.order({ comment: 'Placed on the web', author: 'checkout' }));
    assert.equal(r.incrementId, '000000001');
    const d = await h.app.sales.orders.detail(r.orderId);
    assert.equal(d.state, 'new');
    assert.equal(d.status, 'pending');
    assert.deepEqual(d.customer, { id: null, isGuest: true, email: 'guest@example.com', firstname: 'Gina', lastname: 'Guest' });
    assert.equal(d.baseCurrencyCode, 'USD', "the website's base currency");
    assert.deepEqual(d.totals, {
      subtotal: 20,
      taxAmount: 1.5,
      shippingAmount: 5,
      shippingTaxAmount: 0.5,
      discountAmount: 2,
      grandTotal: 24.5,
    });
    assert.deepEqual(d.baseTotals, d.totals);
    assert.equal(d.items.length, 1);
    assert.equal(d.items[0]!.productId, h.cat.products['BAG-1']);
    assert.equal(d.items[0]!.rowTotal, 20);
    assert.deepEqual(d.billingAddress?.street, ['1 Main St', 'Apt 2']);
    assert.equal(d.shipToName, 'Sam Shipper');
    assert.equal(d.totalQtyOrdered, 2);
    assert.deepEqual(
      d.history.map((e) => [e.status, e.comment, e.author]),
      [['pending', 'Placed on the web', 'checkout']],
    );
    assert.deepEqual(d.allowedEvents, ['pay', 'cancel', 'hold']);
    assert.equal(d.amazon, null);
  });

  it('matches customers by e-mail per website, whatever the case', async () => {
    const first = await h.inTrx((trx) =>
      h.app.sales.customers.findOrCreate(trx, h.cat.websites.base, { email: ' Buyer@Example.com', firstname: 'Bo', lastname: 'Buyer' }),
    );
    assert.equal(first.created, true);
    assert.equal(first.customer.email, 'buyer@example.com');
    const again = await h.inTrx((trx) => h.app.sales.customers.findOrCreate(trx, h.cat.websites.base, { email: 'buyer@example.COM' }));
    assert.deepEqual([again.created, again.customer.id], [false, first.customer.id]);
    const elsewhere = await h.inTrx((trx) => h.app.sales.customers.findOrCreate(trx, h.cat.websites.eu, { email: 'buyer@example.com' }));
    assert.equal(elsewhere.created, true, 'another website has its own customers');

    const r = await created(h.order({ customerId: first.customer.id, customerEmail: 'buyer@example.com' }));
    const d = await h.app.sales.orders.detail(r.orderId);
    assert.deepEqual([d.customer.id, d.customer.isGuest], [first.customer.id, false]);
    const wrong = await h.create(h.order({ customerId: elsewhere.customer.id }));
    assert.deepEqual([wrong.ok, !wrong.ok && wrong.error], [false, 'invalid_order']);
    assert.match(!wrong.ok ? wrong.message : '', /is not a customer of website base/);
  });

  it('numbers with the store view prefix, a caller prefix, or an explicit number (a duplicate is returned)', async () => {
    await h.app.sales.sequences.setPrefix(h.app.db, h.views.de, 'DE-');
    const de = await created(
      h.order({
        websiteId: h.cat.websites.eu,
        storeViewId: h.views.de,
        orderCurrencyCode: 'EUR',
        items: [{ sku: 'LAMP', name: 'Lamp', qtyOrdered: 1, price: 20 }],
      }),
    );
    assert.equal(de.incrementId, 'DE-000000001');
    const amz = await created(h.order({ incrementPrefix: 'AMZ-' }));
    assert.match(amz.incrementId, /^AMZ-0000000\d\d$/);
    const kept = await created(h.order({ incrementId: '111-2223334-5556667' }));
    assert.equal(kept.incrementId, '111-2223334-5556667');

    const orders = await h.db.knex('sales_orders').count({ n: '*' }).first();
    // In one transaction with other work: the refusal leaves that work alone.
    const outcome = await h.inTrx(async (trx) => {
      await h.app.sales.customers.findOrCreate(trx, h.cat.websites.base, { email: 'kept@example.com' });
      return h.app.sales.orders.create(trx, h.order({ incrementId: '111-2223334-5556667' }));
    });
    assert.deepEqual([outcome.ok, !outcome.ok && outcome.error], [false, 'duplicate_increment_id']);
    assert.deepEqual(await h.db.knex('sales_orders').count({ n: '*' }).first(), orders);
    assert.ok(await h.db.knex('customers').where({ email: 'kept@example.com' }).first(), 'the caller’s transaction went on');
  });

  it('gives parallel creates distinct, consecutive numbers', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => created(h.order())));
    const numbers = results.map((r) => Number(r.incrementId)).sort((a, b) => a - b);
    assert.equal(new Set(numbers).size, 6);
    assert.equal(numbers[5]! - numbers[0]!, 5, `consecutive: ${numbers.join(', ')}`);
  });

  it('imports an Amazon order exactly once per Amazon order id', async () => {
    const input = h.order({
      source: 'amazon',
      amazon: h.amazon('113-0000001-0000001', {
        isPrime: true,
        isBusiness: true,
        purchaseOrderNumber: 'PO-7',
        buyerTaxRegistration: [{ type: 'VAT', value: 'DE123', country: 'DE' }],
      }),
      state: 'processing',
    });
    const r = await created(input);
    assert.equal(await h.app.sales.orders.byAmazonOrderId('113-0000001-0000001'), r.orderId);
    const twice = await Promise.all([h.create(input), h.create(input)]);
    for (const again of twice) {
      assert.deepEqual([again.ok, !again.ok && again.error], [false, 'duplicate_amazon_order_id']);
    }
    assert.equal((await h.db.knex('sales_order_amazon').where({ amazon_order_id: '113-0000001-0000001' })).length, 1);

    const d = await h.app.sales.orders.detail(r.orderId);
    assert.equal(d.source, 'amazon');
    assert.equal(d.purchasedAt, '2026-12-01T09:00:00.000Z');
    assert.equal(d.amazon?.marketplaceCountry, 'US');
    assert.equal(d.amazon?.purchaseOrderNumber, 'PO-7');
    assert.deepEqual(d.amazon?.buyerTaxRegistration, [{ type: 'VAT', value: 'DE123', country: 'DE' }]);
    assert.match(
      d.amazon?.sellerCentralUrl ?? '',
      /^http:\/\/127\.0\.0\.1:\d+\/sellercentral\.amazon\.com\/orders-v3\/order\/113-0000001-0000001$/,
    );

    const replacement = await created(
      h.order({
        source: 'amazon',
        amazon: h.amazon('113-0000001-0000002', { isReplacement: true, replacedOrderId: '113-0000001-0000001' }),
      }),
    );
    const rd = await h.app.sales.orders.detail(replacement.orderId);
    assert.deepEqual(rd.amazon?.replacedOrder, { id: r.orderId, incrementId: r.incrementId });
  });

  it('returns a totals mismatch and bad input instead of failing, and writes nothing', async () => {
    const before = await h.db.knex('sales_orders').count({ n: '*' }).first();
    const mismatch = await h.create(
      h.order({ totals: { subtotal: 20, taxAmount: 1.5, shippingAmount: 5, shippingTaxAmount: 0, discountAmount: 0, grandTotal: 25 } }),
    );
    assert.deepEqual([mismatch.ok, !mismatch.ok && mismatch.error], [false, 'totals_mismatch']);
    assert.match(!mismatch.ok ? mismatch.message : '', /grand total 25 is not .* = 26.5/);
    const bad = await h.create(h.order({ items: [], customerEmail: 'x\u0000@example.com', orderCurrencyCode: 'usd' }));
    assert.deepEqual([bad.ok, !bad.ok && bad.error], [false, 'invalid_order']);
    assert.match(!bad.ok ? bad.message : '', /at least one item.*NUL|NUL.*at least one item/);
    const noStore = await h.create(h.order({ source: 'amazon', amazon: h.amazon('113-9', { storeId: 999 }) }));
    assert.match(!noStore.ok ? noStore.message : '', /Amazon store 999 does not exist/);
    assert.deepEqual(await h.db.knex('sales_orders').count({ n: '*' }).first(), before);
  });

  it('moves through the lifecycle and refuses illegal transitions with a clear error', async () => {
    const { orderId, incrementId } = await created(h.order({ reserveStock: false }));
    const move = (event: Parameters<SalesHarness['app']['sales']['orders']['transition']>[2], status?: string) =>
      h.inTrx((trx) => h.app.sales.orders.transition(trx, orderId, event, { author: 'test', ...(status ? { status } : {}) }));
    await assert.rejects(
      move('ship'),
      (err: AppError) =>
        err.code === 'CONFLICT' && err.message === `Order ${incrementId}: a new order cannot be shipped (only processing orders can)`,
    );
    assert.deepEqual(await move('pay'), { state: 'processing', status: 'processing' });
    assert.deepEqual(await move('hold'), { state: 'holded', status: 'holded' });
    await assert.rejects(move('cancel'), /a holded order cannot be canceled/);
    assert.deepEqual(await move('unhold'), { state: 'processing', status: 'processing' });
    assert.deepEqual(await move('ship', 'shipped_by_amazon'), { state: 'complete', status: 'shipped_by_amazon' });
    await assert.rejects(move('cancel'), /a complete order cannot be canceled/);
    assert.deepEqual(await move('refund'), { state: 'closed', status: 'closed' });
    const d = await h.app.sales.orders.detail(orderId);
    assert.equal(d.items[0]!.qtyShipped, 2);
    assert.deepEqual(
      d.history.map((e) => e.status),
      ['closed', 'shipped_by_amazon', 'processing', 'holded', 'processing', 'pending'],
    );
    assert.deepEqual(d.allowedEvents, []);
  });

  it('reserves salable quantity at placement and gives it back once on shipping', async () => {
    const start = await h.salable('BAG-1');
    const { orderId } = await created(
      h.order({
        items: [
          { sku: 'BAG-1', name: 'Bag', qtyOrdered: 2, price: 10 },
          { sku: 'NOT-IN-CATALOG', name: 'Gone', qtyOrdered: 1, price: 0 },
        ],
      }),
    );
    assert.equal(await h.salable('BAG-1'), start - 2);
    const retry = await h.inTrx((trx) => h.app.sales.orders.reserve(trx, orderId));
    assert.equal(retry.applied, false);
    assert.equal(await h.salable('BAG-1'), start - 2, 'a retry never reserves twice');

    await h.inTrx((trx) => h.app.sales.orders.transition(trx, orderId, 'pay'));
    await h.inTrx((trx) => h.app.sales.orders.transition(trx, orderId, 'ship'));
    assert.equal(await h.salable('BAG-1'), start);
    const again = await h.inTrx((trx) => h.app.sales.orders.releaseReservation(trx, orderId, 'shipped'));
    assert.equal(again.applied, false);
    const other = await h.inTrx((trx) => h.app.sales.orders.releaseReservation(trx, orderId, 'canceled'));
    assert.deepEqual([other.applied, other.lines], [true, []], 'nothing left to give back');
    assert.equal(await h.salable('BAG-1'), start);
    const changes = await h.db.knex('catalog_changes').where({ sku: 'BAG-1', kind: 'reservation' }).count({ n: '*' }).first();
    assert.ok(Number(changes?.n) >= 2, 'listings hear of each reservation through the change log');
  });

  it('gives back a partial shipment, then the rest on cancel, each once even when retried at the same time', async () => {
    const start = await h.salable('BAG-1');
    const { orderId } = await created(h.order({ state: 'processing', items: [{ sku: 'BAG-1', name: 'Bag', qtyOrdered: 5, price: 4 }] }));
    assert.equal(await h.salable('BAG-1'), start - 5);
    const partial = () =>
      h.inTrx((trx) => h.app.sales.orders.releaseReservation(trx, orderId, 'shipment:A1', [{ sku: 'BAG-1', quantity: 2 }]));
    const outcomes = await Promise.all([partial(), partial()]);
    assert.deepEqual(outcomes.map((o) => o.applied).sort(), [false, true]);
    assert.equal(await h.salable('BAG-1'), start - 3);
    await h.inTrx((trx) => h.app.sales.orders.transition(trx, orderId, 'cancel'));
    assert.equal(await h.salable('BAG-1'), start);
    const d = await h.app.sales.orders.detail(orderId);
    assert.equal(d.items[0]!.qtyCanceled, 5);
  });

  it('places no reservation when asked not to (Amazon-fulfilled orders)', async () => {
    const start = await h.salable('BAG-1');
    await created(
      h.order({ source: 'amazon', reserveStock: false, amazon: h.amazon('113-0000003-0000001', { fulfillmentChannel: 'AFN' }) }),
    );
    assert.equal(await h.salable('BAG-1'), start);
  });
});
