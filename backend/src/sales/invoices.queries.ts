/**
 * Small typed knex pieces over the invoice tables (migration 20261212000100_sales_invoices.ts): the invoice
 * number sequence, the invoices of an order with their items, and what an order's invoices already billed.
 */
import type { Knex } from 'knex';
import { decimal } from '../db/rows';
import { fromDbTime } from '../db/time';
import { formatIncrementId } from './sequences';
import type { OrderTotals } from './totals';
import { totalsColumns, TOTAL_COLUMNS } from './orders.queries';

export type InvoiceState = 'paid';

export interface InvoiceItem {
  id: number;
  orderItemId: number;
  sku: string;
  name: string;
  qty: number;
  price: number;
  taxAmount: number;
  discountAmount: number;
  rowTotal: number;
}

export interface Invoice {
  id: number;
  incrementId: string;
  state: InvoiceState;
  orderCurrencyCode: string;
  baseCurrencyCode: string;
  totals: OrderTotals;
  baseTotals: OrderTotals;
  totalQty: number;
  source: string;
  author: string | null;
  createdAt: string;
  items: InvoiceItem[];
}

type Row = Record<string, unknown>;
const MAX_SKIPS = 100;

function totalsOf(r: Row, prefix: '' | 'base_'): OrderTotals {
  const out = {} as OrderTotals;
  for (const [key, column] of Object.entries(TOTAL_COLUMNS) as [keyof OrderTotals, string][])
    out[key] = decimal(r[`${prefix}${column}`]) ?? 0;
  return out;
}

/**
 * The store view's next free invoice number. One upsert-and-increment statement (as sequences.ts does for
 * orders): the row lock, or SQLite's one writer, gives two processes two numbers.
 */
export async function nextInvoiceNumber(trx: Knex, storeViewId: number, prefix: string): Promise<string | null> {
  for (let i = 0; i < MAX_SKIPS; i++) {
    await trx('sales_invoice_sequences')
      .insert({ store_view_id: storeViewId, next_value: 2 })
      .onConflict('store_view_id')
      .merge({ next_value: trx.raw('?? + 1', ['next_value']) });
    const row = await trx('sales_invoice_sequences').where({ store_view_id: storeViewId }).first('next_value');
    const candidate = formatIncrementId(prefix, Number(row.next_value) - 1);
    // Another store view with the same prefix may hold this number already.
    if (!(await trx('sales_invoices').where({ increment_id: candidate }).first('id'))) return candidate;
  }
  return null;
}

/** The sums of the order's invoices so far (zeros when none). */
export async function invoicedTotals(db: Knex, orderId: number): Promise<{ count: number; totals: OrderTotals; baseTotals: OrderTotals }> {
  const sums: string[] = [];
  for (const prefix of ['', 'base_'])
    for (const column of Object.values(TOTAL_COLUMNS)) sums.push(`sum(${prefix}${column}) as ${prefix}${column}`);
  const row = await db('sales_invoices')
    .where({ order_id: orderId })
    .first(db.raw(`count(*) as n, ${sums.join(', ')}`));
  return { count: Number(row?.n ?? 0), totals: totalsOf(row ?? {}, ''), baseTotals: totalsOf(row ?? {}, 'base_') };
}

export interface NewInvoiceRow {
  orderId: number;
  incrementId: string;
  orderCurrencyCode: string;
  baseCurrencyCode: string;
  totals: OrderTotals;
  baseTotals: OrderTotals;
  totalQty: number;
  source: string;
  author: string | null;
  createdAt: string;
  items: (Omit<InvoiceItem, 'id'> & { basePrice: number; baseTaxAmount: number; baseRowTotal: number })[];
}

export async function insertInvoice(trx: Knex, inv: NewInvoiceRow): Promise<number> {
  const [id] = await trx('sales_invoices').insert({
    order_id: inv.orderId,
    increment_id: inv.incrementId,
    state: 'paid',
    order_currency_code: inv.orderCurrencyCode,
    base_currency_code: inv.baseCurrencyCode,
    ...totalsColumns(inv.totals, ''),
    ...totalsColumns(inv.baseTotals, 'base_'),
    total_qty: inv.totalQty,
    source: inv.source,
    author: inv.author,
    created_at: inv.createdAt,
  });
  const invoiceId = Number(id);
  await trx('sales_invoice_items').insert(
    inv.items.map((i) => ({
      invoice_id: invoiceId,
      order_item_id: i.orderItemId,
      sku: i.sku,
      name: i.name,
      qty: i.qty,
      price: i.price,
      base_price: i.basePrice,
      tax_amount: i.taxAmount,
      base_tax_amount: i.baseTaxAmount,
      discount_amount: i.discountAmount,
      row_total: i.rowTotal,
      base_row_total: i.baseRowTotal,
    })),
  );
  return invoiceId;
}

/** The order's invoices, oldest first, each with its items. */
export async function invoicesOf(db: Knex, orderId: number): Promise<Invoice[]> {
  const rows: Row[] = await db('sales_invoices').where({ order_id: orderId }).orderBy('id');
  if (!rows.length) return [];
  const itemRows: Row[] = await db('sales_invoice_items')
    .whereIn(
      'invoice_id',
      rows.map((r) => Number(r.id)),
    )
    .orderBy('id');
  return rows.map((r) => ({
    id: Number(r.id),
    incrementId: String(r.increment_id),
    state: r.state as InvoiceState,
    orderCurrencyCode: String(r.order_currency_code),
    baseCurrencyCode: String(r.base_currency_code),
    totals: totalsOf(r, ''),
    baseTotals: totalsOf(r, 'base_'),
    totalQty: decimal(r.total_qty) ?? 0,
    source: String(r.source),
    author: r.author === null || r.author === undefined ? null : String(r.author),
    createdAt: fromDbTime(r.created_at as string)!,
    items: itemRows
      .filter((i) => Number(i.invoice_id) === Number(r.id))
      .map((i) => ({
        id: Number(i.id),
        orderItemId: Number(i.order_item_id),
        sku: String(i.sku),
        name: String(i.name),
        qty: decimal(i.qty) ?? 0,
        price: decimal(i.price) ?? 0,
        taxAmount: decimal(i.tax_amount) ?? 0,
        discountAmount: decimal(i.discount_amount) ?? 0,
        rowTotal: decimal(i.row_total) ?? 0,
      })),
  }));
}
