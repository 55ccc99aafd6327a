/**
 * How the admin words Amazon order import: the settings form's field labels, what an "Import now" run did, what a
 * retry did. Pure, shared by the store's Orders settings and the workbench.
 */
import type { OrderImportOutcome, OrderImportRun, RetryAllResult } from '../api/types';

/** The Orders settings form's words for its fields (OrderSettings.vue), so messages name them as the form does. */
export const ORDER_SETTINGS_LABELS = {
  importOrders: 'Import Amazon orders',
  customerMode: 'Customer',
  importMerchantFulfilled: 'Merchant-fulfilled (MFN) orders',
  importAmazonFulfilled: 'Amazon-fulfilled (FBA) orders',
  reservePending: 'Pending orders reserve stock',
  releaseReservationAfterDays: 'Release reservations after (days)',
  numbering: 'Order number',
  numberPrefix: 'Number prefix',
  'statusMapping.unshipped': 'Status of an Unshipped order',
  'statusMapping.shipped': 'Status of a Shipped order',
  'statusMapping.canceled': 'Status of a Canceled order',
  shippingMethods: 'Shipping methods',
  storeViewCode: 'Store view',
  importStartDate: 'Import orders placed from',
  createInvoice: 'Create the invoice',
} as const;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Read 3 orders: 1 created, 1 updated, 1 needs attention." — only the non-zero parts. */
export function runSummary(run: OrderImportRun): string {
  const parts = [
    run.created && `${run.created} created`,
    run.updated && `${run.updated} updated`,
    run.reserved && `${run.reserved} reserved (Pending)`,
    run.needsAttention && `${run.needsAttention} ${run.needsAttention === 1 ? 'needs' : 'need'} attention`,
    run.skipped && `${run.skipped} skipped by a setting`,
    run.failed && `${run.failed} failed`,
    run.retried && `${plural(run.retried, 'earlier failure')} retried`,
    run.released && `${plural(run.released, 'reservation')} released`,
  ].filter(Boolean);
  const head = run.orders ? `Read ${plural(run.orders, 'order')} from Amazon` : 'No new or changed orders on Amazon';
  return parts.length ? `${head}: ${parts.join(', ')}.` : `${head}.`;
}

/** What one retry did, in a line for a notice. */
export function outcomeText(o: OrderImportOutcome): string {
  switch (o.action) {
    case 'created':
      return `Amazon order ${o.amazonOrderId} imported.`;
    case 'reserved':
      return `Amazon order ${o.amazonOrderId} is Pending on Amazon: its stock is reserved, the order comes once it is paid.`;
    case 'updated':
    case 'unchanged':
      return `Amazon order ${o.amazonOrderId} is imported.`;
    case 'skipped':
      return `Amazon order ${o.amazonOrderId} was skipped${o.reason ? `: ${o.reason}` : ''}.`;
    case 'not_found':
      return `Amazon has no order ${o.amazonOrderId}.`;
    default:
      return `Amazon order ${o.amazonOrderId} still needs attention${o.reason ? `: ${o.reason}` : ''}.`;
  }
}

/** True when the retry left the order in the workbench (the notice is a warning). */
export const stillNeedsAttention = (o: OrderImportOutcome) => o.state === 'needs_attention' || o.action === 'failed';

export function retryAllText(r: RetryAllResult): string {
  if (!r.retried) return 'No order needs attention.';
  return `Retried ${plural(r.retried, 'order')}: ${r.imported} imported, ${r.needsAttention} still ${r.needsAttention === 1 ? 'needs' : 'need'} attention.`;
}
