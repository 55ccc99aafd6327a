/**
 * Small typed knex pieces over the sales tables: they take a knex or a transaction and return the API's
 * shapes (camelCase, ISO times, numbers). The grid's query is in grid.queries.ts.
 */
import type { Knex } from 'knex';
import type { FulfillmentChannel, OrderSource, OrderState } from '../../../schema/sales';
import { bool, decimal, json } from '../db/rows';
import { fromDbTime } from '../db/time';
import type { OrderTotals } from './totals';
import type { BuyerTaxRegistration } from './types';

export interface OrderRow {
  id: number;
  incrementId: string;
  websiteId: number;
  storeViewId: number;
  state: OrderState;
  status: string;
  holdBeforeState: OrderState | null;
  holdBeforeStatus: string | null;
  customerId: number | null;
  customerIsGuest: boolean;
  customerEmail: string;
  customerFirstname: string | null;
  customerLastname: string | null;
  orderCurrencyCode: string;
  baseCurrencyCode: string;
  orderToBaseRate: number;
  totals: OrderTotals;
  baseTotals: OrderTotals;
  totalQtyOrdered: number;
  shippingMethod: string | null;
  shippingDescription: string | null;
  paymentMethod: string;
  source: OrderSource;
  purchasedAt: string;
  createdAt: string;
  updatedAt: string;
}

export const TOTAL_COLUMNS = {
  subtotal: 'subtotal',
  taxAmount: 'tax_amount',
  shippingAmount: 'shipping_amount',
  shippingTaxAmount: 'shipping_tax_amount',
  discountAmount: 'discount_amount',
  grandTotal: 'grand_total',
} as const;

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

function totalsOf(r: Row, prefix: '' | 'base_'): OrderTotals {
  const out = {} as OrderTotals;
  for (const [key, column] of Object.entries(TOTAL_COLUMNS) as [keyof OrderTotals, string][])
    out[key] = decimal(r[`${prefix}${column}`]) ?? 0;
  return out;
}

export function totalsColumns(t: OrderTotals, prefix: '' | 'base_'): Row {
  const out: Row = {};
  for (const [key, column] of Object.entries(TOTAL_COLUMNS) as [keyof OrderTotals, string][]) out[`${prefix}${column}`] = t[key];
  return out;
}

export function toOrderRow(r: Row): OrderRow {
  return {
    id: Number(r.id),
    incrementId: String(r.increment_id),
    websiteId: Number(r.website_id),
    storeViewId: Number(r.store_view_id),
    state: r.state as OrderState,
    status: String(r.status),
    holdBeforeState: (r.hold_before_state as OrderState | null) ?? null,
    holdBeforeStatus: str(r.hold_before_status),
    customerId: r.customer_id === null || r.customer_id === undefined ? null : Number(r.customer_id),
    customerIsGuest: bool(r.customer_is_guest),
    customerEmail: String(r.customer_email),
    customerFirstname: str(r.customer_firstname),
    customerLastname: str(r.customer_lastname),
    orderCurrencyCode: String(r.order_currency_code),
    baseCurrencyCode: String(r.base_currency_code),
    orderToBaseRate: Number(r.order_to_base_rate),
    totals: totalsOf(r, ''),
    baseTotals: totalsOf(r, 'base_'),
    totalQtyOrdered: decimal(r.total_qty_ordered) ?? 0,
    shippingMethod: str(r.shipping_method),
    shippingDescription: str(r.shipping_description),
    paymentMethod: String(r.payment_method),
    source: r.source as OrderSource,
    purchasedAt: fromDbTime(r.purchased_at as string)!,
    createdAt: fromDbTime(r.created_at as string)!,
    updatedAt: fromDbTime(r.updated_at as string)!,
  };
}

export async function orderRow(db: Knex, id: number, forUpdate = false): Promise<OrderRow | null> {
  const q = db('sales_orders').where({ id }).first();
  // Locks the order for read-modify-write on MySQL; SQLite serialises transactions and knex emits no lock clause there.
  if (forUpdate) q.forUpdate();
  const row = await q;
  return row ? toOrderRow(row) : null;
}

export async function orderIdByIncrementId(db: Knex, incrementId: string): Promise<number | null> {
  const row = await db('sales_orders').where({ increment_id: incrementId }).first('id');
  return row ? Number(row.id) : null;
}

export async function orderIdByAmazonOrderId(db: Knex, amazonOrderId: string): Promise<number | null> {
  const row = await db('sales_order_amazon').where({ amazon_order_id: amazonOrderId }).first('order_id');
  return row ? Number(row.order_id) : null;
}

export async function insertRow(db: Knex, table: string, row: Row): Promise<number> {
  const [id] = await db(table).insert(row);
  return Number(id);
}

export interface OrderItem {
  id: number;
  sku: string;
  productId: number | null;
  name: string;
  qtyOrdered: number;
  qtyInvoiced: number;
  qtyShipped: number;
  qtyRefunded: number;
  qtyCanceled: number;
  price: number;
  basePrice: number;
  taxAmount: number;
  baseTaxAmount: number;
  discountAmount: number;
  rowTotal: number;
  baseRowTotal: number;
  externalItemId: string | null;
}

export async function itemsOf(db: Knex, orderId: number): Promise<OrderItem[]> {
  const rows = await db('sales_order_items').where({ order_id: orderId }).orderBy('id');
  return rows.map((r: Row) => ({
    id: Number(r.id),
    sku: String(r.sku),
    productId: r.product_id === null ? null : Number(r.product_id),
    name: String(r.name),
    qtyOrdered: decimal(r.qty_ordered) ?? 0,
    qtyInvoiced: decimal(r.qty_invoiced) ?? 0,
    qtyShipped: decimal(r.qty_shipped) ?? 0,
    qtyRefunded: decimal(r.qty_refunded) ?? 0,
    qtyCanceled: decimal(r.qty_canceled) ?? 0,
    price: decimal(r.price) ?? 0,
    basePrice: decimal(r.base_price) ?? 0,
    taxAmount: decimal(r.tax_amount) ?? 0,
    baseTaxAmount: decimal(r.base_tax_amount) ?? 0,
    discountAmount: decimal(r.discount_amount) ?? 0,
    rowTotal: decimal(r.row_total) ?? 0,
    baseRowTotal: decimal(r.base_row_total) ?? 0,
    externalItemId: str(r.external_item_id),
  }));
}

export interface OrderAddress {
  firstname: string | null;
  lastname: string | null;
  company: string | null;
  street: string[];
  city: string | null;
  region: string | null;
  postcode: string | null;
  countryId: string;
  telephone: string | null;
  email: string | null;
}

export async function addressesOf(db: Knex, orderId: number): Promise<{ billing: OrderAddress | null; shipping: OrderAddress | null }> {
  const out: { billing: OrderAddress | null; shipping: OrderAddress | null } = { billing: null, shipping: null };
  for (const r of await db('sales_order_addresses').where({ order_id: orderId })) {
    out[r.address_type as 'billing' | 'shipping'] = {
      firstname: str(r.firstname),
      lastname: str(r.lastname),
      company: str(r.company),
      street: String(r.street ?? '')
        .split('\n')
        .filter((l) => l !== ''),
      city: str(r.city),
      region: str(r.region),
      postcode: str(r.postcode),
      countryId: String(r.country_id),
      telephone: str(r.telephone),
      email: str(r.email),
    };
  }
  return out;
}

export interface HistoryEntry {
  id: number;
  status: string;
  comment: string | null;
  isCustomerNotified: boolean;
  author: string | null;
  createdAt: string;
}

export function toHistoryEntry(r: Row): HistoryEntry {
  return {
    id: Number(r.id),
    status: String(r.status),
    comment: str(r.comment),
    isCustomerNotified: bool(r.is_customer_notified),
    author: str(r.author),
    createdAt: fromDbTime(r.created_at as string)!,
  };
}

export async function historyOf(db: Knex, orderId: number): Promise<HistoryEntry[]> {
  const rows = await db('sales_order_status_history').where({ order_id: orderId }).orderBy('created_at', 'desc').orderBy('id', 'desc');
  return rows.map(toHistoryEntry);
}

export async function insertHistory(
  db: Knex,
  entry: {
    orderId: number;
    status: string;
    comment: string | null;
    isCustomerNotified?: boolean;
    author: string | null;
    createdAt: string;
  },
): Promise<HistoryEntry> {
  const row = {
    order_id: entry.orderId,
    status: entry.status,
    comment: entry.comment,
    is_customer_notified: entry.isCustomerNotified ? 1 : 0,
    author: entry.author,
    created_at: entry.createdAt,
  };
  const id = await insertRow(db, 'sales_order_status_history', row);
  return toHistoryEntry({ id, ...row });
}

export interface AmazonLink {
  storeId: number;
  marketplaceId: string;
  amazonOrderId: string;
  amazonStatus: string;
  fulfillmentChannel: FulfillmentChannel;
  purchaseDate: string;
  earliestShipDate: string | null;
  latestShipDate: string | null;
  isBusiness: boolean;
  isPrime: boolean;
  isReplacement: boolean;
  replacedOrderId: string | null;
  purchaseOrderNumber: string | null;
  buyerTaxRegistration: BuyerTaxRegistration[];
  salesChannel: string | null;
  shipServiceLevel: string | null;
  lastUpdateDate: string | null;
}

export function toAmazonLink(r: Row): AmazonLink {
  return {
    storeId: Number(r.store_id),
    marketplaceId: String(r.marketplace_id),
    amazonOrderId: String(r.amazon_order_id),
    amazonStatus: String(r.amazon_status),
    fulfillmentChannel: r.fulfillment_channel as FulfillmentChannel,
    purchaseDate: fromDbTime(r.purchase_date as string)!,
    earliestShipDate: fromDbTime(r.earliest_ship_date as string | null),
    latestShipDate: fromDbTime(r.latest_ship_date as string | null),
    isBusiness: bool(r.is_business),
    isPrime: bool(r.is_prime),
    isReplacement: bool(r.is_replacement),
    replacedOrderId: str(r.replaced_order_id),
    purchaseOrderNumber: str(r.purchase_order_number),
    buyerTaxRegistration: json<BuyerTaxRegistration[]>(r.buyer_tax_registration, []),
    salesChannel: str(r.sales_channel),
    shipServiceLevel: str(r.ship_service_level),
    lastUpdateDate: fromDbTime(r.last_update_date as string | null),
  };
}

export async function amazonLinkOf(db: Knex, orderId: number): Promise<AmazonLink | null> {
  const row = await db('sales_order_amazon').where({ order_id: orderId }).first();
  return row ? toAmazonLink(row) : null;
}

export async function updateOrderColumns(db: Knex, id: number, columns: Row): Promise<void> {
  await db('sales_orders').where({ id }).update(columns);
}
