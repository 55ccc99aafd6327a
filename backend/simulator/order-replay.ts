/**
 * Orders in Amazon's own JSON shape turned into order state, so recorded real orders can be replayed
 * (control plane `POST /_simulator/orders`) and answered again by both Orders v0 and Orders 2026-01-01:
 * an Orders v0 `Order` (as getOrder answers it, with the `OrderItems` getOrderItems answers, optionally its
 * `ShippingAddress` and `BuyerInfo`), or an Orders 2026-01-01 `Order` (as getOrder answers it). What the state
 * does not model of a 2026 order is kept as recorded (`recorded2026`) and answered as it was.
 * A malformed order is refused with a message naming the field. The 2026 shape is read in order-replay-2026.ts.
 */
import type { AmazonFlag, OrderFlag, ScenarioOrderItem } from './scenario';
import type { OrderState, World } from './state';

type Json = Record<string, unknown>;

export class ReplayError extends Error {
  readonly status = 400;
}

const ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;
const V0_STATUSES = [
  'Pending',
  'Unshipped',
  'PartiallyShipped',
  'Shipped',
  'Canceled',
  'Unfulfillable',
  'InvoiceUnconfirmed',
  'PendingAvailability',
];
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
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const defined = <T extends Json>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Reads fields of one JSON object, naming the path of the first one that is missing or of the wrong type. */
export class Reader {
  constructor(
    readonly o: Json,
    readonly at: string,
  ) {}
  static of(v: unknown, at: string): Reader {
    if (!isObj(v)) throw new ReplayError(`${at} must be an object`);
    return new Reader(v, at);
  }
  str(k: string): string | undefined {
    const v = this.o[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw new ReplayError(`${this.at}.${k} must be a string`);
    return v;
  }
  need(k: string): string {
    const v = this.str(k);
    if (v === undefined) throw new ReplayError(`${this.at}.${k} is required`);
    return v;
  }
  time(k: string): number {
    const ms = Date.parse(this.need(k));
    if (Number.isNaN(ms)) throw new ReplayError(`${this.at}.${k} must be an ISO 8601 time`);
    return ms;
  }
  int(k: string): number | undefined {
    const v = this.o[k];
    if (v === undefined) return undefined;
    if (!Number.isInteger(v) || (v as number) < 0) throw new ReplayError(`${this.at}.${k} must be a whole number ≥ 0`);
    return v as number;
  }
  sub(k: string): Reader | undefined {
    return this.o[k] === undefined || this.o[k] === null ? undefined : Reader.of(this.o[k], `${this.at}.${k}`);
  }
  list(k: string): Reader[] {
    const v = this.o[k];
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw new ReplayError(`${this.at}.${k} must be an array`);
    return v.map((x, i) => Reader.of(x, `${this.at}.${k}[${i}]`));
  }
  amount(k: string): string | undefined {
    const m = this.sub(k);
    return m ? (m.str('Amount') ?? m.str('amount')) : undefined;
  }
}

export function checkCommon(world: World, id: string, marketplaceId: string, at: string) {
  if (!ORDER_ID.test(id)) throw new ReplayError(`${at}: order id '${id}' is not in Amazon's 3-7-7 format`);
  if (!world.marketplaces.has(marketplaceId)) throw new ReplayError(`${at}: marketplace ${marketplaceId} is not one of the local Amazon's`);
}

export const currencyOf = (world: World, marketplaceId: string) => world.marketplaces.get(marketplaceId)?.defaultCurrencyCode ?? 'USD';

/** An Orders v0 Order (+ its OrderItems, ShippingAddress, BuyerInfo) as order state. */
export function orderFromV0(world: World, order: unknown, orderItems?: unknown): OrderState {
  const r = Reader.of(order, 'order');
  const id = r.need('AmazonOrderId');
  const marketplaceId = r.need('MarketplaceId');
  checkCommon(world, id, marketplaceId, 'order');
  const status = r.need('OrderStatus');
  if (!V0_STATUSES.includes(status)) throw new ReplayError(`order.OrderStatus '${status}' is not one of ${V0_STATUSES.join(', ')}`);
  const channel = r.str('FulfillmentChannel') ?? 'MFN';
  if (channel !== 'MFN' && channel !== 'AFN') throw new ReplayError(`order.FulfillmentChannel must be MFN or AFN`);
  const itemsAt = orderItems !== undefined ? 'orderItems' : 'order.OrderItems';
  const rawItems = orderItems ?? r.o.OrderItems;
  if (!Array.isArray(rawItems) || rawItems.length === 0)
    throw new ReplayError(`${itemsAt} must list the order's items (getOrderItems' OrderItems)`);
  const shipped: { orderItemId: string; quantity: number }[] = [];
  const items = rawItems.map((raw, n): ScenarioOrderItem => {
    const i = Reader.of(raw, `${itemsAt}[${n}]`);
    const orderItemId = i.need('OrderItemId');
    const wrap = i.sub('BuyerInfo')?.sub('GiftWrapPrice');
    const info = i.sub('BuyerInfo');
    const cancel = i.sub('BuyerRequestedCancel');
    const q = i.int('QuantityShipped') ?? 0;
    if (q > 0) shipped.push({ orderItemId, quantity: q });
    const promos = i.o.PromotionIds;
    return {
      orderItemId,
      sku: i.need('SellerSKU'),
      asin: i.need('ASIN'),
      title: i.str('Title') ?? '',
      // A canceled item reads QuantityOrdered 0; the units it had are not in the answer.
      quantity: i.int('QuantityOrdered') || 1,
      // Pending orders carry no prices yet.
      itemPrice: i.amount('ItemPrice') ?? '0.00',
      ...defined({
        itemTax: i.amount('ItemTax'),
        promotionDiscount: i.amount('PromotionDiscount'),
        conditionId: i.str('ConditionId'),
        isGift: i.o.IsGift as AmazonFlag | undefined,
        iossNumber: i.str('IossNumber'),
        deemedResellerCategory: i.str('DeemedResellerCategory') as 'IOSS' | 'UOSS' | undefined,
        storeChainStoreId: i.str('StoreChainStoreId'),
        promotionIds: Array.isArray(promos) ? promos.map(String) : undefined,
        buyerRequestedCancel:
          cancel && String(cancel.o.IsBuyerRequestedCancel) === 'true' ? { reason: cancel.str('BuyerCancelReason') ?? '' } : undefined,
        buyerCustomizedUrl: info?.sub('BuyerCustomizedInfo')?.str('CustomizedURL'),
        giftMessageText: info?.str('GiftMessageText') ?? i.str('GiftMessageText'),
        giftWrap: info?.str('GiftWrapLevel')
          ? { level: info.need('GiftWrapLevel'), ...defined({ price: wrap?.str('Amount') }) }
          : undefined,
      }),
    };
  });
  const a = r.sub('ShippingAddress');
  const b = r.sub('BuyerInfo');
  const ext = a?.sub('ExtendedFields');
  const flags = Object.fromEntries(FLAGS.filter((f) => r.o[f] !== undefined).map((f) => [f, r.o[f] as AmazonFlag]));
  const automated = r.sub('AutomatedShippingSettings');
  return {
    amazonOrderId: id,
    marketplaceId,
    purchaseDateMs: r.time('PurchaseDate'),
    lastUpdateDateMs: r.time('LastUpdateDate'),
    orderStatus: status,
    fulfillmentChannel: channel,
    currencyCode: r.sub('OrderTotal')?.str('CurrencyCode') ?? currencyOf(world, marketplaceId),
    buyer: {
      name: b?.str('BuyerName') ?? '',
      email: b?.str('BuyerEmail') ?? '',
      ...defined({ purchaseOrderNumber: b?.str('PurchaseOrderNumber') }),
    },
    shippingAddress: {
      name: a?.str('Name') ?? '',
      addressLine1: a?.str('AddressLine1') ?? '',
      city: a?.str('City') ?? '',
      postalCode: a?.str('PostalCode') ?? '',
      countryCode: a?.str('CountryCode') ?? world.marketplaces.get(marketplaceId)?.countryCode ?? '',
      ...defined({
        addressLine2: a?.str('AddressLine2'),
        addressLine3: a?.str('AddressLine3'),
        companyName: a?.str('CompanyName'),
        districtOrCounty: a?.str('County') ?? a?.str('District'),
        municipality: a?.str('Municipality'),
        stateOrRegion: a?.str('StateOrRegion'),
        phone: a?.str('Phone'),
        addressType: a?.str('AddressType') as 'Residential' | 'Commercial' | undefined,
        extendedFields: ext
          ? defined({
              streetName: ext.str('StreetName'),
              streetNumber: ext.str('StreetNumber'),
              complement: ext.str('Complement'),
              neighborhood: ext.str('Neighborhood'),
            })
          : undefined,
      }),
    },
    items,
    flags,
    // Units a partly shipped order already shipped (the answer gives counts, not packages).
    shipments:
      status === 'PartiallyShipped' && shipped.length
        ? [{ packageReferenceId: '', carrierCode: '', trackingNumber: '', shipDate: r.need('LastUpdateDate'), items: shipped }]
        : [],
    ...defined({
      sellerOrderId: r.str('SellerOrderId'),
      replacedOrderId: r.str('ReplacedOrderId'),
      shipServiceLevel: r.str('ShipServiceLevel'),
      shipmentServiceLevelCategory: r.str('ShipmentServiceLevelCategory'),
      orderType: r.str('OrderType'),
      paymentMethod: r.str('PaymentMethod'),
      paymentMethodDetails: Array.isArray(r.o.PaymentMethodDetails) ? r.o.PaymentMethodDetails.map(String) : undefined,
      paymentExecutionDetail: r.o.PaymentExecutionDetail as OrderState['paymentExecutionDetail'],
      earliestShipDate: r.str('EarliestShipDate'),
      latestShipDate: r.str('LatestShipDate'),
      earliestDeliveryDate: r.str('EarliestDeliveryDate'),
      latestDeliveryDate: r.str('LatestDeliveryDate'),
      defaultShipFromLocationAddress: r.o.DefaultShipFromLocationAddress as Record<string, string> | undefined,
      fulfillmentSupplySourceId: r.sub('FulfillmentInstruction')?.str('FulfillmentSupplySourceId'),
      hasAutomatedShippingSettings: automated?.o.HasAutomatedShippingSettings as boolean | undefined,
      easyShipShipmentStatus: r.str('EasyShipShipmentStatus'),
      electronicInvoiceStatus: r.str('ElectronicInvoiceStatus'),
    }),
  };
}
