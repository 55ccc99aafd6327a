/**
 * Orders v0 answers as real Amazon writes them, from an order's state: whole-second timestamps, the flags
 * in the form Amazon sends (IsReplacementOrder as the string "false"), Canceled orders that keep their prices
 * with QuantityOrdered 0, the tax-collection block of US items, automated-shipping and delivery-date blocks.
 * Blocks a seeded order sets (scenario-orders.ts) are answered as written; the rest get Amazon's everyday
 * values. Also the lookup every order operation shares (malformed id → 400, unknown or other region → 404).
 */
import type { AmazonFlag, OrderFlag, ScenarioOrderItem, ScenarioSettings } from '../scenario';
import type { OrderState, SellerState } from '../state';
import { ApiError, invalidInput, requireSeller, type ApiContext } from './types';

const DAY = 86_400_000;
const ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;

export const has = (ctx: ApiContext, element: string) => ctx.restricted?.dataElements.includes(element) ?? false;
const cents = (s: string | undefined) => Math.round(Number(s ?? 0) * 100);
const money = (currency: string, centsValue: number) => ({ CurrencyCode: currency, Amount: (centsValue / 100).toFixed(2) });

/** Amazon's order times are whole seconds (`2026-12-01T10:00:00Z`); a time stored with milliseconds keeps them, as a few real answers do. */
export function amazonTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return ms % 1000 === 0 ? iso.replace('.000Z', 'Z') : iso;
}

/** Epoch seconds the way Amazon's sandbox prints them: Java's Double.toString, e.g. `1.569521782042E9`. */
export function javaEpochSeconds(ms: number): string {
  const digits = String(Math.trunc(ms));
  const mantissa = `${digits[0]}.${digits.slice(1)}`.replace(/0+$/, '').replace(/\.$/, '.0');
  return `${mantissa}E${digits.length - 4}`;
}

/** getOrders' CreatedBefore/LastUpdatedBefore in the configured form; undefined = left out of the answer. */
export function upperBound(format: Required<ScenarioSettings>['ordersUpperBoundFormat'], ms: number): string | undefined {
  const f = format === 'varied' ? (['iso', 'epoch', 'absent'] as const)[Math.floor(ms / 1000) % 3] : format;
  return f === 'iso' ? amazonTime(ms) : f === 'epoch' ? javaEpochSeconds(ms) : undefined;
}

/** What real answers carry when nothing else is known; IsReplacementOrder comes as a string, whatever the model says. */
const FLAG_DEFAULTS: Record<OrderFlag, AmazonFlag> = {
  IsBusinessOrder: false,
  IsPrime: false,
  IsPremiumOrder: false,
  IsGlobalExpressEnabled: false,
  IsReplacementOrder: 'false',
  IsSoldByAB: false,
  IsIBA: false,
  IsISPU: false,
  IsAccessPointOrder: false,
  HasRegulatedItems: false,
};

export function shippedQuantity(o: OrderState, orderItemId: string): number {
  const confirmed = o.shipments.flatMap((s) => s.items ?? []).filter((i) => i.orderItemId === orderItemId);
  // Seeded Shipped orders have no shipment records: everything was shipped.
  if (confirmed.length === 0 && o.orderStatus === 'Shipped') return o.items.find((i) => i.orderItemId === orderItemId)?.quantity ?? 0;
  return confirmed.reduce((n, i) => n + i.quantity, 0);
}

export function address(o: OrderState, pii: boolean): Record<string, unknown> {
  const a = o.shippingAddress;
  return {
    ...(pii ? { Name: a.name, AddressLine1: a.addressLine1 } : {}),
    ...(pii && a.addressLine2 !== undefined ? { AddressLine2: a.addressLine2 } : {}),
    ...(pii && a.addressLine3 !== undefined ? { AddressLine3: a.addressLine3 } : {}),
    ...(a.companyName !== undefined ? { CompanyName: a.companyName } : {}),
    City: a.city,
    ...(a.districtOrCounty ? { County: a.districtOrCounty } : {}),
    ...(a.municipality ? { Municipality: a.municipality } : {}),
    ...(a.stateOrRegion ? { StateOrRegion: a.stateOrRegion } : {}),
    PostalCode: a.postalCode,
    CountryCode: a.countryCode,
    ...(pii && a.phone ? { Phone: a.phone } : {}),
    ...(a.addressType ? { AddressType: a.addressType } : {}),
  };
}

/** Amazon prices an order once payment is authorized; a Canceled order keeps the prices it had. */
const priced = (o: OrderState) => o.orderStatus !== 'Pending';
const canceled = (o: OrderState) => o.orderStatus === 'Canceled';
const country = (ctx: ApiContext, o: OrderState) => ctx.sim.world.marketplaces.get(o.marketplaceId)?.countryCode;

const lineCents = (i: ScenarioOrderItem) => cents(i.itemPrice) + cents(i.itemTax) - cents(i.promotionDiscount);

export function orderBody(ctx: ApiContext, o: OrderState): Record<string, unknown> {
  const market = ctx.sim.world.marketplaces.get(o.marketplaceId);
  const shipped = o.items.reduce((n, i) => n + shippedQuantity(o, i.orderItemId), 0);
  const ordered = canceled(o) ? shipped : o.items.reduce((n, i) => n + i.quantity, 0);
  const time = (stored: string | undefined, offsetMs: number) => stored ?? amazonTime(o.purchaseDateMs + offsetMs);
  return {
    AmazonOrderId: o.amazonOrderId,
    ...(o.sellerOrderId !== undefined ? { SellerOrderId: o.sellerOrderId } : {}),
    PurchaseDate: amazonTime(o.purchaseDateMs),
    LastUpdateDate: amazonTime(o.lastUpdateDateMs),
    OrderStatus: o.orderStatus,
    FulfillmentChannel: o.fulfillmentChannel,
    SalesChannel: market ? `Amazon.${market.domainName.replace(/^www\.amazon\./, '')}` : 'Amazon',
    ShipServiceLevel: o.shipServiceLevel ?? (market?.countryCode === 'US' ? 'Std US D2D Dom' : 'Std Dom'),
    ...(priced(o)
      ? {
          OrderTotal: money(
            o.currencyCode,
            o.items.reduce((n, i) => n + lineCents(i), 0),
          ),
        }
      : {}),
    NumberOfItemsShipped: shipped,
    NumberOfItemsUnshipped: ordered - shipped,
    PaymentMethod: o.paymentMethod ?? 'Other',
    PaymentMethodDetails: o.paymentMethodDetails ?? ['Standard'],
    ...(o.paymentExecutionDetail ? { PaymentExecutionDetail: o.paymentExecutionDetail } : {}),
    MarketplaceId: o.marketplaceId,
    ShipmentServiceLevelCategory: o.shipmentServiceLevelCategory ?? 'Standard',
    OrderType: o.orderType ?? 'StandardOrder',
    EarliestShipDate: time(o.earliestShipDate, DAY),
    LatestShipDate: time(o.latestShipDate, 3 * DAY),
    EarliestDeliveryDate: time(o.earliestDeliveryDate, 5 * DAY),
    LatestDeliveryDate: time(o.latestDeliveryDate, 8 * DAY),
    ...FLAG_DEFAULTS,
    HasRegulatedItems: o.regulatedInfo !== undefined,
    ...o.flags,
    ...(o.replacedOrderId ? { IsReplacementOrder: 'true', ReplacedOrderId: o.replacedOrderId } : {}),
    ...(o.defaultShipFromLocationAddress ? { DefaultShipFromLocationAddress: o.defaultShipFromLocationAddress } : {}),
    ...(o.fulfillmentSupplySourceId ? { FulfillmentInstruction: { FulfillmentSupplySourceId: o.fulfillmentSupplySourceId } } : {}),
    AutomatedShippingSettings: { HasAutomatedShippingSettings: o.hasAutomatedShippingSettings ?? false },
    ...(o.easyShipShipmentStatus ? { EasyShipShipmentStatus: o.easyShipShipmentStatus } : {}),
    ...(o.electronicInvoiceStatus ? { ElectronicInvoiceStatus: o.electronicInvoiceStatus } : {}),
    ShippingAddress: address(o, has(ctx, 'shippingAddress')),
    BuyerInfo: {
      ...(has(ctx, 'buyerInfo') ? { BuyerEmail: o.buyer.email, BuyerName: o.buyer.name } : {}),
      ...(o.buyer.purchaseOrderNumber !== undefined ? { PurchaseOrderNumber: o.buyer.purchaseOrderNumber } : {}),
    },
  };
}

export function itemBody(ctx: ApiContext, o: OrderState, i: ScenarioOrderItem): Record<string, unknown> {
  const c = o.currencyCode;
  return {
    ASIN: i.asin,
    SellerSKU: i.sku,
    OrderItemId: i.orderItemId,
    Title: i.title,
    // A canceled item reads 0 ordered but keeps its price (Amazon's own records of canceled orders).
    QuantityOrdered: canceled(o) ? 0 : i.quantity,
    QuantityShipped: shippedQuantity(o, i.orderItemId),
    ProductInfo: { NumberOfItems: '1' },
    ...(priced(o)
      ? {
          ItemPrice: money(c, cents(i.itemPrice)),
          ItemTax: money(c, cents(i.itemTax)),
          PromotionDiscount: money(c, cents(i.promotionDiscount)),
          PromotionDiscountTax: money(c, 0),
        }
      : {}),
    // US marketplaces: Amazon collects and remits sales tax as the marketplace facilitator.
    ...(country(ctx, o) === 'US' ? { TaxCollection: { Model: 'MarketplaceFacilitator', ResponsibleParty: 'Amazon Services, Inc.' } } : {}),
    IsGift: i.isGift ?? 'false',
    ConditionId: i.conditionId ?? 'New',
    ConditionSubtypeId: i.conditionId ?? 'New',
    IsTransparency: false,
    SerialNumberRequired: false,
    ...(i.iossNumber !== undefined ? { IossNumber: i.iossNumber } : {}),
    ...(i.deemedResellerCategory ? { DeemedResellerCategory: i.deemedResellerCategory } : {}),
    ...(i.storeChainStoreId ? { StoreChainStoreId: i.storeChainStoreId } : {}),
    ...(i.promotionIds ? { PromotionIds: i.promotionIds } : {}),
    ...(i.buyerRequestedCancel
      ? { BuyerRequestedCancel: { IsBuyerRequestedCancel: 'true', BuyerCancelReason: i.buyerRequestedCancel.reason } }
      : {}),
    ...(has(ctx, 'buyerInfo') ? { BuyerInfo: {} } : {}),
  };
}

export function findOrder(ctx: ApiContext): { seller: SellerState; order: OrderState } {
  const seller = requireSeller(ctx);
  const id = ctx.path.orderId ?? '';
  if (!ORDER_ID.test(id)) throw invalidInput(`Invalid orderId '${id}': expected the 3-7-7 format.`, id);
  const order = seller.orders.get(id);
  const m = order && ctx.sim.world.marketplaces.get(order.marketplaceId);
  // Orders of another region's marketplaces are not visible on this endpoint.
  if (!order || m?.region !== ctx.region) throw new ApiError(404, 'NotFound', `Order ${id} was not found.`, id);
  return { seller, order };
}
