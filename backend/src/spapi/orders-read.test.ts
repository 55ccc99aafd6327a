/**
 * Orders v0 as real Amazon sends it, read right: an order and an item with every untidy form at once — string
 * flags, times without milliseconds, a Canceled order with its prices kept and QuantityOrdered 0, a buyer's
 * cancel request, the tax-collection block — and an upper bound as ISO, epoch seconds or nothing.
 */
import assert from 'node:assert/strict';
import { amazonTime, count, flag, readItem, readOrder } from './orders-read';
import type { Order, OrderItem } from './orders';

const canceledOrder: Order = {
  AmazonOrderId: '113-1234567-1234567',
  PurchaseDate: '2026-12-01T10:00:00Z',
  LastUpdateDate: '2026-12-02T08:30:05Z',
  OrderStatus: 'Canceled',
  FulfillmentChannel: 'MFN',
  OrderTotal: { CurrencyCode: 'USD', Amount: '27.05' },
  NumberOfItemsShipped: 0,
  NumberOfItemsUnshipped: 0,
  IsReplacementOrder: 'false',
  IsPrime: 'true',
  IsBusinessOrder: false,
  AutomatedShippingSettings: { HasAutomatedShippingSettings: false },
  EarliestDeliveryDate: '2026-12-05T08:00:00Z',
};
const canceledItem: OrderItem = {
  ASIN: 'B0SIM00001',
  SellerSKU: 'TM-BOTTLE-750',
  OrderItemId: '10000000000003',
  QuantityOrdered: 0,
  QuantityShipped: 0,
  ItemPrice: { CurrencyCode: 'USD', Amount: '24.99' },
  ItemTax: { CurrencyCode: 'USD', Amount: '2.06' },
  IsGift: 'false',
  TaxCollection: { Model: 'MarketplaceFacilitator', ResponsibleParty: 'Amazon Services, Inc.' },
  BuyerRequestedCancel: { IsBuyerRequestedCancel: 'true', BuyerCancelReason: 'Found cheaper somewhere else.' },
};

describe('spapi/orders-read: what Orders v0 really sends', () => {
  it('reads an order with string flags, second-precision times and a canceled total', () => {
    assert.deepEqual(readOrder(canceledOrder), {
      purchasedAt: new Date('2026-12-01T10:00:00.000Z'),
      lastUpdatedAt: new Date('2026-12-02T08:30:05.000Z'),
      canceled: true,
      isReplacement: false,
      isPrime: true,
      isBusiness: false,
      total: '27.05',
    });
  });

  it("reads a canceled item: 0 ordered, the price kept, the buyer's cancel request", () => {
    assert.deepEqual(readItem(canceledItem), {
      quantityOrdered: 0,
      quantityShipped: 0,
      price: '24.99',
      tax: '2.06',
      buyerRequestedCancel: true,
      cancelReason: 'Found cheaper somewhere else.',
    });
  });

  it('reads a Pending order without total or optional blocks', () => {
    const pending = readOrder({
      AmazonOrderId: '113-1',
      PurchaseDate: '2026-12-01T10:00:00.123Z',
      LastUpdateDate: 'x',
      OrderStatus: 'Pending',
    });
    assert.equal(pending.total, null);
    assert.equal(pending.purchasedAt?.toISOString(), '2026-12-01T10:00:00.123Z');
    assert.equal(pending.lastUpdatedAt, null, 'unreadable is null, never an Invalid Date');
    assert.equal(pending.isReplacement, false);
    assert.deepEqual(readItem({ ASIN: 'B', OrderItemId: '1', QuantityOrdered: '2' }).quantityOrdered, 2);
  });

  it('reads every form of the upper bound and of a flag', () => {
    assert.equal(amazonTime('1.569521782042E9')?.toISOString(), '2019-09-26T18:16:22.042Z');
    assert.equal(amazonTime('1569521782')?.toISOString(), '2019-09-26T18:16:22.000Z');
    assert.equal(amazonTime('2019-09-26T18:16:22Z')?.toISOString(), '2019-09-26T18:16:22.000Z');
    assert.equal(amazonTime('2019-09-26T11:16:22-07:00')?.toISOString(), '2019-09-26T18:16:22.000Z');
    assert.equal(amazonTime(undefined), null);
    assert.equal(amazonTime('yesterday'), null);
    assert.deepEqual(
      [flag(true), flag('true'), flag('TRUE'), flag(false), flag('false'), flag(undefined)],
      [true, true, true, false, false, false],
    );
    assert.deepEqual([count(3), count('3'), count(''), count(undefined), count(-1)], [3, 3, 0, 0, 0]);
  });
});
