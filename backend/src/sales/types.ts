/**
 * What a caller (the Amazon order import, a future web checkout) hands `app.sales.orders.create`: a plain
 * typed object, and what it gets back. Business refusals come back as `{ ok: false, error, message }` so an
 * importer can keep the order aside with its reason; only a broken database throws.
 */
import type { FulfillmentChannel, OrderSource } from '../../../schema/sales';
import type { OrderTotals } from './totals';

export interface NewOrderItem {
  sku: string;
  name: string;
  qtyOrdered: number;
  /** Unit price in the order currency. */
  price: number;
  basePrice?: number;
  taxAmount?: number;
  baseTaxAmount?: number;
  discountAmount?: number;
  /** Default: price × quantity. */
  rowTotal?: number;
  baseRowTotal?: number;
  /** Amazon's OrderItemId. */
  externalItemId?: string | null;
}

export interface NewOrderAddress {
  firstname?: string | null;
  lastname?: string | null;
  company?: string | null;
  street: string[];
  city?: string | null;
  region?: string | null;
  postcode?: string | null;
  countryId: string;
  telephone?: string | null;
  email?: string | null;
}

export interface BuyerTaxRegistration {
  type: string;
  value: string;
  country?: string | null;
}

export interface NewOrderAmazon {
  storeId: number;
  marketplaceId: string;
  amazonOrderId: string;
  amazonStatus: string;
  fulfillmentChannel: FulfillmentChannel;
  purchaseDate: Date | string;
  earliestShipDate?: Date | string | null;
  latestShipDate?: Date | string | null;
  isBusiness?: boolean;
  isPrime?: boolean;
  isReplacement?: boolean;
  /** Amazon's id of the order this one replaces. */
  replacedOrderId?: string | null;
  purchaseOrderNumber?: string | null;
  buyerTaxRegistration?: BuyerTaxRegistration[];
  salesChannel?: string | null;
  shipServiceLevel?: string | null;
  lastUpdateDate?: Date | string | null;
}

export interface NewOrder {
  websiteId: number;
  storeViewId: number;
  source: OrderSource;
  /** Keep this number (e.g. Amazon's order id) instead of taking the store view's next one. */
  incrementId?: string;
  /** With the sequence: this prefix instead of the store view's (e.g. an Amazon store's "AMZ-"). */
  incrementPrefix?: string;
  /** `new` (default) or `processing` for an order that comes in paid. */
  state?: 'new' | 'processing';
  /** A status other than the state's default (a merchant's status mapping). */
  status?: string;
  /** A customer of the order's website (see `customers.findOrCreate`); absent or null: a guest. */
  customerId?: number | null;
  customerEmail: string;
  customerFirstname?: string | null;
  customerLastname?: string | null;
  orderCurrencyCode: string;
  /** Default: the website's base currency. */
  baseCurrencyCode?: string;
  /** base = order × rate; default 1. */
  orderToBaseRate?: number;
  totals: OrderTotals;
  /** Default: `totals` × `orderToBaseRate`. */
  baseTotals?: OrderTotals;
  paymentMethod: string;
  shippingMethod?: string | null;
  shippingDescription?: string | null;
  items: NewOrderItem[];
  billingAddress?: NewOrderAddress | null;
  shippingAddress?: NewOrderAddress | null;
  /** When the buyer ordered; default: the Amazon purchase date, else now. */
  purchasedAt?: Date | string;
  amazon?: NewOrderAmazon;
  /** A first history comment ("Imported from Amazon"). */
  comment?: string;
  /** Who the history names: an admin's e-mail, or "Amazon import". */
  author?: string;
  /** Place the MSI reservations at once (default true; Amazon-fulfilled orders hold none of the catalog's stock). */
  reserveStock?: boolean;
}

export type CreateOrderError = 'duplicate_increment_id' | 'duplicate_amazon_order_id' | 'totals_mismatch' | 'invalid_order';

export type CreateOrderResult =
  | { ok: true; orderId: number; incrementId: string }
  | { ok: false; error: CreateOrderError; message: string; details?: Record<string, unknown> };
