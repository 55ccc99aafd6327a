/**
 * Orders 2026-01-01 answers read into `AmazonOrder`: the model's own sandbox answers (a Prime order with a gift, a
 * Turkish business order with tax registrations, a Brazilian Amazon Business order with a purchase order number), then
 * the untidy forms real answers take — times with milliseconds or an offset, amounts as numbers, counts as strings,
 * v0 status spellings, programs as one string, empty address lines, absent blocks, a replacement order, and a
 * cancelled order whose items keep their price with quantity 0.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Order2026 } from './orders-2026';
import { readAmazonOrder, readStatus, UnreadableOrderError } from './orders-2026-read';

interface SandboxCase {
  request: { parameters: Record<string, { value: unknown }> };
  response: { order?: Order2026; orders?: Order2026[] };
}
const model = JSON.parse(
  readFileSync(new URL('../../../fixtures/amazon-models/models/orders-api-model/orders_2026-01-01.json', import.meta.url), 'utf8'),
) as { paths: Record<string, { get: { responses: Record<string, { 'x-amzn-api-sandbox'?: { static?: SandboxCase[] } }> } }> };
const cases = (path: string) => model.paths[path]?.get.responses['200']?.['x-amzn-api-sandbox']?.static ?? [];
const sandboxOrder = (orderId: string): Order2026 => {
  const found = cases('/orders/2026-01-01/orders/{orderId}').find((c) => c.response.order?.orderId === orderId)?.response.order;
  if (!found) throw new Error(`no sandbox order ${orderId}`);
  return structuredClone(found);
};
const searchedOrders = () => cases('/orders/2026-01-01/orders').flatMap((c) => c.response.orders ?? []);

describe('Orders 2026-01-01 reader', () => {
  it('reads the sandbox Prime order: buyer, address without empty lines, windows, gift item, promotion', () => {
    const o = readAmazonOrder(sandboxOrder('171-9876543-2109876'));
    assert.equal(o.orderId, '171-9876543-2109876');
    assert.equal(o.sellerOrderId, 'BR-CONSUMER-ORDER-2024-003');
    assert.equal(o.marketplaceId, 'A2Q3Y263D00KWC');
    assert.equal(o.status, 'UNSHIPPED');
    assert.equal(o.fulfilledBy, 'MERCHANT');
    assert.equal(o.createdAt, '2024-12-24T20:30:00.000Z');
    assert.equal(o.latestShipDate, '2024-12-27T23:59:59.000Z');
    assert.equal(o.buyerEmail, 'buyer-email@marketplace.amazon.com.br');
    assert.equal(o.buyerName, 'Maria Silva Santos');
    assert.deepEqual(o.shippingAddress?.lines, ['Rua das Flores, 123', 'Apartamento 45']);
    assert.equal(o.shippingAddress?.district, null, 'an empty string is no value');
    assert.equal(o.shippingAddress?.type, 'RESIDENTIAL');
    assert.deepEqual([o.isPrime, o.isBusiness, o.isReplacement], [true, false, false]);
    assert.deepEqual([o.currency, o.grandTotal], ['BRL', '299.90']);
    const [item] = o.items;
    assert.deepEqual(
      {
        sku: item?.sku,
        asin: item?.asin,
        qty: [item?.quantityOrdered, item?.quantityShipped, item?.quantityCanceled],
        unit: item?.unitPrice,
        subtotal: item?.itemSubtotal,
        promotions: item?.promotionIds,
      },
      {
        sku: 'ECHO-DOT-4-BR-PRETO',
        asin: 'B08N5WRWNW',
        qty: [1, 0, 0],
        unit: '299.90',
        subtotal: '299.90',
        promotions: ['BR-NATAL-2024'],
      },
    );
  });

  it('reads tax registrations, marketplace-facilitator tax and a shipped business order', () => {
    const tr = readAmazonOrder(sandboxOrder('028-1234567-8901234'));
    assert.equal(tr.status, 'SHIPPED');
    assert.deepEqual(tr.taxRegistrations, [
      {
        entity: 'BUYER',
        type: 'BUSINESS',
        number: 'TR1234567890',
        legalName: 'Test company name',
        attributes: { TAX_OFFICE: 'tax office' },
      },
    ]);
    assert.deepEqual([tr.items[0]?.quantityOrdered, tr.items[0]?.quantityShipped], [2, 2]);
    assert.equal(tr.items[0]?.taxCollectionModel, 'MARKETPLACE_FACILITATOR');

    const br = readAmazonOrder(searchedOrders().find((o) => o.orderId === '171-2345678-9012345') as Order2026);
    assert.deepEqual([br.isBusiness, br.purchaseOrderNumber, br.buyerCompany], [true, 'PO-BR-2024-5678', 'Oliveira Tecnologia Ltda']);
    assert.equal(br.items[0]?.businessPrice, true);
    assert.equal(br.taxRegistrations.length, 3);

    const us = readAmazonOrder(sandboxOrder('114-9876543-1234567'));
    assert.deepEqual([us.items[0]?.itemSubtotal, us.items[0]?.itemTax], ['39.99', '10.00'], 'TAX without details is the item tax');
    assert.equal(us.buyerEmail, null, 'no BUYER block');
  });

  it('reads every sandbox order of searchOrders without losing an item', () => {
    const all = searchedOrders().map(readAmazonOrder);
    assert.equal(all.length, 3);
    assert.deepEqual(
      all.map((o) => o.items.map((i) => [i.sku, i.quantityOrdered])),
      [
        [
          ['ECHO-DOT-4-JP-CHARCOAL', 1],
          ['FIRE-TV-4K-MAX-JP', 2],
        ],
        [['ECHO-DOT-4-UK-CHARCOAL-SINGLE', 1]],
        [['DELL-I15-BR-001', 1]],
      ],
    );
    assert.equal(all[0]?.fulfilledBy, 'AMAZON');
  });

  it('reads untidy forms: ms and offsets, numbers as strings and strings as numbers, v0 statuses, absent blocks', () => {
    const o = readAmazonOrder({
      orderId: ' 113-0000000-0000001 ',
      createdTime: '2026-12-01T10:00:00.123Z',
      lastUpdatedTime: '2026-12-01T12:00:00+02:00',
      programs: 'PRIME, PREMIUM' as unknown as string[],
      salesChannel: { channelName: 'AMAZON', marketplaceId: 'ATVPDKIKX0DER' },
      fulfillment: { fulfillmentStatus: 'PartiallyShipped' as never, fulfilledBy: 'merchant' as never },
      proceeds: { grandTotal: { amount: 27.5 as unknown as string, currencyCode: 'USD' } },
      recipient: { deliveryAddress: { addressLine1: '', addressLine2: '', city: '' } },
      orderItems: [
        {
          orderItemId: '1',
          quantityOrdered: '3' as unknown as number,
          product: { sellerSku: 'SKU-1', price: { unitPrice: { amount: '10.00', currencyCode: 'USD' } } },
          fulfillment: { quantityFulfilled: '1' as unknown as number, quantityUnfulfilled: 2 },
          proceeds: {
            breakdowns: [
              { type: 'ITEM', subtotal: { amount: '30.00', currencyCode: 'USD' } },
              { type: 'SHIPPING', subtotal: { amount: '4.99', currencyCode: 'USD' } },
              {
                type: 'TAX',
                subtotal: { amount: '2.90', currencyCode: 'USD' },
                detailedBreakdowns: [
                  { subtype: 'ITEM', value: { amount: '2.40', currencyCode: 'USD' } },
                  { subtype: 'SHIPPING', value: { amount: '0.50', currencyCode: 'USD' } },
                ],
              },
              {
                type: 'DISCOUNT',
                subtotal: { amount: '-6.00', currencyCode: 'USD' },
                detailedBreakdowns: [
                  { subtype: 'ITEM', value: { amount: '-5.00', currencyCode: 'USD' } },
                  { subtype: 'SHIPPING', value: { amount: '-1.00', currencyCode: 'USD' } },
                ],
              },
            ],
          },
        },
        { orderItemId: '2', quantityOrdered: 1, product: {} },
      ],
    });
    assert.equal(o.orderId, '113-0000000-0000001');
    assert.equal(o.createdAt, '2026-12-01T10:00:00.123Z');
    assert.equal(o.updatedAt, '2026-12-01T10:00:00.000Z');
    assert.deepEqual(o.programs, ['PRIME', 'PREMIUM']);
    assert.deepEqual([o.isPrime, o.isPremium], [true, true]);
    assert.deepEqual([o.status, o.fulfilledBy], ['PARTIALLY_SHIPPED', 'MERCHANT']);
    assert.equal(o.grandTotal, '27.5');
    assert.equal(o.shippingAddress, null, 'an address of empty strings is none');
    assert.deepEqual([o.buyerEmail, o.latestShipDate, o.taxRegistrations], [null, null, []]);
    const [a, b] = o.items;
    assert.deepEqual(
      [a?.quantityOrdered, a?.quantityShipped, a?.itemTax, a?.shippingPrice, a?.shippingTax, a?.discount, a?.shippingDiscount],
      [3, 1, '2.40', '4.99', '0.50', '-5.00', '-1.00'],
    );
    assert.deepEqual([b?.sku, b?.unitPrice, b?.itemSubtotal, b?.currency], [null, null, null, null], 'absent product blocks');
  });

  it('a cancelled order keeps its prices with quantity 0: the quantity comes back from the kept price', () => {
    const o = readAmazonOrder({
      orderId: '113-0000000-0000002',
      createdTime: '2026-12-01T10:00:00Z',
      lastUpdatedTime: '2026-12-01T11:00:00Z',
      salesChannel: { channelName: 'AMAZON', marketplaceId: 'ATVPDKIKX0DER' },
      fulfillment: { fulfillmentStatus: 'Canceled' as never },
      associatedOrders: [{ orderId: '113-9999999-0000001', associationType: 'REPLACEMENT_ORIGINAL_ID' }],
      orderItems: [
        {
          orderItemId: '1',
          quantityOrdered: 0,
          product: { sellerSku: 'SKU-1', price: { unitPrice: { amount: '12.50', currencyCode: 'USD' } } },
          proceeds: { breakdowns: [{ type: 'ITEM', subtotal: { amount: '25.00', currencyCode: 'USD' } }] },
          cancellation: { cancellationRequest: { requester: 'BUYER', cancelReason: 'Changed my mind' } },
          fulfillment: { quantityFulfilled: 0, quantityUnfulfilled: 0 },
        },
        {
          orderItemId: '2',
          quantityOrdered: 0,
          product: { sellerSku: 'SKU-2', price: { unitPrice: { amount: '3.00', currencyCode: 'USD' } } },
          proceeds: { breakdowns: [{ type: 'ITEM', subtotal: { amount: '10.00', currencyCode: 'USD' } }] },
        },
      ],
    });
    assert.equal(o.status, 'CANCELLED');
    assert.deepEqual([o.isReplacement, o.replacedOrderId], [true, '113-9999999-0000001']);
    assert.deepEqual([o.items[0]?.quantityOrdered, o.items[0]?.quantityCanceled, o.items[0]?.unitPrice], [2, 2, '12.50']);
    assert.deepEqual([o.items[0]?.buyerRequestedCancel, o.items[0]?.cancelReason], [true, 'Changed my mind']);
    assert.deepEqual(
      [o.items[1]?.quantityOrdered, o.items[1]?.quantityCanceled],
      [0, 0],
      'not a whole number of units: unknown, not guessed',
    );
  });

  it('statuses in either spelling; an order without id or items is refused', () => {
    assert.deepEqual(['UNSHIPPED', 'Unshipped', 'PendingAvailability', 'Canceled', 'CANCELLED', 'nonsense', null].map(readStatus), [
      'UNSHIPPED',
      'UNSHIPPED',
      'PENDING_AVAILABILITY',
      'CANCELLED',
      'CANCELLED',
      null,
      null,
    ]);
    assert.throws(() => readAmazonOrder({ orderId: 'x' } as Order2026), UnreadableOrderError);
    assert.throws(() => readAmazonOrder({ orderItems: [] } as unknown as Order2026), UnreadableOrderError);
  });
});
