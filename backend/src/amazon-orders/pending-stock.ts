/**
 * The reservation of an Amazon order that has no commerce order yet (Pending on Amazon: not paid; or paid but
 * needing attention): MSI reservations on the store website's stock through `app.catalog.inventory.addReservation`,
 * remembered on the import record. When the order is created, its own reservation (sales/) takes over and this one
 * is given back in the same transaction, so salable quantity never moves twice; a cancellation or the reservation's
 * lifetime (the setting `releaseReservationAfterDays`) gives it back too.
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { AmazonOrder } from '../spapi/index';
import { updateRecord, type ImportRecord, type ReservedLine } from './imports.queries';

const SYSTEM = {};

export async function reservePending(
  app: FastifyInstance,
  trx: Knex.Transaction,
  rec: ImportRecord,
  o: AmazonOrder,
  skus: Map<string, string>,
  stockId: number | null,
  now: Date,
): Promise<ReservedLine[]> {
  if (rec.reservedLines.length || stockId === null) return rec.reservedLines;
  const held = new Map<string, number>();
  for (const i of o.items) {
    const sku = i.sku ? skus.get(i.sku) : undefined;
    const open = i.quantityOrdered - i.quantityCanceled - i.quantityShipped;
    if (sku && open > 0) held.set(sku, (held.get(sku) ?? 0) + open);
  }
  const lines = [...held].map(([sku, qty]) => ({ sku, quantity: -qty }));
  for (const line of lines) {
    await app.catalog.inventory.addReservation(
      SYSTEM,
      { sku: line.sku, stockId, quantity: line.quantity, reason: 'amazon_pending', reference: `amazon:${o.orderId}` },
      trx,
    );
  }
  await updateRecord(trx, rec.id, { reservedStockId: stockId, reservedLines: lines, reservedAt: now.toISOString() }, now);
  rec.reservedLines = lines;
  return lines;
}

/** Gives back what the record still holds (`why`: created, canceled, expired). */
export async function releasePending(
  app: FastifyInstance,
  trx: Knex.Transaction,
  rec: ImportRecord,
  why: string,
  now: Date,
): Promise<boolean> {
  if (!rec.reservedLines.length || rec.reservedStockId === null) return false;
  const existing = await app.catalog.products.idsBySku(
    rec.reservedLines.map((l) => l.sku),
    trx,
  );
  for (const line of rec.reservedLines) {
    // A product deleted meanwhile took its reservations with it.
    if (!existing.has(line.sku)) continue;
    await app.catalog.inventory.addReservation(
      SYSTEM,
      {
        sku: line.sku,
        stockId: rec.reservedStockId,
        quantity: -line.quantity,
        reason: `amazon_pending_${why}`,
        reference: `amazon:${rec.amazonOrderId}`,
      },
      trx,
    );
  }
  await updateRecord(trx, rec.id, { reservedLines: [], reservedAt: null }, now);
  rec.reservedLines = [];
  return true;
}
