/**
 * app.sales.invoices: an invoice of a whole order and of part of it (numbers, totals, qty_invoiced, history,
 * the `pay` event), and the refusals — more than is left, nothing left, an item of another order, a canceled order.
 */
import assert from 'node:assert/strict';
import { startSalesHarness, type SalesHarness } from './sales-harness';

describe('sales invoices: create, totals, refusals', function () {
  this.timeout(60_000);
  let h: SalesHarness;
  before(async () => {
    h = await startSalesHarness();
  });
  after(async () => h.close());

  const orderOf = async (over: Parameters<SalesHarness['order']>[0] = {}) => {
    const r = await h.create(h.order(over));
    if (!r.ok) throw new Error(`refused: ${r.error} ${r.message}`);
    return r;
  };
  const invoice = (orderId: number, input: Parameters<SalesHarness['app']['sales']['invoices']['create']>[2] = { source: 'admin' }) =>
    h.inTrx((trx) => h.app.sales.invoices.create(trx, orderId, input));

  it('invoices a whole order: its totals, qty_invoiced, a history entry, and a pending order paid', async () => {
    const o = await orderOf();
    const r = await invoice(o.orderId, { source: 'admin', author: 'admin@example.com' });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.incrementId, '000000001', "the store view's own invoice sequence");
    const d = await h.app.sales.orders.detail(o.orderId);
    assert.equal(d.invoices.length, 1);
    const inv = d.invoices[0]!;
    assert.equal(inv.state, 'paid');
    assert.deepEqual(inv.totals, d.totals, 'the whole order billed');
    assert.deepEqual(inv.baseTotals, d.baseTotals);
    assert.equal(inv.source, 'admin');
    assert.equal(inv.author, 'admin@example.com');
    assert.deepEqual(
      inv.items.map((i) => [i.sku, i.qty, i.rowTotal]),
      [['BAG-1', 2, 20]],
    );
    assert.equal(d.items[0]!.qtyInvoiced, 2);
    assert.equal(d.state, 'processing', 'pay moved the new order');
    assert.ok(d.history.some((e) => e.comment === 'Invoiced 000000001: 24.50 USD.' && e.author === 'admin@example.com'));
    const again = await invoice(o.orderId);
    assert.equal(again.ok, false);
    assert.equal(!again.ok && again.error, 'nothing_to_invoice');
  });

  it('invoices part of an order, then the rest: the shipping on the first, the two adding up to the order', async () => {
    const o = await orderOf({
      items: [
        { sku: 'BAG-1', name: 'Travel Bag', qtyOrdered: 2, price: 5 },
        { sku: 'MUG', name: 'Mug', qtyOrdered: 1, price: 10 },
      ],
    });
    const d0 = await h.app.sales.orders.detail(o.orderId);
    const [bag1, bag2] = d0.items;
    const first = await invoice(o.orderId, { source: 'admin', lines: [{ orderItemId: bag1!.id, qty: 1 }] });
    assert.ok(first.ok, JSON.stringify(first));
    const d1 = await h.app.sales.orders.detail(o.orderId);
    const inv1 = d1.invoices[0]!;
    // 5 of the 20 subtotal: a quarter of the item tax (1) and of the discount (2); all of the shipping and its tax.
    assert.deepEqual(inv1.totals, {
      subtotal: 5,
      taxAmount: 0.75,
      shippingAmount: 5,
      shippingTaxAmount: 0.5,
      discountAmount: 0.5,
      grandTotal: 10.25,
    });
    assert.equal(d1.items[0]!.qtyInvoiced, 1);
    assert.equal(d1.items[1]!.qtyInvoiced, 0);
    assert.equal(d1.state, 'processing');

    const over = await invoice(o.orderId, { source: 'admin', lines: [{ orderItemId: bag1!.id, qty: 2 }] });
    assert.equal(!over.ok && over.error, 'over_invoiced', 'only 1 of BAG-1 is left');
    const foreign = await invoice(o.orderId, { source: 'admin', lines: [{ orderItemId: 999_999, qty: 1 }] });
    assert.equal(!foreign.ok && foreign.error, 'invalid_lines');
    const zero = await invoice(o.orderId, { source: 'admin', lines: [{ orderItemId: bag2!.id, qty: 0 }] });
    assert.equal(!zero.ok && zero.error, 'invalid_lines');
    assert.equal((await h.app.sales.orders.detail(o.orderId)).invoices.length, 1, 'a refusal writes nothing');

    const rest = await invoice(o.orderId);
    assert.ok(rest.ok);
    const d2 = await h.app.sales.orders.detail(o.orderId);
    assert.equal(d2.invoices.length, 2);
    assert.notEqual(d2.invoices[1]!.incrementId, d2.invoices[0]!.incrementId);
    assert.deepEqual(
      d2.invoices[1]!.items.map((i) => [i.sku, i.qty]),
      [
        ['BAG-1', 1],
        ['MUG', 1],
      ],
    );
    const sum = d2.invoices.reduce((s, i) => s + i.totals.grandTotal, 0);
    assert.equal(Math.round(sum * 10000) / 10000, d2.totals.grandTotal);
    assert.deepEqual(
      d2.items.map((i) => i.qtyInvoiced),
      [2, 1],
    );
  });

  it('refuses a canceled order, an unknown order; numbers carry the order prefix', async () => {
    const canceled = await orderOf();
    await h.inTrx((trx) => h.app.sales.orders.transition(trx, canceled.orderId, 'cancel'));
    const r = await invoice(canceled.orderId);
    assert.equal(!r.ok && r.error, 'not_invoiceable');
    const none = await invoice(999_999);
    assert.equal(!none.ok && none.error, 'not_found');
    const prefixed = await orderOf({ incrementPrefix: 'AMZ-' });
    assert.match(prefixed.incrementId, /^AMZ-\d{9}$/);
    const inv = await invoice(prefixed.orderId);
    assert.ok(inv.ok);
    assert.match(inv.incrementId, /^AMZ-\d{9}$/);
  });
});
