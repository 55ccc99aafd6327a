/**
 * What a newer version of an imported Amazon order changes on its commerce order: a cancellation before shipment
 * cancels it (its reservation given back by the sales core), a shipment Amazon shows (e.g. confirmed in Seller
 * Central) ships it, a changed address replaces the shipping address, and a buyer's cancellation request is noted in
 * the order's history once. Each through `app.sales`, in the import's transaction.
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { OrderImportSettings } from '../../../schema/amazon-orders';
import type { AmazonOrder } from '../spapi/index';
import type { ImportRecord } from './imports.queries';
import { amazonStatusText, cancelRequestNote, toAddress } from './order-mapping';

const AUTHOR = 'Amazon import';

export async function applyUpdate(
  app: FastifyInstance,
  trx: Knex.Transaction,
  rec: ImportRecord,
  o: AmazonOrder,
  settings: OrderImportSettings,
): Promise<{ any: boolean; cancelRequested: boolean }> {
  const orderId = rec.orderId!;
  const order = await app.sales.orders.detail(orderId, trx);
  let any = false;
  const status = o.status;
  if (status && amazonStatusText(o) !== rec.amazonStatus) {
    const open = order.state === 'new' || order.state === 'processing';
    if (status === 'CANCELLED') {
      const reason = o.items.find((i) => i.cancelReason)?.cancelReason;
      if (open) {
        await app.sales.orders.transition(trx, orderId, 'cancel', {
          status: settings.statusMapping.canceled,
          comment: `Canceled on Amazon${reason ? ` (${reason})` : ''}.`,
          author: AUTHOR,
        });
      } else {
        await app.sales.amazonUpdates.history(
          trx,
          orderId,
          `Amazon shows the order canceled, but it is ${order.state} here: check it.`,
          AUTHOR,
        );
      }
    } else if (status === 'SHIPPED' && order.state === 'processing') {
      await app.sales.orders.transition(trx, orderId, 'ship', {
        status: settings.statusMapping.shipped,
        comment: 'Amazon shows the order shipped.',
        author: AUTHOR,
      });
    } else if (status === 'PARTIALLY_SHIPPED') {
      await app.sales.amazonUpdates.history(trx, orderId, 'Amazon shows the order partially shipped.', AUTHOR);
    }
    any = true;
  }
  const address = toAddress(o.shippingAddress, order.shippingAddress?.countryId ?? 'US', o.buyerEmail);
  if (address && order.state !== 'canceled' && address.street.length) {
    if (await app.sales.amazonUpdates.updateShippingAddress(trx, orderId, address, AUTHOR)) any = true;
  }
  const requested = o.items.find((i) => i.buyerRequestedCancel);
  let cancelRequested = false;
  if (requested && !rec.cancelRequestedAt && order.state !== 'canceled') {
    await app.sales.amazonUpdates.history(trx, orderId, cancelRequestNote(requested.cancelReason), AUTHOR);
    cancelRequested = true;
    any = true;
  }
  await app.sales.amazonUpdates.setAmazonStatus(trx, orderId, amazonStatusText(o), o.updatedAt);
  return { any, cancelRequested };
}
