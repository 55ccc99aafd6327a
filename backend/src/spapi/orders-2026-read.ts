/**
 * An Orders 2026-01-01 order as the importer uses it (`AmazonOrder`), read once from whatever form Amazon sent:
 * times with or without milliseconds or with an offset, amounts as strings or numbers, counts as numbers or numeric
 * strings, empty strings for absent address lines, blocks left out when `includedData` did not ask for them (or Amazon
 * withheld them), statuses in v0's spelling (`Canceled`, `PartiallyShipped`), programs as a list or one comma-separated
 * string, and a cancelled order whose items keep their price with `quantityOrdered` 0.
 *
 * Money stays a decimal string exactly as Amazon wrote it (sign included: Amazon's DISCOUNT proceeds are negative) —
 * never a float. Nothing here throws on an untidy answer; only an order without an id or items array is refused.
 */
import type { CustomerAddress2026, FulfillmentStatus, Order2026, OrderItem2026, ProceedsBreakdown } from './orders-2026';
import { amazonTime, count, decimalText } from './orders-read';

export interface AmazonAddress {
  name: string | null;
  companyName: string | null;
  lines: string[];
  city: string | null;
  district: string | null;
  region: string | null;
  postalCode: string | null;
  countryCode: string | null;
  phone: string | null;
  /** RESIDENTIAL, COMMERCIAL, PICKUP_POINT. */
  type: string | null;
}

export interface AmazonTaxRegistration {
  /** BUYER, MERCHANT or MARKETPLACE. */
  entity: string | null;
  /** BUSINESS, VAT, CST, CPF, CNPJ. */
  type: string | null;
  number: string | null;
  legalName: string | null;
  attributes: Record<string, string>;
}

export interface AmazonOrderItem {
  orderItemId: string;
  sku: string | null;
  asin: string | null;
  title: string | null;
  /** As ordered; for a cancelled order's item (Amazon sends 0) the quantity recovered from its kept price, when exact. */
  quantityOrdered: number;
  quantityShipped: number;
  quantityCanceled: number;
  currency: string | null;
  unitPrice: string | null;
  /** ITEM proceeds: unit price × quantity. */
  itemSubtotal: string | null;
  itemTax: string | null;
  /** As Amazon wrote it (negative in proceeds). */
  discount: string | null;
  shippingPrice: string | null;
  shippingTax: string | null;
  shippingDiscount: string | null;
  giftWrapPrice: string | null;
  /** `MARKETPLACE_FACILITATOR` when Amazon collects and remits the tax. */
  taxCollectionModel: string | null;
  taxResponsibleParty: string | null;
  businessPrice: boolean;
  promotionIds: string[];
  cancelReason: string | null;
  canceledBy: string | null;
  buyerRequestedCancel: boolean;
}

export interface AmazonOrder {
  orderId: string;
  /** The seller's own order id (alias SELLER_ORDER_ID), when Amazon carries one. */
  sellerOrderId: string | null;
  marketplaceId: string | null;
  /** null when FULFILLMENT was not included. */
  status: FulfillmentStatus | null;
  fulfilledBy: 'MERCHANT' | 'AMAZON' | null;
  serviceLevel: string | null;
  /** ISO UTC instants; null only when Amazon's text was unreadable. */
  createdAt: string | null;
  updatedAt: string | null;
  earliestShipDate: string | null;
  latestShipDate: string | null;
  latestDeliveryDate: string | null;
  buyerEmail: string | null;
  buyerName: string | null;
  buyerCompany: string | null;
  purchaseOrderNumber: string | null;
  shippingAddress: AmazonAddress | null;
  currency: string | null;
  grandTotal: string | null;
  programs: string[];
  isBusiness: boolean;
  isPrime: boolean;
  isPremium: boolean;
  isReplacement: boolean;
  replacedOrderId: string | null;
  taxRegistrations: AmazonTaxRegistration[];
  items: AmazonOrderItem[];
}

const STATUSES: readonly FulfillmentStatus[] = [
  'PENDING_AVAILABILITY',
  'PENDING',
  'UNSHIPPED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'CANCELLED',
  'UNFULFILLABLE',
];

/** `UNSHIPPED`, `Unshipped`, `PartiallyShipped`, `Canceled` (v0's spelling) → the 2026 enum; unknown → null. */
export function readStatus(v: unknown): FulfillmentStatus | null {
  if (typeof v !== 'string') return null;
  const s = v
    .trim()
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toUpperCase();
  const norm = s === 'CANCELED' ? 'CANCELLED' : s;
  return (STATUSES as readonly string[]).includes(norm) ? (norm as FulfillmentStatus) : null;
}

/** A non-empty trimmed string, else null. */
export function text(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

const time = (v: unknown): string | null => amazonTime(v)?.toISOString() ?? null;

/** A 2026 Money's amount (`amount`, lower case) as a decimal string, or null. */
export const money = (m: unknown): string | null => decimalText((m as { amount?: unknown } | null | undefined)?.amount);

const currencyOf = (m: unknown): string | null => text((m as { currencyCode?: unknown } | null | undefined)?.currencyCode);

/** A list Amazon may send as an array or as one comma-separated string. */
function list(v: unknown): string[] {
  const parts = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [];
  return parts.map(text).filter((x): x is string => x !== null);
}

const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

function readAddress(a: CustomerAddress2026 | undefined): AmazonAddress | null {
  if (!a || typeof a !== 'object') return null;
  const address: AmazonAddress = {
    name: text(a.name),
    companyName: text(a.companyName),
    lines: [a.addressLine1, a.addressLine2, a.addressLine3].map(text).filter((x): x is string => x !== null),
    city: text(a.city),
    district: text(a.districtOrCounty),
    region: text(a.stateOrRegion),
    postalCode: text(a.postalCode),
    countryCode: text(a.countryCode),
    phone: text(a.phone),
    type: text(a.addressType),
  };
  return Object.values(address).some((v) => (Array.isArray(v) ? v.length > 0 : v !== null)) ? address : null;
}

/** One proceeds category: the detailed subtype when Amazon broke it down, else the whole subtotal (for `whole`). */
function proceeds(breakdowns: ProceedsBreakdown[], type: string, subtype: string | null): string | null {
  const b = breakdowns.find((x) => text(x?.type)?.toUpperCase() === type);
  if (!b) return null;
  const details = arr<{ subtype?: unknown; value?: unknown }>(b.detailedBreakdowns);
  if (subtype === null) return details.length ? null : money(b.subtotal);
  const d = details.find((x) => text(x.subtype)?.toUpperCase() === subtype);
  if (d) return money(d.value);
  // Not broken down: the whole category belongs to the item itself (ITEM), never to shipping.
  return details.length === 0 && subtype === 'ITEM' ? money(b.subtotal) : null;
}

/** Up to 4 decimals as an integer of ten-thousandths, so a division is exact; null for anything else. */
function tenThousandths(v: string | null): number | null {
  const m = v === null ? null : /^(-?)(\d+)(?:\.(\d{1,4}))?$/.exec(v);
  if (!m) return null;
  const n = Number(m[2]) * 10_000 + Number((m[3] ?? '').padEnd(4, '0'));
  return m[1] === '-' ? -n : n;
}

/**
 * A cancelled order's item comes with `quantityOrdered` 0 and its prices kept: the quantity is the ITEM proceeds over
 * the unit price when that is a whole number, else unknown (0).
 */
function recoveredQuantity(subtotal: string | null, unitPrice: string | null): number {
  const total = tenThousandths(subtotal);
  const unit = tenThousandths(unitPrice);
  if (total === null || unit === null || unit <= 0 || total <= 0 || total % unit !== 0) return 0;
  return total / unit;
}

export function readOrderItem(i: OrderItem2026, orderCancelled: boolean): AmazonOrderItem {
  const breakdowns = arr<ProceedsBreakdown>(i.proceeds?.breakdowns);
  const unitPrice = money(i.product?.price?.unitPrice);
  const itemSubtotal = proceeds(breakdowns, 'ITEM', 'ITEM');
  const shipped = count(i.fulfillment?.quantityFulfilled);
  const unfulfilled = count(i.fulfillment?.quantityUnfulfilled);
  const cancelRequest = i.cancellation?.cancellationRequest;
  const cancelExecution = i.cancellation?.cancellationExecution;
  let ordered = count(i.quantityOrdered);
  let canceled = 0;
  if (ordered === 0 && (orderCancelled || cancelExecution)) {
    ordered = recoveredQuantity(itemSubtotal, unitPrice);
    canceled = ordered;
  } else if (i.fulfillment && (orderCancelled || cancelExecution)) {
    canceled = Math.max(0, ordered - shipped - unfulfilled);
  }
  const collection = arr<{ model?: unknown; responsibleParty?: unknown }>(i.tax?.taxCollections)[0];
  return {
    orderItemId: text(i.orderItemId) ?? '',
    sku: text(i.product?.sellerSku),
    asin: text(i.product?.asin),
    title: text(i.product?.title),
    quantityOrdered: ordered,
    quantityShipped: shipped,
    quantityCanceled: canceled,
    currency: currencyOf(i.product?.price?.unitPrice) ?? currencyOf(i.proceeds?.proceedsTotal),
    unitPrice,
    itemSubtotal,
    itemTax: proceeds(breakdowns, 'TAX', 'ITEM'),
    discount: proceeds(breakdowns, 'DISCOUNT', 'ITEM'),
    shippingPrice: proceeds(breakdowns, 'SHIPPING', null) ?? proceeds(breakdowns, 'SHIPPING', 'SHIPPING'),
    shippingTax: proceeds(breakdowns, 'TAX', 'SHIPPING'),
    shippingDiscount: proceeds(breakdowns, 'DISCOUNT', 'SHIPPING'),
    giftWrapPrice: proceeds(breakdowns, 'GIFT_WRAP', null) ?? proceeds(breakdowns, 'GIFT_WRAP', 'GIFT_WRAP'),
    taxCollectionModel: text(collection?.model),
    taxResponsibleParty: text(collection?.responsibleParty),
    businessPrice: text(i.product?.price?.priceDesignation) === 'BUSINESS_PRICE',
    promotionIds: arr<{ promotionId?: unknown }>(i.promotion?.breakdowns)
      .map((p) => text(p.promotionId))
      .filter((x): x is string => x !== null),
    cancelReason: text(cancelExecution?.cancelReason) ?? text(cancelRequest?.cancelReason),
    canceledBy: text(cancelExecution?.cancelledBy),
    buyerRequestedCancel: text(cancelRequest?.requester)?.toUpperCase() === 'BUYER',
  };
}

type TaxRegistration2026 = NonNullable<NonNullable<Order2026['tax']>['taxRegistrations']>[number];

export class UnreadableOrderError extends Error {}

export function readAmazonOrder(o: Order2026): AmazonOrder {
  const orderId = text(o?.orderId);
  if (!orderId || !Array.isArray(o.orderItems)) throw new UnreadableOrderError(`an order without ${orderId ? 'orderItems' : 'orderId'}`);
  const status = readStatus(o.fulfillment?.fulfillmentStatus);
  const programs = list(o.programs);
  const replaced = arr<{ orderId?: unknown; associationType?: unknown }>(o.associatedOrders).find(
    (a) => text(a.associationType) === 'REPLACEMENT_ORIGINAL_ID',
  );
  const fulfilledBy = text(o.fulfillment?.fulfilledBy)?.toUpperCase();
  return {
    orderId,
    sellerOrderId: text(
      arr<{ aliasId?: unknown; aliasType?: unknown }>(o.orderAliases).find((a) => a.aliasType === 'SELLER_ORDER_ID')?.aliasId,
    ),
    marketplaceId: text(o.salesChannel?.marketplaceId),
    status,
    fulfilledBy: fulfilledBy === 'MERCHANT' || fulfilledBy === 'AMAZON' ? fulfilledBy : null,
    serviceLevel: text(o.fulfillment?.fulfillmentServiceLevel),
    createdAt: time(o.createdTime),
    updatedAt: time(o.lastUpdatedTime),
    earliestShipDate: time(o.fulfillment?.shipByWindow?.earliestDateTime),
    latestShipDate: time(o.fulfillment?.shipByWindow?.latestDateTime),
    latestDeliveryDate: time(o.fulfillment?.deliverByWindow?.latestDateTime),
    buyerEmail: text(o.buyer?.buyerEmail),
    buyerName: text(o.buyer?.buyerName),
    buyerCompany: text(o.buyer?.buyerCompanyName),
    purchaseOrderNumber: text(o.buyer?.buyerPurchaseOrderNumber),
    shippingAddress: readAddress(o.recipient?.deliveryAddress),
    currency: currencyOf(o.proceeds?.grandTotal),
    grandTotal: money(o.proceeds?.grandTotal),
    programs,
    isBusiness: programs.includes('AMAZON_BUSINESS'),
    isPrime: programs.includes('PRIME'),
    isPremium: programs.includes('PREMIUM'),
    isReplacement: replaced !== undefined,
    replacedOrderId: text(replaced?.orderId),
    taxRegistrations: arr<TaxRegistration2026>(o.tax?.taxRegistrations).map((r) => ({
      entity: text(r.entityType),
      type: text(r.taxRegistrationType),
      number: text(r.taxRegistrationNumber),
      legalName: text(r.legalName),
      attributes: Object.fromEntries(
        arr<{ key?: unknown; value?: unknown }>(r.taxRegistrationAttributes)
          .map((a) => [text(a.key), text(a.value)] as const)
          .filter((kv): kv is readonly [string, string] => kv[0] !== null && kv[1] !== null),
      ),
    })),
    items: o.orderItems.map((i) => readOrderItem(i, status === 'CANCELLED')),
  };
}
