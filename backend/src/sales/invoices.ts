/**
 * Invoices (Magento's sales_invoice): `create(trx, orderId, {lines?, source, author?, comment?})` bills what is
 * left of an order — every item's ordered − invoiced − canceled quantity, or the given lines — in the caller's
 * transaction. Refusals (nothing left, more than is left, an item of another order, a canceled/closed/held order)
 * are returned before anything is written. An invoice counts as paid: a new (pending) order moves by `pay`.
 *
 * Amounts: each item's tax and discount are its own when the items' amounts add up to the order's (tax without
 * the shipping tax), else the order's are spread by row total — an order may carry only order-level figures. A
 * part of an item bills that part of them; the first invoice carries the shipping. The invoice that bills the
 * rest of an order with nothing canceled takes the order's totals minus the earlier invoices', so the invoices
 * of a fully billed order add up to the order to the cent whatever the rounding on the way.
 */
import type { Knex } from 'knex';
import type { OrderEvent } from '../../../schema/sales';
import type { AuditLog } from '../audit/index';
import { toDbTime } from '../db/time';
import { insertInvoice, invoicedTotals, invoicesOf, nextInvoiceNumber, type Invoice } from './invoices.queries';
import { insertHistory, itemsOf, orderRow, updateOrderColumns, type OrderItem, type OrderRow } from './orders.queries';
import { round4, type OrderTotals } from './totals';

export interface NewInvoice {
  /** Default: every item's remaining quantity. */
  lines?: { orderItemId: number; qty: number }[];
  /** What creates it: "amazon", "admin"… */
  source: string;
  /** Who the history names: an admin's e-mail, or "Amazon import". */
  author?: string | null;
  /** Added to the history entry ("paid through Amazon"). */
  comment?: string;
}

export type CreateInvoiceError = 'not_found' | 'not_invoiceable' | 'nothing_to_invoice' | 'invalid_lines' | 'over_invoiced' | 'no_number';

export type CreateInvoiceResult =
  | { ok: true; invoiceId: number; incrementId: string; grandTotal: number }
  | { ok: false; error: CreateInvoiceError; message: string; details?: Record<string, unknown> };

type Transition = (
  trx: Knex.Transaction,
  id: number,
  event: OrderEvent,
  options: { comment?: string; author?: string },
) => Promise<unknown>;

const NOT_INVOICEABLE = new Set(['canceled', 'closed', 'holded']);
const EPSILON = 0.0001;
/** Order numbers in Magento's form: a prefix and 9 digits. */
const SEQUENCE_FORM = /^(.*?)\d{9}$/;

const remainingOf = (i: OrderItem) => round4(i.qtyOrdered - i.qtyInvoiced - i.qtyCanceled);
type Refused = Extract<CreateInvoiceResult, { ok: false }>;
const refuse = (error: CreateInvoiceError, message: string, details?: Record<string, unknown>): Refused => ({
  ok: false,
  error,
  message,
  ...(details ? { details } : {}),
});

/** Per item (for its whole ordered quantity): the item's own amounts when they add up to the pool, else the pool by row total. */
function spread(items: OrderItem[], pool: number, own: (i: OrderItem) => number, weight: (i: OrderItem) => number): Map<number, number> {
  const ownSum = items.reduce((s, i) => s + own(i), 0);
  const weights = items.reduce((s, i) => s + weight(i), 0);
  const out = new Map<number, number>();
  for (const i of items) {
    if (Math.abs(ownSum - pool) <= 0.01) out.set(i.id, own(i));
    else out.set(i.id, weights > 0 ? (pool * weight(i)) / weights : pool / items.length);
  }
  return out;
}

function minus(a: OrderTotals, b: OrderTotals): OrderTotals {
  const out = {} as OrderTotals;
  for (const key of Object.keys(a) as (keyof OrderTotals)[]) out[key] = round4(a[key] - b[key]);
  return out;
}

export class InvoicesService {
  constructor(
    private readonly audit: AuditLog,
    private readonly transition: Transition,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The order's invoices, oldest first. */
  list(db: Knex, orderId: number): Promise<Invoice[]> {
    return invoicesOf(db, orderId);
  }

  async create(trx: Knex.Transaction, orderId: number, input: NewInvoice): Promise<CreateInvoiceResult> {
    const order = await orderRow(trx, orderId, true);
    if (!order) return refuse('not_found', `order ${orderId} does not exist`);
    if (NOT_INVOICEABLE.has(order.state)) {
      return refuse('not_invoiceable', `Order ${order.incrementId}: a ${order.state} order cannot be invoiced`, { state: order.state });
    }
    const items = await itemsOf(trx, orderId);
    const picked = this.pick(order, items, input.lines);
    if (!Array.isArray(picked)) return picked;
    if (!picked.length) return refuse('nothing_to_invoice', `Order ${order.incrementId}: everything is invoiced or canceled`);

    const rate = order.orderToBaseRate;
    const tax = spread(
      items,
      order.totals.taxAmount - order.totals.shippingTaxAmount,
      (i) => i.taxAmount,
      (i) => i.rowTotal,
    );
    const baseTax = spread(
      items,
      order.baseTotals.taxAmount - order.baseTotals.shippingTaxAmount,
      (i) => i.baseTaxAmount,
      (i) => i.baseRowTotal,
    );
    const discount = spread(
      items,
      order.totals.discountAmount,
      (i) => i.discountAmount,
      (i) => i.rowTotal,
    );
    const baseDiscount = spread(
      items,
      order.baseTotals.discountAmount,
      (i) => i.discountAmount * rate,
      (i) => i.baseRowTotal,
    );
    const lines = picked.map(({ item, qty }) => {
      const f = item.qtyOrdered > 0 ? qty / item.qtyOrdered : 0;
      return {
        orderItemId: item.id,
        sku: item.sku,
        name: item.name,
        qty,
        price: item.price,
        basePrice: item.basePrice,
        taxAmount: round4(tax.get(item.id)! * f),
        baseTaxAmount: round4(baseTax.get(item.id)! * f),
        discountAmount: round4(discount.get(item.id)! * f),
        baseDiscountAmount: round4(baseDiscount.get(item.id)! * f),
        rowTotal: round4(item.rowTotal * f),
        baseRowTotal: round4(item.baseRowTotal * f),
      };
    });

    const before = await invoicedTotals(trx, orderId);
    const qtyOf = new Map(picked.map((p) => [p.item.id, p.qty]));
    const billsTheRest = items.every((i) => i.qtyCanceled === 0 && remainingOf(i) - (qtyOf.get(i.id) ?? 0) <= EPSILON);
    const sum = (base: boolean): OrderTotals => {
      const first = before.count === 0;
      const t = base ? order.baseTotals : order.totals;
      const subtotal = round4(lines.reduce((s, l) => s + (base ? l.baseRowTotal : l.rowTotal), 0));
      const shippingAmount = first ? t.shippingAmount : 0;
      const shippingTaxAmount = first ? t.shippingTaxAmount : 0;
      const taxAmount = round4(lines.reduce((s, l) => s + (base ? l.baseTaxAmount : l.taxAmount), 0) + shippingTaxAmount);
      const discountAmount = round4(lines.reduce((s, l) => s + (base ? l.baseDiscountAmount : l.discountAmount), 0));
      const grandTotal = round4(subtotal + shippingAmount + taxAmount - discountAmount);
      return { subtotal, taxAmount, shippingAmount, shippingTaxAmount, discountAmount, grandTotal };
    };
    const totals = billsTheRest ? minus(order.totals, before.totals) : sum(false);
    const baseTotals = billsTheRest ? minus(order.baseTotals, before.baseTotals) : sum(true);

    const prefix = SEQUENCE_FORM.exec(order.incrementId)?.[1] ?? (await this.storeViewPrefix(trx, order));
    const incrementId = await nextInvoiceNumber(trx, order.storeViewId, prefix);
    if (incrementId === null) return refuse('no_number', 'the store view’s next invoice numbers are all taken');
    const now = toDbTime(this.now());
    const invoiceId = await insertInvoice(trx, {
      orderId,
      incrementId,
      orderCurrencyCode: order.orderCurrencyCode,
      baseCurrencyCode: order.baseCurrencyCode,
      totals,
      baseTotals,
      totalQty: round4(lines.reduce((s, l) => s + l.qty, 0)),
      source: input.source,
      author: input.author ?? null,
      createdAt: now,
      items: lines,
    });
    for (const l of lines) {
      await trx('sales_order_items')
        .where({ id: l.orderItemId })
        .update({ qty_invoiced: trx.raw('?? + ?', ['qty_invoiced', l.qty]) });
    }
    const comment = `Invoiced ${incrementId}: ${totals.grandTotal.toFixed(2)} ${order.orderCurrencyCode}${input.comment ? ` ${input.comment}` : ''}.`;
    await insertHistory(trx, { orderId, status: order.status, comment, author: input.author ?? null, createdAt: now });
    await updateOrderColumns(trx, orderId, { updated_at: now });
    await this.audit.record(
      {},
      { action: 'invoice', entityType: 'sales_order', entityId: orderId, details: { invoiceId, incrementId, source: input.source } },
      trx,
    );
    // An invoice is a payment taken: a new order is paid now.
    if (order.state === 'new') await this.transition(trx, orderId, 'pay', { author: input.author ?? undefined });
    return { ok: true, invoiceId, incrementId, grandTotal: totals.grandTotal };
  }

  /** The lines to bill, or the refusal. */
  private pick(order: OrderRow, items: OrderItem[], lines: NewInvoice['lines']): { item: OrderItem; qty: number }[] | Refused {
    if (lines === undefined) return items.filter((i) => remainingOf(i) > EPSILON).map((item) => ({ item, qty: remainingOf(item) }));
    const out: { item: OrderItem; qty: number }[] = [];
    for (const line of lines) {
      const item = items.find((i) => i.id === line.orderItemId);
      if (!item) return refuse('invalid_lines', `item ${line.orderItemId} is not an item of order ${order.incrementId}`);
      if (out.some((o) => o.item.id === item.id)) return refuse('invalid_lines', `item ${item.sku} is listed twice`);
      if (!Number.isFinite(line.qty) || line.qty <= 0) return refuse('invalid_lines', `the quantity of ${item.sku} must be positive`);
      const qty = round4(line.qty);
      if (qty - remainingOf(item) > EPSILON) {
        return refuse(
          'over_invoiced',
          `Order ${order.incrementId}: ${qty} × ${item.sku} is more than the ${remainingOf(item)} left to invoice`,
          {
            orderItemId: item.id,
            remaining: remainingOf(item),
          },
        );
      }
      if (qty > 0) out.push({ item, qty });
    }
    return out;
  }

  private async storeViewPrefix(trx: Knex, order: OrderRow): Promise<string> {
    const row = await trx('sales_sequences').where({ store_view_id: order.storeViewId }).first('prefix');
    return String(row?.prefix ?? '');
  }
}
