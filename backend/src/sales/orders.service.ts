/**
 * Order use cases: `create` (the importer's entry, in its transaction), look-ups, the grid and its CSV export,
 * the order page, history comments, lifecycle transitions and the order's stock reservations.
 */
import { pipeline, Readable } from 'node:stream';
import type { Knex } from 'knex';
import { stringify } from 'csv-stringify';
import type { OrderEvent, OrderSort } from '../../../schema/sales';
import type { AuditActor, AuditLog } from '../audit/index';
import type { CatalogModule } from '../catalog/index';
import { spreadsheetSafeRecord } from '../catalog/csv-cells';
import { chunk } from '../db/rows';
import { toDbTime } from '../db/time';
import { AppError, notFound } from '../platform/errors';
import { marketplaceById } from '../stores/marketplaces';
import { orderIds, orderPage, orderRowsByIds, type OrderFilter, type OrderGridRow } from './grid.queries';
import { allowedEvents, DEFAULT_STATUS, nextState } from './lifecycle';
import { invoicesOf } from './invoices.queries';
import { createOrder } from './order-create';
import {
  addressesOf,
  amazonLinkOf,
  historyOf,
  insertHistory,
  itemsOf,
  orderIdByAmazonOrderId,
  orderRow,
  updateOrderColumns,
  type HistoryEntry,
} from './orders.queries';
import { OrderReservations, type ReservationLine, type ReservationOutcome } from './reservations';
import type { CreateOrderResult, NewOrder } from './types';

export interface OrderListQuery extends OrderFilter {
  page: number;
  pageSize: number;
  sort: OrderSort;
  dir: 'asc' | 'desc';
}

export type OrderCsvQuery = Omit<OrderListQuery, 'page' | 'pageSize'>;

export interface TransitionOptions {
  /** A status other than the new state's default (a merchant's status mapping). */
  status?: string;
  comment?: string;
  author?: string;
}

export const CSV_COLUMNS = [
  'increment_id',
  'purchased_at',
  'source',
  'status',
  'state',
  'amazon_order_id',
  'store_id',
  'marketplace',
  'fulfillment_channel',
  'ship_by',
  'customer_email',
  'ship_to_name',
  'total_qty',
  'grand_total',
  'currency',
] as const;

const CSV_CHUNK = 1000;
const STATUS = /^[a-z][a-z0-9_]{0,31}$/;

/** Who a history entry names: the admin's e-mail, else what the caller says. */
export function authorOf(actor: AuditActor, fallback: string | null = null): string | null {
  return (actor.admin ?? actor.user)?.email ?? fallback;
}

export class OrdersService {
  readonly reservations: OrderReservations;

  constructor(
    private readonly db: Knex,
    private readonly audit: AuditLog,
    private readonly catalog: Pick<CatalogModule, 'structure' | 'products' | 'inventory'>,
    /** Seller Central's base URL for a host, as the transport reaches it (Amazon's, or the local one). */
    private readonly sellerCentralUrl: (host: string) => string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.reservations = new OrderReservations(catalog);
  }

  /** Creates an order in the caller's transaction; refusals are returned (see types.ts). */
  create(trx: Knex, input: NewOrder): Promise<CreateOrderResult> {
    return createOrder({ catalog: this.catalog, audit: this.audit, reservations: this.reservations, now: this.now }, trx, input);
  }

  /** The order imported for an Amazon order id, or null. */
  byAmazonOrderId(amazonOrderId: string, db: Knex = this.db): Promise<number | null> {
    return orderIdByAmazonOrderId(db, amazonOrderId);
  }

  async list(query: OrderListQuery): Promise<{ items: OrderGridRow[]; total: number; page: number; pageSize: number }> {
    const { page, pageSize, sort, dir, ...filter } = query;
    const { ids, total } = await orderPage(this.db, filter, { sort, dir }, pageSize, (page - 1) * pageSize);
    return { items: await orderRowsByIds(this.db, ids), total, page, pageSize };
  }

  /** Every matching order as CSV, read chunk by chunk. */
  async csv(query: OrderCsvQuery): Promise<Readable> {
    const { sort, dir, ...filter } = query;
    const ids = await orderIds(this.db, filter, { sort, dir });
    const db = this.db;
    async function* records() {
      for (const part of chunk(ids, CSV_CHUNK)) {
        for (const o of await orderRowsByIds(db, part)) {
          // Text a spreadsheet would run as a formula is escaped; numbers stay numbers (catalog/csv-cells.ts).
          yield spreadsheetSafeRecord({
            increment_id: o.incrementId,
            purchased_at: o.purchasedAt,
            source: o.source,
            status: o.status,
            state: o.state,
            amazon_order_id: o.amazon?.amazonOrderId ?? '',
            store_id: o.amazon?.storeId ?? '',
            marketplace: o.amazon?.marketplaceCountry ?? o.amazon?.marketplaceId ?? '',
            fulfillment_channel: o.amazon?.fulfillmentChannel ?? '',
            ship_by: o.amazon?.latestShipDate ?? '',
            customer_email: o.customerEmail,
            ship_to_name: o.shipToName ?? '',
            total_qty: o.totalQtyOrdered,
            grand_total: o.grandTotal,
            currency: o.orderCurrencyCode,
          });
        }
      }
    }
    // pipeline, not pipe: a database error half-way destroys the response instead of leaving it hanging.
    return pipeline(Readable.from(records()), stringify({ header: true, columns: [...CSV_COLUMNS] }), () => undefined);
  }

  /** The order page: everything about one order, with a Seller Central link for Amazon orders. */
  async detail(id: number, db: Knex = this.db) {
    const order = await orderRow(db, id);
    if (!order) throw notFound('Order', id);
    const [row] = await orderRowsByIds(db, [id]);
    const link = await amazonLinkOf(db, id);
    const addresses = await addressesOf(db, id);
    let amazon = null;
    if (link) {
      const marketplace = marketplaceById(link.marketplaceId);
      const replaced = link.replacedOrderId ? await orderIdByAmazonOrderId(db, link.replacedOrderId) : null;
      const replacedRow = replaced === null ? null : await orderRow(db, replaced);
      const host = marketplace?.sellerCentralHost ?? 'sellercentral.amazon.com';
      amazon = {
        ...link,
        marketplaceCountry: marketplace?.country ?? null,
        replacedOrder: replacedRow ? { id: replacedRow.id, incrementId: replacedRow.incrementId } : null,
        sellerCentralUrl: `${this.sellerCentralUrl(host)}/orders-v3/order/${encodeURIComponent(link.amazonOrderId)}`,
      };
    }
    return {
      ...row!,
      amazon,
      customer: {
        id: order.customerId,
        isGuest: order.customerIsGuest,
        email: order.customerEmail,
        firstname: order.customerFirstname,
        lastname: order.customerLastname,
      },
      baseCurrencyCode: order.baseCurrencyCode,
      orderToBaseRate: order.orderToBaseRate,
      totals: order.totals,
      baseTotals: order.baseTotals,
      payment: { method: order.paymentMethod },
      shipping: { method: order.shippingMethod, description: order.shippingDescription },
      items: await itemsOf(db, id),
      billingAddress: addresses.billing,
      shippingAddress: addresses.shipping,
      history: await historyOf(db, id),
      invoices: await invoicesOf(db, id),
      allowedEvents: allowedEvents(order),
      updatedAt: order.updatedAt,
    };
  }

  /** A status history comment by an admin (the order's status stays). */
  async addComment(actor: AuditActor, id: number, input: { comment: string; isCustomerNotified?: boolean }): Promise<HistoryEntry> {
    return this.db.transaction(async (trx) => {
      const order = await orderRow(trx, id, true);
      if (!order) throw notFound('Order', id);
      const now = toDbTime(this.now());
      const entry = await insertHistory(trx, {
        orderId: id,
        status: order.status,
        comment: input.comment,
        isCustomerNotified: input.isCustomerNotified ?? false,
        author: authorOf(actor),
        createdAt: now,
      });
      await updateOrderColumns(trx, id, { updated_at: now });
      // The comment's text stays in the order: it may quote the buyer.
      await this.audit.record(
        actor,
        { action: 'add_comment', entityType: 'sales_order', entityId: id, details: { historyId: entry.id } },
        trx,
      );
      return entry;
    });
  }

  /**
   * Moves the order by the lifecycle table (an illegal event throws 409 with the reason), records the
   * history, and does what the event implies: `ship` marks every item shipped and gives back its stock
   * reservation, `cancel` cancels what was not shipped and gives back the rest. A partial shipment
   * (`ship_partial`) changes nothing else: its caller gives back that shipment's quantities with
   * `releaseReservation(trx, id, 'shipment:<id>', lines)`.
   */
  async transition(trx: Knex.Transaction, id: number, event: OrderEvent, options: TransitionOptions = {}) {
    const order = await orderRow(trx, id, true);
    if (!order) throw notFound('Order', id);
    const result = nextState(order, event);
    if (!result.ok) {
      throw new AppError('CONFLICT', `Order ${order.incrementId}: ${result.reason}`, { event, state: order.state, status: order.status });
    }
    if (options.status !== undefined && !STATUS.test(options.status)) {
      throw new AppError('BAD_REQUEST', 'status must be a lower-case code (letters, digits, _) of at most 32 characters');
    }
    const status = options.status ?? (event === 'unhold' && order.holdBeforeStatus ? order.holdBeforeStatus : DEFAULT_STATUS[result.state]);
    const now = toDbTime(this.now());
    await updateOrderColumns(trx, id, {
      state: result.state,
      status,
      hold_before_state: event === 'hold' ? order.state : null,
      hold_before_status: event === 'hold' ? order.status : null,
      updated_at: now,
    });
    if (event === 'ship') {
      await trx('sales_order_items')
        .where({ order_id: id })
        .update({ qty_shipped: trx.raw('?? - ??', ['qty_ordered', 'qty_canceled']) });
      await this.reservations.release(trx, id, 'shipped');
    } else if (event === 'cancel') {
      await trx('sales_order_items')
        .where({ order_id: id })
        .update({ qty_canceled: trx.raw('?? - ??', ['qty_ordered', 'qty_shipped']) });
      await this.reservations.release(trx, id, 'canceled');
    }
    await insertHistory(trx, { orderId: id, status, comment: options.comment ?? null, author: options.author ?? null, createdAt: now });
    await this.audit.record(
      {},
      { action: `order_${event}`, entityType: 'sales_order', entityId: id, details: { from: order.state, to: result.state, status } },
      trx,
    );
    return { state: result.state, status };
  }

  /** Holds the order's ordered quantities on its website's stock, once (see reservations.ts). */
  reserve(trx: Knex.Transaction, orderId: number): Promise<ReservationOutcome> {
    return this.reservations.reserve(trx, orderId);
  }

  /** Gives back what the order still holds (or `only` these quantities), once per reason. */
  releaseReservation(
    trx: Knex.Transaction,
    orderId: number,
    reason: string,
    only?: readonly ReservationLine[],
  ): Promise<ReservationOutcome> {
    return this.reservations.release(trx, orderId, reason, only);
  }
}
