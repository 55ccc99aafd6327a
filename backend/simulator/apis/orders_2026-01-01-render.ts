/**
 * Orders 2026-01-01 answers, built from the same order state Orders v0 answers (ordersV0-render.ts), so both
 * versions always tell the same story: status, quantities, prices, shipments. Untidy where real answers are:
 * whole-second times, a canceled item reads quantityOrdered 0 but keeps its price, no prices while Pending.
 * Blocks the state does not model come from the order's `recorded2026` (a replayed or seeded answer) and only
 * fill in what the state leaves out. Blocks belong to `includedData` datasets and are left out unless asked.
 *
 * Personal data: Amazon documents that Orders 2026-01-01 needs no restricted data token — the application's
 * restricted roles decide (the local application holds all of them) — with its own conditions: the buyer's
 * e-mail only for merchant-fulfilled orders that are paid (UNSHIPPED, PARTIALLY_SHIPPED, SHIPPED); names,
 * street lines, postal code, phone, gift messages and customization links not before payment.
 */
import type { ScenarioOrderItem } from '../scenario';
import type { OrderState } from '../state';
import { amazonTime, shippedQuantity } from './ordersV0-render';
import type { ApiContext } from './types';

type Json = Record<string, unknown>;
const DAY = 86_400_000;

export const DATASETS = [
  'BUYER',
  'RECIPIENT',
  'PROCEEDS',
  'EXPENSE',
  'PROMOTION',
  'CANCELLATION',
  'FULFILLMENT',
  'PACKAGES',
  'TAX',
  'PAYMENT',
  'FULFILLMENT_ORDERS',
] as const;
export type Dataset = (typeof DATASETS)[number];

/** The dataset each optional block belongs to (order level and item level). */
const ORDER_BLOCKS: Record<string, Dataset> = {
  buyer: 'BUYER',
  recipient: 'RECIPIENT',
  proceeds: 'PROCEEDS',
  fulfillment: 'FULFILLMENT',
  packages: 'PACKAGES',
  tax: 'TAX',
  payment: 'PAYMENT',
  fulfillmentOrders: 'FULFILLMENT_ORDERS',
};
const ITEM_BLOCKS: Record<string, Dataset> = {
  proceeds: 'PROCEEDS',
  expense: 'EXPENSE',
  promotion: 'PROMOTION',
  cancellation: 'CANCELLATION',
  fulfillment: 'FULFILLMENT',
  tax: 'TAX',
};

const STATUS: Record<string, string> = {
  PendingAvailability: 'PENDING_AVAILABILITY',
  Pending: 'PENDING',
  Unshipped: 'UNSHIPPED',
  PartiallyShipped: 'PARTIALLY_SHIPPED',
  Shipped: 'SHIPPED',
  InvoiceUnconfirmed: 'SHIPPED',
  Canceled: 'CANCELLED',
  Unfulfillable: 'UNFULFILLABLE',
};
/** The 2026 fulfillment status of an order whose state speaks v0's OrderStatus. */
export const fulfillmentStatus = (o: OrderState): string => STATUS[o.orderStatus] ?? 'PENDING';
/** v0's OrderStatus for a 2026 fulfillment status (replayed 2026 orders). */
export const orderStatusFor = (status: string): string | undefined => Object.entries(STATUS).find(([, v]) => v === status)?.[0];

const unpaid = (o: OrderState) => o.orderStatus === 'Pending' || o.orderStatus === 'PendingAvailability';
const canceled = (o: OrderState) => o.orderStatus === 'Canceled';
const isTrue = (v: unknown) => v === true || v === 'true';
/** `NextDay` → `NEXT_DAY`, `New` → `NEW`. */
export const upperSnake = (s: string) => s.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

/** Currencies without minor units print whole amounts (`"5980"` yen), the rest two decimals. */
const WHOLE = new Set(['JPY', 'KRW', 'CLP', 'ISK', 'HUF', 'TWD']);
const cents = (s: string | undefined) => Math.round(Number(s ?? 0) * 100);
const money = (currencyCode: string, c: number) => ({
  amount: WHOLE.has(currencyCode) ? String(Math.round(c / 100)) : (c / 100).toFixed(2),
  currencyCode,
});

function programs(o: OrderState, recorded: unknown): string[] | undefined {
  const f = o.flags ?? {};
  const own = [
    isTrue(f.IsBusinessOrder) && 'AMAZON_BUSINESS',
    o.easyShipShipmentStatus && 'AMAZON_EASY_SHIP',
    isTrue(f.IsIBA) && 'INVOICE_BY_AMAZON',
    isTrue(f.IsISPU) && 'IN_STORE_PICK_UP',
    isTrue(f.IsPremiumOrder) && 'PREMIUM',
    o.orderType === 'Preorder' && 'PREORDER',
    isTrue(f.IsPrime) && 'PRIME',
  ].filter((p): p is string => typeof p === 'string');
  const all = [...new Set([...(Array.isArray(recorded) ? (recorded as string[]) : []), ...own])];
  return all.length ? all : undefined;
}

function fulfillment(ctx: ApiContext, o: OrderState): Json {
  const t = (stored: string | undefined, offsetMs: number) => stored ?? amazonTime(o.purchaseDateMs + offsetMs);
  // An in-store pickup order is not shipped, so it has no ship-by or deliver-by promise.
  const pickup = isTrue(o.flags?.IsISPU);
  return {
    fulfillmentStatus: fulfillmentStatus(o),
    fulfilledBy: o.fulfillmentChannel === 'AFN' ? 'AMAZON' : 'MERCHANT',
    fulfillmentServiceLevel: upperSnake(o.shipmentServiceLevelCategory ?? 'Standard'),
    ...(pickup ? {} : { shipByWindow: { earliestDateTime: t(o.earliestShipDate, DAY), latestDateTime: t(o.latestShipDate, 3 * DAY) } }),
    // Amazon promises delivery dates on merchant-fulfilled orders only (as v0 documents EarliestDeliveryDate).
    ...(pickup || o.fulfillmentChannel === 'AFN'
      ? {}
      : { deliverByWindow: { earliestDateTime: t(o.earliestDeliveryDate, 5 * DAY), latestDateTime: t(o.latestDeliveryDate, 8 * DAY) } }),
  };
}

function deliveryAddress(o: OrderState): Json {
  const a = o.shippingAddress;
  return defined({
    name: a.name,
    companyName: a.companyName,
    addressLine1: a.addressLine1,
    addressLine2: a.addressLine2,
    addressLine3: a.addressLine3,
    city: a.city,
    districtOrCounty: a.districtOrCounty,
    stateOrRegion: a.stateOrRegion,
    municipality: a.municipality,
    postalCode: a.postalCode,
    countryCode: a.countryCode,
    phone: a.phone,
    extendedFields: a.extendedFields,
    addressType: a.addressType?.toUpperCase(),
  });
}

function item(ctx: ApiContext, o: OrderState, i: ScenarioOrderItem): Json {
  const c = o.currencyCode;
  const shipped = shippedQuantity(o, i.orderItemId);
  const line = cents(i.itemPrice);
  const tax = cents(i.itemTax);
  const discount = cents(i.promotionDiscount);
  const condition = upperSnake(i.conditionId ?? 'New');
  const us = ctx.sim.world.marketplaces.get(o.marketplaceId)?.countryCode === 'US';
  const requested = i.buyerRequestedCancel;
  return defined({
    orderItemId: i.orderItemId,
    // A canceled item reads 0 ordered but keeps its price, as v0 answers it.
    quantityOrdered: canceled(o) ? 0 : i.quantity,
    product: defined({
      asin: i.asin,
      title: i.title,
      sellerSku: i.sku,
      condition: { conditionType: condition, conditionSubtype: condition },
      price: unpaid(o) ? undefined : { unitPrice: money(c, Math.round(line / Math.max(1, i.quantity))) },
      customization: i.buyerCustomizedUrl ? { customizedUrl: i.buyerCustomizedUrl } : undefined,
    }),
    proceeds: unpaid(o)
      ? undefined
      : {
          proceedsTotal: money(c, line + tax - discount),
          breakdowns: [
            { type: 'ITEM', subtotal: money(c, line) },
            ...(tax ? [{ type: 'TAX', subtotal: money(c, tax) }] : []),
            ...(discount ? [{ type: 'DISCOUNT', subtotal: money(c, -discount) }] : []),
          ],
        },
    promotion: i.promotionIds?.length ? { breakdowns: i.promotionIds.map((promotionId) => ({ promotionId })) } : undefined,
    cancellation:
      requested || canceled(o)
        ? defined({
            cancellationRequest: requested ? { requester: 'BUYER', cancelReason: requested.reason } : undefined,
            cancellationExecution: canceled(o)
              ? defined({ cancelledBy: o.cancellation?.by ?? 'AMAZON', cancelReason: o.cancellation?.reason })
              : undefined,
          })
        : undefined,
    fulfillment: defined({
      quantityFulfilled: shipped,
      quantityUnfulfilled: canceled(o) ? 0 : Math.max(0, i.quantity - shipped),
      packing:
        i.giftMessageText !== undefined || i.giftWrap
          ? { giftOption: defined({ giftMessage: i.giftMessageText, giftWrapLevel: i.giftWrap?.level }) }
          : undefined,
    }),
    tax: emptyToUndefined(
      defined({
        taxCalculationBreakdowns: i.deemedResellerCategory ? [{ reportingScheme: i.deemedResellerCategory }] : undefined,
        // US marketplaces: Amazon collects and remits sales tax as the marketplace facilitator.
        taxCollections: us ? [{ model: 'MARKETPLACE_FACILITATOR', responsibleParty: 'Amazon Services, Inc.' }] : undefined,
      }),
    ),
  });
}

/** Shipments as packages; a recorded package of the same id fills in what the state lacks (status, ship-from…). */
function packages(o: OrderState, recorded: unknown): Json[] | undefined {
  // A shipment without a tracking number is a replayed order's shipped count, not a package.
  const shipped = o.shipments.filter((s) => s.trackingNumber);
  if (o.fulfillmentChannel !== 'MFN' || shipped.length === 0) return undefined;
  const before = new Map((Array.isArray(recorded) ? (recorded as Json[]) : []).map((p) => [p.packageReferenceId, p]));
  return shipped.map((s) => {
    const old = before.get(s.packageReferenceId) ?? { packageStatus: { status: 'SHIPPED' } };
    const oldItems = new Map((Array.isArray(old.packageItems) ? (old.packageItems as Json[]) : []).map((i) => [i.orderItemId, i]));
    const items = s.items ?? o.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity }));
    return overlay(old, {
      packageReferenceId: s.packageReferenceId,
      carrier: s.carrierCode,
      shipTime: s.shipDate,
      trackingNumber: s.trackingNumber,
      packageItems: items.map((i) => overlay(oldItems.get(i.orderItemId) ?? {}, { ...i })),
    });
  });
}

/** The order as Orders 2026-01-01 answers it, with the blocks of the `included` datasets. */
export function order2026(ctx: ApiContext, o: OrderState, included: ReadonlySet<string>): Json {
  const market = ctx.sim.world.marketplaces.get(o.marketplaceId);
  const recorded = o.recorded2026?.order ?? {};
  const computed: Json = defined({
    orderId: o.amazonOrderId,
    orderAliases: o.sellerOrderId !== undefined ? [{ aliasId: o.sellerOrderId, aliasType: 'SELLER_ORDER_ID' }] : undefined,
    createdTime: amazonTime(o.purchaseDateMs),
    lastUpdatedTime: amazonTime(o.lastUpdateDateMs),
    programs: programs(o, recorded.programs),
    associatedOrders: o.replacedOrderId ? [{ orderId: o.replacedOrderId, associationType: 'REPLACEMENT_ORIGINAL_ID' }] : undefined,
    salesChannel: {
      channelName: 'AMAZON',
      marketplaceId: o.marketplaceId,
      ...(market ? { marketplaceName: `Amazon.${market.domainName.replace(/^www\.amazon\./, '')}` } : {}),
    },
    buyer: defined({
      buyerName: o.buyer.name,
      buyerEmail: o.buyer.email,
      buyerCompanyName: o.buyer.companyName,
      buyerPurchaseOrderNumber: o.buyer.purchaseOrderNumber,
    }),
    recipient: { deliveryAddress: deliveryAddress(o) },
    proceeds: unpaid(o)
      ? undefined
      : {
          grandTotal: money(
            o.currencyCode,
            o.items.reduce((n, i) => n + cents(i.itemPrice) + cents(i.itemTax) - cents(i.promotionDiscount), 0),
          ),
        },
    payment: o.paymentExecutionDetail
      ? {
          paymentExecutions: o.paymentExecutionDetail.map((p) =>
            defined({
              paymentMethod: p.PaymentMethod,
              paymentAmount: { amount: p.Payment.Amount, currencyCode: p.Payment.CurrencyCode },
              acquirerId: p.AcquirerId,
              cardBrand: p.CardBrand,
              authorizationCode: p.AuthorizationCode,
            }),
          ),
        }
      : undefined,
    fulfillment: fulfillment(ctx, o),
    orderItems: o.items.map((i) => overlay(o.recorded2026?.items?.[i.orderItemId] ?? {}, item(ctx, o, i))),
    packages: packages(o, recorded.packages),
  });
  return redact(o, select(overlay(recorded, computed), included));
}

/** Keeps the blocks of the datasets asked for. */
function select(order: Json, included: ReadonlySet<string>): Json {
  const keep = (o: Json, blocks: Record<string, Dataset>) =>
    Object.fromEntries(Object.entries(o).filter(([k]) => !blocks[k] || included.has(blocks[k])));
  const out = keep(order, ORDER_BLOCKS);
  out.orderItems = (order.orderItems as Json[]).map((i) => keep(i, ITEM_BLOCKS));
  return out;
}

/** Personal data Amazon withholds (see the file comment), and prices before payment. */
function redact(o: OrderState, order: Json): Json {
  const status = fulfillmentStatus(o);
  const paid = !unpaid(o);
  const buyer = order.buyer as Json | undefined;
  if (buyer) {
    if (!(o.fulfillmentChannel === 'MFN' && ['UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED'].includes(status))) delete buyer.buyerEmail;
    if (!paid) delete buyer.buyerName;
    if (Object.keys(buyer).length === 0) delete order.buyer;
  }
  const address = (order.recipient as { deliveryAddress?: Json } | undefined)?.deliveryAddress;
  if (address && !paid)
    for (const k of ['name', 'addressLine1', 'addressLine2', 'addressLine3', 'postalCode', 'phone', 'extendedFields']) delete address[k];
  for (const i of order.orderItems as Json[]) {
    const product = i.product as Json;
    if (!paid) {
      delete product.price;
      delete i.proceeds;
      delete (product.customization as Json | undefined)?.customizedUrl;
      delete ((i.fulfillment as Json | undefined)?.packing as { giftOption?: Json } | undefined)?.giftOption?.giftMessage;
    }
  }
  if (!paid) delete order.proceeds;
  return order;
}

/** `top` over `base`: objects merge key by key, anything else in `top` wins; `base` fills what `top` leaves out. */
export function overlay(base: Json, top: Json): Json {
  const out: Json = { ...structuredClone(base) };
  for (const [k, v] of Object.entries(top)) {
    if (v === undefined) continue;
    const b = out[k];
    out[k] = isObject(v) && isObject(b) ? overlay(b, v) : v;
  }
  return out;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const defined = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const emptyToUndefined = (o: Json) => (Object.keys(o).length ? o : undefined);
