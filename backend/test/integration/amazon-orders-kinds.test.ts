/**
 * Kinds of Amazon orders, replayed in Amazon's own Orders 2026-01-01 JSON through the simulator and imported as an
 * ORDER_CHANGE would: Amazon-fulfilled (imported shipped with no stock held, or skipped when switched off), an order
 * Amazon already shows shipped, a replacement linked to its original, a business order with its purchase order
 * number and tax registrations, and US marketplace-facilitator tax kept exactly as Amazon charged it. Both engines.
 */
import assert from 'node:assert/strict';
import { order2026, startOrdersHarness, type OrdersHarness } from './amazon-orders-harness';

describe('Amazon orders: kinds of orders', function () {
  this.timeout(120_000);
  let t: OrdersHarness;
  let seq = 0;
  /** A fresh Amazon order id and a time a second ago (after the import start date). */
  const next = () => ({ id: `113-7770000-${String(++seq).padStart(7, '0')}`, at: t.h.sim.clock.nowMs() - 1000 });
  const items = (orderId: number) => t.h.db.knex('sales_order_items').where({ order_id: orderId }).orderBy('id');

  before(async () => {
    t = await startOrdersHarness();
  });
  after(async () => t?.h.close());

  it('Amazon-fulfilled, switch on: imported shipped and complete, the catalog stock untouched', async () => {
    await t.settings({ importAmazonFulfilled: true });
    const { id, at } = next();
    const before = await t.salable('BOTTLE');
    await t.replay(order2026(id, at, 'SHIPPED', [{ sku: 'BOTTLE', quantity: 2, unitPrice: '19.99', shipped: 2 }], {}, 'AMAZON'));
    assert.equal((await t.notify(id)).action, 'created');
    const o = await t.order(id);
    assert.equal(o.state, 'complete');
    const [line] = await items(o.id);
    assert.equal(Number(line.qty_shipped), 2);
    assert.equal(await t.salable('BOTTLE'), before, "Amazon's warehouse held the stock: no reservation here");
    const link = await t.link(id);
    assert.equal(link.fulfillment_channel, 'AFN');
    assert.ok(o.customer_email.endsWith('@buyer.amazon.invalid'), 'Amazon shares no e-mail on FBA orders: a placeholder');
  });

  it('Amazon-fulfilled, switch off: skipped with the reason, no order', async () => {
    await t.settings({ importAmazonFulfilled: false });
    const { id, at } = next();
    await t.replay(order2026(id, at, 'SHIPPED', [{ sku: 'BOTTLE', quantity: 1, unitPrice: '19.99', shipped: 1 }], {}, 'AMAZON'));
    assert.equal((await t.notify(id)).action, 'skipped');
    assert.match((await t.record(id))!.reason, /Amazon-fulfilled orders are not imported/);
    assert.equal((await t.ordersOf(id)).length, 0);
  });

  it('merchant order Amazon already shows Shipped: comes in shipped, quantities shipped, nothing held', async () => {
    const { id, at } = next();
    const before = await t.salable('BOWL');
    await t.replay(order2026(id, at, 'SHIPPED', [{ sku: 'BOWL', quantity: 3, unitPrice: '9.50', shipped: 3 }]));
    assert.equal((await t.notify(id)).action, 'created');
    const o = await t.order(id);
    assert.equal(o.state, 'complete');
    assert.equal(Number((await items(o.id))[0].qty_shipped), 3);
    assert.equal(await t.salable('BOWL'), before, 'the reservation of a shipped order is given back at once');
  });

  it('a replacement order keeps its original: replaced_order_id, and the order page shows the original', async () => {
    const original = next();
    await t.replay(order2026(original.id, original.at, 'UNSHIPPED', [{ sku: 'BOTTLE', quantity: 1, unitPrice: '19.99' }]));
    await t.notify(original.id);
    const { id, at } = next();
    await t.replay(
      order2026(id, at, 'UNSHIPPED', [{ sku: 'BOTTLE', quantity: 1, unitPrice: '0.00' }], {
        associatedOrders: [{ orderId: original.id, associationType: 'REPLACEMENT_ORIGINAL_ID' }],
      }),
    );
    assert.equal((await t.notify(id)).action, 'created');
    const link = await t.link(id);
    assert.equal(link.replaced_order_id, original.id);
    assert.ok(link.is_replacement);
    const page = await t.ok<{ amazon: { replacedOrderId: string | null; isReplacement: boolean } }>(
      t.h.api({ method: 'GET', url: `/api/sales/orders/${link.order_id}` }),
    );
    assert.equal(page.amazon.replacedOrderId, original.id);
    assert.ok((await t.history(link.order_id)).some((c) => c.includes(`Replacement for Amazon order ${original.id}`)));
  });

  it('a business order keeps its purchase order number and the buyer tax registrations', async () => {
    const { id, at } = next();
    await t.replay(
      order2026(id, at, 'UNSHIPPED', [{ sku: 'BOTTLE', quantity: 1, unitPrice: '17.99', tax: '1.44' }], {
        programs: ['AMAZON_BUSINESS'],
        buyer: {
          buyerName: 'Pat Buyer',
          buyerEmail: 'pat@marketplace.amazon.com',
          buyerCompanyName: 'Acme Trails LLC',
          buyerPurchaseOrderNumber: 'PO-4471',
        },
        tax: {
          taxRegistrations: [
            { entityType: 'BUYER', taxRegistrationType: 'BUSINESS', taxRegistrationNumber: '12-3456789', legalName: 'Acme Trails LLC' },
            { entityType: 'MARKETPLACE', taxRegistrationType: 'BUSINESS', taxRegistrationNumber: '99-0000000' },
          ],
        },
      }),
    );
    assert.equal((await t.notify(id)).action, 'created');
    const link = await t.link(id);
    assert.ok(link.is_business);
    assert.equal(link.purchase_order_number, 'PO-4471');
    const registrations =
      typeof link.buyer_tax_registration === 'string' ? JSON.parse(link.buyer_tax_registration) : link.buyer_tax_registration;
    assert.deepEqual(registrations, [{ type: 'BUSINESS', value: '12-3456789', country: null }], "the buyer's only, not the marketplace's");
  });

  it("marketplace-facilitator tax: the order's tax is Amazon's item tax, totals consistent, and a history note says so", async () => {
    const { id, at } = next();
    await t.replay(
      order2026(id, at, 'UNSHIPPED', [
        { sku: 'BOTTLE', quantity: 2, unitPrice: '19.99', tax: '3.20' },
        { sku: 'BOWL', quantity: 1, unitPrice: '9.50', tax: '0.76' },
      ]),
    );
    assert.equal((await t.notify(id)).action, 'created');
    const o = await t.order(id);
    assert.equal(Number(o.tax_amount), 3.96, "Amazon's tax as charged, never recomputed");
    assert.equal(Number(o.subtotal), 49.48);
    assert.equal(Number(o.grand_total), 53.44, "equals Amazon's own order total");
    assert.ok((await t.history(o.id)).some((c) => /marketplace facilitator/.test(c)));
  });
});
