/**
 * Orders v0: each case's seller holds the orders its answer shows — flags, dates, payment, ship-from address,
 * items, buyer, address, regulated information as written there — so the production handlers answer them from
 * state. Placeholders become real values: `TEST_CASE_200` the order's id, `CreatedAfter` a time before the
 * seeded orders. Generated, hence not compared: getOrders' upper bound (now − 2 minutes) and NextToken.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { encodePageToken } from '../../jobs';
import { modelsRoot } from '../../models';
import type { AmazonFlag, OrderFlag, ScenarioOrderItem, ScenarioRegulatedInfo } from '../../scenario';
import type { OrderState, World } from '../../state';
import { addSeller, CASE_SELLER } from '../seed';
import type { ApiPlans, CasePlan } from '../types';

type Json = Record<string, unknown>;
interface Money {
  CurrencyCode: string;
  Amount: string;
}
interface AnswerOrder extends Json {
  AmazonOrderId: string;
  PurchaseDate: string;
  LastUpdateDate: string;
  OrderStatus: string;
  FulfillmentChannel?: 'MFN' | 'AFN';
  MarketplaceId?: string;
  OrderTotal?: Money;
  NumberOfItemsShipped?: number;
  NumberOfItemsUnshipped?: number;
}

const US = 'ATVPDKIKX0DER';
const DAY = 86_400_000;
const FLAGS: OrderFlag[] = [
  'IsBusinessOrder',
  'IsPrime',
  'IsPremiumOrder',
  'IsGlobalExpressEnabled',
  'IsReplacementOrder',
  'IsSoldByAB',
  'IsIBA',
  'IsISPU',
  'IsAccessPointOrder',
  'HasRegulatedItems',
];
const CURRENCY: Record<string, string> = { ATVPDKIKX0DER: 'USD', A1PA6795UKMFR9: 'EUR' };
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** A bare order of the case seller; `patch` fills what the case shows. */
function order(id: string, patch: Partial<OrderState> = {}): OrderState {
  return {
    amazonOrderId: id,
    marketplaceId: US,
    purchaseDateMs: Date.parse('2024-01-01T00:00:00Z'),
    lastUpdateDateMs: Date.parse('2024-01-01T00:00:00Z'),
    orderStatus: 'Unshipped',
    fulfillmentChannel: 'MFN',
    currencyCode: 'USD',
    buyer: { name: 'Conformance Buyer', email: 'buyer@conformance.example' },
    shippingAddress: { name: 'Conformance Buyer', addressLine1: '1 Main St', city: 'Seattle', postalCode: '98101', countryCode: 'US' },
    items: [],
    shipments: [],
    ...patch,
  };
}

/** An order as a getOrders/getOrder answer shows it; its items are what the counts and the total imply. */
function orderFromAnswer(a: AnswerOrder): OrderState {
  const units = (a.NumberOfItemsShipped ?? 0) + (a.NumberOfItemsUnshipped ?? 0);
  const marketplaceId = a.MarketplaceId ?? US;
  const currencyCode = a.OrderTotal?.CurrencyCode ?? CURRENCY[marketplaceId] ?? 'USD';
  const items: ScenarioOrderItem[] = units
    ? [
        {
          orderItemId: a.AmazonOrderId.replace(/-/g, '').slice(3),
          sku: `SKU-${a.AmazonOrderId}`,
          asin: 'B0CONFORM1',
          title: 'Conformance item',
          quantity: units,
          itemPrice: a.OrderTotal?.Amount ?? '0.00',
        },
      ]
    : [];
  const flags = Object.fromEntries(FLAGS.filter((f) => a[f] !== undefined).map((f) => [f, a[f] as AmazonFlag]));
  const ship = a.DefaultShipFromLocationAddress as Record<string, string> | undefined;
  const automated = a.AutomatedShippingSettings as { HasAutomatedShippingSettings?: boolean } | undefined;
  return order(a.AmazonOrderId, {
    marketplaceId,
    currencyCode,
    purchaseDateMs: Date.parse(a.PurchaseDate),
    lastUpdateDateMs: Date.parse(a.LastUpdateDate),
    orderStatus: a.OrderStatus,
    fulfillmentChannel: a.FulfillmentChannel ?? 'MFN',
    items,
    flags,
    ...defined({
      shipServiceLevel: str(a.ShipServiceLevel),
      shipmentServiceLevelCategory: str(a.ShipmentServiceLevelCategory),
      orderType: str(a.OrderType),
      paymentMethod: str(a.PaymentMethod),
      paymentMethodDetails: a.PaymentMethodDetails as string[] | undefined,
      paymentExecutionDetail: a.PaymentExecutionDetail as OrderState['paymentExecutionDetail'],
      earliestShipDate: str(a.EarliestShipDate),
      latestShipDate: str(a.LatestShipDate),
      earliestDeliveryDate: str(a.EarliestDeliveryDate),
      latestDeliveryDate: str(a.LatestDeliveryDate),
      defaultShipFromLocationAddress: ship,
      fulfillmentSupplySourceId: (a.FulfillmentInstruction as { FulfillmentSupplySourceId?: string } | undefined)
        ?.FulfillmentSupplySourceId,
      hasAutomatedShippingSettings: automated?.HasAutomatedShippingSettings,
      easyShipShipmentStatus: str(a.EasyShipShipmentStatus),
      electronicInvoiceStatus: str(a.ElectronicInvoiceStatus),
    }),
  });
}

const defined = <T extends Json>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The case seller, selling where the orders were placed, holding them. */
function seedOrders(orders: OrderState[]) {
  return (w: World) => {
    const markets = [...new Set([US, ...orders.map((o) => o.marketplaceId)])];
    const seller = addSeller(w, CASE_SELLER, {
      participations: markets.map((marketplaceId) => ({ marketplaceId, isParticipating: true, hasSuspendedListings: false })),
    });
    for (const o of orders) seller.orders.set(o.amazonOrderId, o);
  };
}

const payloadOf = <T>(c: { response?: unknown }) => (c.response as { payload: T }).payload;
const iso = (ms: number) => new Date(ms).toISOString();
const regionOf = (marketplaceId: string) => (marketplaceId === US ? 'na' : 'eu');

/** The regulated information Amazon's own getOrderRegulatedInfo cases show, by order id (updateVerificationStatus acts on those orders). */
let regulated: Map<string, Json> | undefined;
function regulatedAnswers(): Map<string, Json> {
  if (regulated) return regulated;
  const model = JSON.parse(readFileSync(path.join(modelsRoot, 'models/orders-api-model/ordersV0.json'), 'utf8')) as {
    paths: Record<string, Record<string, { responses?: Record<string, { 'x-amzn-api-sandbox'?: { static?: { response?: unknown }[] } }> }>>;
  };
  const cases = model.paths['/orders/v0/orders/{orderId}/regulatedInfo']?.get?.responses?.['200']?.['x-amzn-api-sandbox']?.static ?? [];
  regulated = new Map(cases.map((c) => payloadOf<Json>(c)).map((p) => [String(p.AmazonOrderId), p]));
  return regulated;
}

function regulatedInfoFrom(p: Json): ScenarioRegulatedInfo {
  const v = p.RegulatedOrderVerificationStatus as Json;
  return {
    requiresDosageLabel: p.RequiresDosageLabel === true,
    fields: (p.RegulatedInformation as { Fields: ScenarioRegulatedInfo['fields'] }).Fields,
    status: v.Status as ScenarioRegulatedInfo['status'],
    requiresMerchantAction: v.RequiresMerchantAction === true,
    validRejectionReasons: v.ValidRejectionReasons as ScenarioRegulatedInfo['validRejectionReasons'],
    ...defined({
      validVerificationDetails: v.ValidVerificationDetails as ScenarioRegulatedInfo['validVerificationDetails'],
      validInterimStatusCodes: v.ValidInterimStatusCodes as ScenarioRegulatedInfo['validInterimStatusCodes'],
    }),
  };
}

/** A single-order read (getOrder, items, address, buyer info…): error cases are sent as listed (their ids are malformed). */
const oneOrder =
  (build: (c: { response?: unknown }) => { o: OrderState; plan?: CasePlan }) =>
  (c: { status: number; response?: unknown }): CasePlan => {
    if (c.status >= 400) return {};
    const { o, plan } = build(c);
    return { seed: seedOrders([o]), params: { orderId: o.amazonOrderId }, region: regionOf(o.marketplaceId), ...plan };
  };

const planners: ApiPlans['plans'] = {
  getOrders: (c) => {
    if (c.status >= 400) return {}; // CreatedAfter "TEST_CASE_400" is no ISO 8601 time: refused as Amazon does
    const shown = payloadOf<{ Orders: AnswerOrder[] }>(c).Orders.map(orderFromAnswer);
    const first = Math.min(...shown.map((o) => o.purchaseDateMs));
    const createdAfter = iso(first - DAY);
    const paged = c.request.parameters?.CreatedAfter?.value === 'TEST_CASE_200_NEXT_TOKEN';
    if (!paged) return { seed: seedOrders(shown), params: { CreatedAfter: createdAfter }, generated: ['payload.CreatedBefore'] };
    const last = Math.max(...shown.map((o) => o.purchaseDateMs));
    if (c.request.parameters?.NextToken === undefined) {
      // The first of two pages of one order each: a later order waits on page two.
      const later = order('902-0000000-0000002', { purchaseDateMs: last + 60_000, lastUpdateDateMs: last + 60_000 });
      return {
        seed: seedOrders([...shown, later]),
        params: { CreatedAfter: createdAfter, MaxResultsPerPage: 1 },
        generated: ['payload.NextToken', 'payload.CreatedBefore'],
      };
    }
    // The second page: the token the first page handed out (page one held an earlier order).
    const earlier = order('902-0000000-0000001', { purchaseDateMs: first - 60_000, lastUpdateDateMs: first - 60_000 });
    const filters = { CreatedAfter: iso(first - DAY), MarketplaceIds: [US], MaxResultsPerPage: 1, CreatedBefore: iso(last + DAY) };
    return {
      seed: seedOrders([earlier, ...shown]),
      params: { CreatedAfter: createdAfter, NextToken: encodePageToken(filters, 1) },
      generated: ['payload.CreatedBefore'],
    };
  },
  getOrder: oneOrder((c) => ({ o: orderFromAnswer(payloadOf<AnswerOrder>(c)) })),
  getOrderBuyerInfo: oneOrder((c) => {
    const p = payloadOf<{ AmazonOrderId: string; BuyerEmail: string; BuyerName: string }>(c);
    return { o: order(p.AmazonOrderId, { buyer: { name: p.BuyerName, email: p.BuyerEmail } }), plan: { token: 'rdt' } };
  }),
  getOrderAddress: oneOrder((c) => {
    const p = payloadOf<{ AmazonOrderId: string; ShippingAddress: Record<string, string> }>(c);
    const a = p.ShippingAddress;
    const shippingAddress: OrderState['shippingAddress'] = {
      name: a.Name ?? '',
      addressLine1: a.AddressLine1 ?? '',
      city: a.City ?? '',
      postalCode: a.PostalCode ?? '',
      countryCode: a.CountryCode ?? '',
      ...defined({ stateOrRegion: a.StateOrRegion, phone: a.Phone, addressType: a.AddressType as 'Commercial' | undefined }),
    };
    return { o: order(p.AmazonOrderId, { shippingAddress }), plan: { token: 'rdt' } };
  }),
  getOrderItems: oneOrder((c) => {
    const p = payloadOf<{ AmazonOrderId: string; OrderItems: Json[] }>(c);
    const items: ScenarioOrderItem[] = p.OrderItems.map((i) => ({
      orderItemId: String(i.OrderItemId),
      sku: String(i.SellerSKU),
      asin: String(i.ASIN),
      title: String(i.Title),
      quantity: Number(i.QuantityOrdered),
      itemPrice: (i.ItemPrice as Money).Amount,
      ...defined({
        itemTax: (i.ItemTax as Money | undefined)?.Amount,
        promotionDiscount: (i.PromotionDiscount as Money | undefined)?.Amount,
        conditionId: str(i.ConditionId),
        isGift: i.IsGift as AmazonFlag | undefined,
        iossNumber: str(i.IossNumber),
        deemedResellerCategory: i.DeemedResellerCategory as 'IOSS' | undefined,
        storeChainStoreId: str(i.StoreChainStoreId),
        buyerRequestedCancel: (i.BuyerRequestedCancel as { BuyerCancelReason?: string } | undefined)
          ? { reason: (i.BuyerRequestedCancel as { BuyerCancelReason: string }).BuyerCancelReason }
          : undefined,
      }),
    }));
    return { o: order(p.AmazonOrderId, { items }) };
  }),
  getOrderItemsBuyerInfo: oneOrder((c) => {
    const p = payloadOf<{ AmazonOrderId: string; OrderItems: Json[] }>(c);
    const items: ScenarioOrderItem[] = p.OrderItems.map((i) => {
      const wrap = i.GiftWrapPrice as Money | undefined;
      return {
        orderItemId: String(i.OrderItemId),
        sku: 'SKU-GIFT',
        asin: 'B0CONFORM1',
        title: 'Conformance item',
        quantity: 1,
        itemPrice: '1.00',
        ...defined({
          buyerCustomizedUrl: (i.BuyerCustomizedInfo as { CustomizedURL?: string } | undefined)?.CustomizedURL,
          giftMessageText: str(i.GiftMessageText),
          giftWrap: wrap ? { price: wrap.Amount, currencyCode: wrap.CurrencyCode, level: String(i.GiftWrapLevel) } : undefined,
        }),
      };
    });
    return { o: order(p.AmazonOrderId, { items }), plan: { token: 'rdt' } };
  }),
  getOrderRegulatedInfo: oneOrder((c) => {
    const p = payloadOf<Json>(c);
    return { o: order(String(p.AmazonOrderId), { regulatedInfo: regulatedInfoFrom(p) }) };
  }),
  updateVerificationStatus: (c, _op, index) => {
    const id = String(c.request.parameters?.orderId?.value);
    const p = regulatedAnswers().get(id);
    if (!p) return { cannot: `no getOrderRegulatedInfo case shows order ${id}` };
    // Upstream files this success sample (a Rejected update with a valid reason, a reviewer and the
    // approvedAlternativeDetails the order allows with Rejected) under 400 with an empty body: no rule in the
    // model or in Amazon's error cases refuses it, so a faithful handler answers 204.
    if (index === 6 && c.status === 400)
      return { cannot: 'upstream erratum: a valid Rejected update with approvedAlternativeDetails is filed under 400' };
    return { seed: seedOrders([order(id, { regulatedInfo: regulatedInfoFrom(p) })]) };
  },
  updateShipmentStatus: (c) => {
    // An in-store pickup order ready at the counter; the 400 case names a marketplace Amazon does not know.
    const o = order('902-0000000-0000003', { flags: { IsISPU: true } });
    const listed = (c.request.parameters?.body as { value?: unknown } | undefined)?.value;
    return {
      seed: seedOrders([o]),
      params: { orderId: o.amazonOrderId, body: listed ?? { marketplaceId: US, shipmentStatus: 'ReadyForPickup' } },
    };
  },
  confirmShipment: (c) => {
    const body = (c.request.parameters?.body as { value: { packageDetail: { orderItems: { orderItemId: string }[] } } }).value;
    const id = String(c.request.parameters?.orderId?.value);
    const items: ScenarioOrderItem[] = body.packageDetail.orderItems.map((i) => ({
      orderItemId: i.orderItemId,
      sku: 'SKU-SHIP',
      asin: 'B0CONFORM1',
      title: 'Conformance item',
      quantity: 1,
      itemPrice: '10.00',
    }));
    return { seed: seedOrders([order(id, { items })]) };
  },
};

export const ordersV0Plans: ApiPlans = {
  api: 'Orders v0',
  // A seeded case is sent with the token of the seller its orders were given to.
  plans: Object.fromEntries(
    Object.entries(planners).map(([id, plan]) => [
      id,
      (c, op, i) => {
        const p = plan(c, op, i);
        return p.seed ? { sellerId: CASE_SELLER, ...p } : p;
      },
    ]),
  ),
};
