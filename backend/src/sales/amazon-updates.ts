/**
 * What an Amazon order importer may change on an order it created, in its own transaction: the Amazon link's status
 * and update time, the shipping address (the buyer changed it on Amazon), and a history entry (a buyer's cancellation
 * request, an invoice recorded). The sales core knows nothing of how Amazon orders are fetched; callers pass facts.
 */
import type { Knex } from 'knex';
import { toDbTime } from '../db/time';
import { notFound } from '../platform/errors';
import type { AuditLog } from '../audit/index';
import { addressRow } from './order-create';
import { addressesOf, insertHistory, orderRow, updateOrderColumns, type HistoryEntry } from './orders.queries';
import type { NewOrderAddress } from './types';

const sameAddress = (a: NewOrderAddress, b: NewOrderAddress) => {
  const norm = (x: NewOrderAddress) =>
    JSON.stringify([
      x.firstname ?? null,
      x.lastname ?? null,
      x.company ?? null,
      x.street,
      x.city ?? null,
      x.region ?? null,
      x.postcode ?? null,
      x.countryId,
      x.telephone ?? null,
    ]);
  return norm(a) === norm(b);
};

export class AmazonOrderUpdates {
  constructor(
    private readonly audit: AuditLog,
    private readonly now: () => Date,
  ) {}

  /** Amazon's status and last update time on the order's Amazon link. */
  async setAmazonStatus(trx: Knex.Transaction, orderId: number, amazonStatus: string, lastUpdateDate: string | null): Promise<void> {
    await trx('sales_order_amazon')
      .where({ order_id: orderId })
      .update({ amazon_status: amazonStatus, ...(lastUpdateDate ? { last_update_date: toDbTime(new Date(lastUpdateDate)) } : {}) });
  }

  /** Replaces the shipping address when it differs; a history entry says so (the address itself stays in the order). */
  async updateShippingAddress(trx: Knex.Transaction, orderId: number, address: NewOrderAddress, author: string): Promise<boolean> {
    const order = await orderRow(trx, orderId, true);
    if (!order) throw notFound('Order', orderId);
    const current = (await addressesOf(trx, orderId)).shipping;
    if (current && sameAddress(current, address)) return false;
    await trx('sales_order_addresses').where({ order_id: orderId, address_type: 'shipping' }).delete();
    await trx('sales_order_addresses').insert(addressRow(orderId, 'shipping', address));
    await this.history(trx, orderId, 'The shipping address was changed on Amazon.', author);
    await this.audit.record(
      {},
      { action: 'order_address_changed', entityType: 'sales_order', entityId: orderId, details: { type: 'shipping' } },
      trx,
    );
    return true;
  }

  /** A history entry under the order's current status. */
  async history(trx: Knex.Transaction, orderId: number, comment: string, author: string): Promise<HistoryEntry> {
    const order = await orderRow(trx, orderId, true);
    if (!order) throw notFound('Order', orderId);
    const now = toDbTime(this.now());
    const entry = await insertHistory(trx, { orderId, status: order.status, comment, author, createdAt: now });
    await updateOrderColumns(trx, orderId, { updated_at: now });
    return entry;
  }
}
