/**
 * The pure mapping of an Amazon order (read from an Orders 2026-01-01 answer, as the import does) into the commerce
 * order: item prices, tax, shipping, gift wrap and discounts add up to exactly what Amazon charged, the grand total
 * keeps the sales core's rule, quantities are Amazon's, and the order's settings (numbering, shipping method) apply.
 */
import assert from 'node:assert/strict';
import { DEFAULT_ORDER_IMPORT_SETTINGS, type OrderImportSettings } from '../../../schema/amazon-orders';
import { readAmazonOrder } from '../spapi/index';
import type { Order2026 } from '../spapi/orders-2026';
import { totalsProblem } from '../sales/totals';
import { toNewOrder, type MappingContext } from './order-mapping';

const SETTINGS: OrderImportSettings = { ...DEFAULT_ORDER_IMPORT_SETTINGS, importOrders: true, customerMode: 'guest' };
const CTX: MappingContext = {
  storeId: 7,
  websiteId: 1,
  storeViewId: 1,
  country: 'US',
  currency: 'USD',
  marketplaceId: 'ATVPDKIKX0DER',
  skus: new Map([
    ['SELLER-BOTTLE', 'BOTTLE'],
    ['SELLER-BOWL', 'BOWL'],
  ]),
  customerId: null,
};
const usd = (amount: string) => ({ amount, currencyCode: 'USD' });
const detailed = (type: string, parts: Record<string, string>) => ({
  type,
  subtotal: usd(
    Object.values(parts)
      .reduce((a, v) => a + Number(v), 0)
      .toFixed(2),
  ),
  detailedBreakdowns: Object.entries(parts).map(([subtype, v]) => ({ subtype, value: usd(v) })),
});

/** Two items (2 × 19.99 with shipping, tax on both, a promotion on item and shipping, gift wrap; 1 × 9.50), one cancelled item. */
function answer(overrides: Partial<Order2026> = {}): Order2026 {
  return {
    orderId: '113-1234567-7654321',
    createdTime: '2026-11-20T09:00:00Z',
    lastUpdatedTime: '2026-11-20T09:30:00Z',
    salesChannel: { marketplaceId: 'ATVPDKIKX0DER' },
    buyer: { buyerName: 'Jordan Q. Rivers', buyerEmail: 'q8x2@marketplace.amazon.com' },
    recipient: {
      deliveryAddress: { name: 'Jordan Rivers', addressLine1: '742 Evergreen Terrace', city: 'Springfield', countryCode: 'US' },
    },
    // 39.98 + 9.50 items, 5.99 + 2.00 shipping, 1.50 gift wrap, 3.20 + 0.48 + 0.76 tax, −4.00 − 2.00 discounts.
    proceeds: { grandTotal: usd('57.41') },
    fulfillment: { fulfillmentStatus: 'UNSHIPPED', fulfilledBy: 'MERCHANT', fulfillmentServiceLevel: 'EXPEDITED' },
    orderItems: [
      {
        orderItemId: '1001',
        quantityOrdered: 2,
        product: { sellerSku: 'SELLER-BOTTLE', asin: 'B0SIM00001', title: 'Water Bottle', price: { unitPrice: usd('19.99') } },
        proceeds: {
          breakdowns: [
            { type: 'ITEM', subtotal: usd('39.98') },
            { type: 'SHIPPING', subtotal: usd('5.99') },
            { type: 'GIFT_WRAP', subtotal: usd('1.50') },
            detailed('TAX', { ITEM: '3.20', SHIPPING: '0.48' }),
            detailed('DISCOUNT', { ITEM: '-4.00', SHIPPING: '-2.00' }),
          ],
        },
        tax: { taxCollections: [{ model: 'MARKETPLACE_FACILITATOR', responsibleParty: 'Amazon Services, Inc.' }] },
      },
      {
        orderItemId: '1002',
        quantityOrdered: 1,
        product: { sellerSku: 'SELLER-BOWL', asin: 'B0SIM00017', title: 'Silicone Bowl', price: { unitPrice: usd('9.50') } },
        proceeds: {
          breakdowns: [
            { type: 'ITEM', subtotal: usd('9.50') },
            { type: 'SHIPPING', subtotal: usd('2.00') },
            detailed('TAX', { ITEM: '0.76' }),
          ],
        },
      },
      {
        // Cancelled by the buyer before payment: Amazon keeps it with nothing ordered and no proceeds.
        orderItemId: '1003',
        quantityOrdered: 0,
        product: { sellerSku: 'SELLER-BOWL', asin: 'B0SIM00017', title: 'Silicone Bowl' },
      },
    ],
    ...overrides,
  } as Order2026;
}

describe('amazon-orders: order mapping (AmazonOrder → NewOrder)', () => {
  it("totals equal Amazon's charges and keep the sales rule; items keep prices, tax, discounts and quantities", () => {
    const o = toNewOrder(readAmazonOrder(answer()), SETTINGS, CTX);
    assert.deepEqual(o.totals, {
      subtotal: 49.48,
      shippingAmount: 9.49,
      shippingTaxAmount: 0.48,
      taxAmount: 4.44,
      discountAmount: 6,
      grandTotal: 57.41,
    });
    assert.equal(totalsProblem(o.totals), null);
    assert.deepEqual(
      o.items.map((i) => [i.sku, i.qtyOrdered, i.price, i.rowTotal, i.taxAmount, i.discountAmount, i.externalItemId]),
      [
        ['BOTTLE', 2, 19.99, 39.98, 3.2, 4, '1001'],
        ['BOWL', 1, 9.5, 9.5, 0.76, 0, '1002'],
      ],
      'the cancelled line (nothing ordered) is left out; seller SKUs mapped to catalog SKUs',
    );
    assert.equal(o.orderCurrencyCode, 'USD');
    assert.equal(o.incrementId, '113-1234567-7654321');
    assert.equal(o.shippingMethod, 'amazon_expedited');
    assert.equal(o.reserveStock, true);
    assert.equal(o.customerEmail, 'q8x2@marketplace.amazon.com');
    assert.equal(o.customerFirstname, 'Jordan Q.');
    assert.equal(o.shippingAddress?.street[0], '742 Evergreen Terrace');
    assert.match(o.comment ?? '', /marketplace facilitator/);
    assert.doesNotMatch(o.comment ?? '', /Amazon's order total/, 'no difference to note');
  });

  it("a total Amazon computed otherwise is noted, the order's own total still keeps the rule", () => {
    const o = toNewOrder(readAmazonOrder(answer({ proceeds: { grandTotal: usd('53.73') } })), SETTINGS, CTX);
    assert.equal(o.totals.grandTotal, 57.41);
    assert.match(o.comment ?? '', /Amazon's order total 53\.73 USD/);
  });

  it('Amazon-fulfilled with the e-mail withheld: a placeholder e-mail, no stock held; sequence numbering with a prefix', () => {
    const a = answer({ fulfillment: { fulfillmentStatus: 'SHIPPED', fulfilledBy: 'AMAZON', fulfillmentServiceLevel: 'STANDARD' } });
    delete a.buyer!.buyerEmail;
    const o = toNewOrder(readAmazonOrder(a), { ...SETTINGS, numbering: 'sequence', numberPrefix: 'AZ-' }, CTX);
    assert.equal(o.customerEmail, '113-1234567-7654321@buyer.amazon.invalid');
    assert.equal(o.reserveStock, false);
    assert.equal(o.amazon?.fulfillmentChannel, 'AFN');
    assert.equal(o.incrementId, undefined);
    assert.equal(o.incrementPrefix, 'AZ-');
    assert.equal(o.shippingMethod, 'amazon_standard');
  });
});
