/**
 * An order's MSI reservations, placed and given back through the catalog (`app.catalog.inventory.addReservation`
 * in the caller's transaction), so salable quantity — and every store's listings — follow the order.
 *
 * At placement each item with a catalog product holds −qty on the stock of the order's website; a release
 * (shipped, canceled, a partial shipment, a reservation that expired) gives back what is still held. Each
 * event is recorded once per order in `sales_order_reservations` (UNIQUE(order_id, event)), with the lines it
 * added: a retried event finds its row and adds nothing, and what an order still holds is the sum of its rows
 * (the catalog's reservation table is the catalog's; it is never read here).
 */
import type { Knex } from 'knex';
import type { CatalogModule } from '../catalog/index';
import { isUniqueViolation } from '../db/errors';
import { json } from '../db/rows';
import { toDbTime } from '../db/time';
import { AppError, notFound } from '../platform/errors';
import { itemsOf, orderRow } from './orders.queries';
import { round4 } from './totals';

export interface ReservationLine {
  sku: string;
  /** Negative holds stock, positive gives it back. */
  quantity: number;
}

export interface ReservationOutcome {
  /** false: this event was already recorded for the order (a retry), nothing was added. */
  applied: boolean;
  event: string;
  stockId: number | null;
  lines: ReservationLine[];
}

const PLACED = 'placed';
const EVENT_KEY = /^[a-z][a-z0-9_]*(:[A-Za-z0-9._-]{1,48})?$/;
/** The catalog's audit records name the order's system actor, not an admin. */
const SYSTEM = {};

export class OrderReservations {
  constructor(private readonly catalog: Pick<CatalogModule, 'inventory' | 'structure' | 'products'>) {}

  /** Holds the ordered quantities of an order once; `applied: false` when it already did. */
  async reserve(trx: Knex.Transaction, orderId: number): Promise<ReservationOutcome> {
    const order = await orderRow(trx, orderId, true);
    if (!order) throw notFound('Order', orderId);
    if (await this.recorded(trx, orderId, PLACED)) return { applied: false, event: PLACED, stockId: null, lines: [] };
    if (order.state !== 'new' && order.state !== 'processing' && order.state !== 'holded') {
      throw new AppError('CONFLICT', `Order ${order.incrementId} is ${order.state}: it holds no stock`, { state: order.state });
    }
    const stockId = await this.stockOf(trx, order.websiteId);
    const held = new Map<string, number>();
    for (const item of await itemsOf(trx, orderId)) {
      const open = round4(item.qtyOrdered - item.qtyCanceled - item.qtyShipped);
      if (item.productId !== null && open > 0) held.set(item.sku, round4((held.get(item.sku) ?? 0) + open));
    }
    const lines = [...held].map(([sku, qty]) => ({ sku, quantity: -qty }));
    return this.apply(trx, order, PLACED, stockId, lines);
  }

  /**
   * Gives back what the order still holds (or, with `only`, at most these quantities per SKU), once per
   * `event` (`shipped`, `canceled`, `expired`, `shipment:<id>`…). Nothing held: recorded with no lines.
   */
  async release(trx: Knex.Transaction, orderId: number, event: string, only?: readonly ReservationLine[]): Promise<ReservationOutcome> {
    if (!EVENT_KEY.test(event) || event.length > 64 || event === PLACED) {
      throw new AppError('BAD_REQUEST', `"${event.slice(0, 64)}" is not a release event (like shipped, canceled or shipment:123)`);
    }
    const order = await orderRow(trx, orderId, true);
    if (!order) throw notFound('Order', orderId);
    const rows = await trx('sales_order_reservations').where({ order_id: orderId });
    if (rows.some((r) => r.event === event)) return { applied: false, event, stockId: null, lines: [] };
    const placed = rows.find((r) => r.event === PLACED);
    const stockId = placed?.stock_id === null || placed?.stock_id === undefined ? null : Number(placed.stock_id);
    const held = new Map<string, number>();
    for (const r of rows) {
      for (const line of json<ReservationLine[]>(r.lines, [])) held.set(line.sku, round4((held.get(line.sku) ?? 0) - line.quantity));
    }
    const wanted = only ? new Map(only.map((l) => [l.sku, Math.abs(l.quantity)])) : null;
    // The catalog takes reservations for products only: a SKU deleted since the order was placed is left out.
    const existing = await this.catalog.products.idsBySku([...held.keys()], trx);
    const lines: ReservationLine[] = [];
    for (const [sku, qty] of held) {
      if (!existing.has(sku)) continue;
      const give = round4(Math.min(qty, wanted ? (wanted.get(sku) ?? 0) : qty));
      if (give > 0) lines.push({ sku, quantity: give });
    }
    return this.apply(trx, order, event, stockId, lines);
  }

  /** Net quantity the order holds per SKU (positive = held), from its own ledger. */
  async heldBy(db: Knex, orderId: number): Promise<Map<string, number>> {
    const held = new Map<string, number>();
    for (const r of await db('sales_order_reservations').where({ order_id: orderId })) {
      for (const line of json<ReservationLine[]>(r.lines, [])) held.set(line.sku, round4((held.get(line.sku) ?? 0) - line.quantity));
    }
    return held;
  }

  private async recorded(trx: Knex, orderId: number, event: string): Promise<boolean> {
    return Boolean(await trx('sales_order_reservations').where({ order_id: orderId, event }).first('id'));
  }

  private async stockOf(trx: Knex.Transaction, websiteId: number): Promise<number | null> {
    const website = (await this.catalog.structure.websites(trx)).find((w) => w.id === websiteId);
    return website?.stockId ?? null;
  }

  private async apply(
    trx: Knex.Transaction,
    order: { id: number; incrementId: string },
    event: string,
    stockId: number | null,
    lines: ReservationLine[],
  ): Promise<ReservationOutcome> {
    const effective = stockId === null ? [] : lines;
    try {
      // The claim first: a concurrent run of the same event waits on this key (MySQL) or the one writer
      // (SQLite) and then fails here, before it adds a reservation.
      await trx('sales_order_reservations').insert({
        order_id: order.id,
        event,
        stock_id: stockId,
        lines: JSON.stringify(effective),
        created_at: toDbTime(),
      });
    } catch (err) {
      if (isUniqueViolation(err)) return { applied: false, event, stockId, lines: [] };
      throw err;
    }
    for (const line of effective) {
      await this.catalog.inventory.addReservation(
        SYSTEM,
        {
          sku: line.sku,
          stockId: stockId!,
          quantity: line.quantity,
          reason: event === PLACED ? 'order_placed' : `order_${event.split(':')[0]}`,
          reference: `order:${order.incrementId}`,
        },
        trx,
      );
    }
    return { applied: true, event, stockId, lines: effective };
  }
}
