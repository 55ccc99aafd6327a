/**
 * The sync engine's outcomes move the listing lifecycle (registered with `app.listingsSync.onOutcome`, run
 * inside the engine's transaction): published → Active (BUYABLE) or Inactive with Amazon's reason; a
 * published End → Manually Ended; failed → Error with Amazon's issues; deleted → the row is removed.
 */
import type { Knex } from 'knex';
import type { ListingStatus } from '../../../schema/listings';
import { transition, type ListingEvent } from './lifecycle';
import { deleteListings, listingById, updateListings } from './listings.queries';
import type { SyncOutcome } from './sync-contract';

function inactiveReason(o: SyncOutcome): string {
  // Warnings explain why Amazon does not sell it (e.g. no price).
  const errors = o.issues.filter((i) => i.severity === 'ERROR' || i.severity === 'WARNING');
  if (errors.length) return errors.map((i) => i.message).join(' ');
  if (!o.amazonStatus.length) return 'Amazon accepted the offer, but it has no stock or no price to sell';
  return `Amazon shows it as ${o.amazonStatus.join(', ')} but not BUYABLE (no stock or no price?)`;
}

export async function applyOutcome(trx: Knex, o: SyncOutcome): Promise<void> {
  const l = await listingById(trx, o.listingId, true);
  if (!l) return;
  const issues = JSON.stringify(o.issues);
  const status = JSON.stringify(o.amazonStatus);
  if (o.kind === 'deleted') {
    const t = transition(l.status, 'amazon_deleted');
    if (t.ok) await deleteListings(trx, [l.id]);
    // Deleted on Amazon without our asking (e.g. gone after an end): nothing is offered any more.
    else await updateListings(trx, [l.id], { published_at: null, amazon_status: '[]', issues });
    return;
  }
  let event: ListingEvent;
  if (o.kind === 'failed') event = 'amazon_failed';
  else if (o.issues.some((i) => i.severity === 'ERROR')) event = 'amazon_failed';
  else if (o.amazonStatus.includes('BUYABLE')) event = 'amazon_buyable';
  else if (o.amazonStatus.length) event = 'amazon_not_buyable';
  // Accepted and Amazon did not say yet (a submission's answer): buyable when the offer has a price and stock.
  else event = l.desiredPrice !== null && (l.desiredQty ?? 0) > 0 ? 'amazon_buyable' : 'amazon_not_buyable';
  const t = transition(l.status, event);
  // Ineligible/ended listings keep their status; Amazon's answer is still recorded.
  const to: ListingStatus = t.ok && t.to !== 'removed' ? t.to : l.status;
  const reason =
    to === 'inactive'
      ? inactiveReason(o)
      : to === 'error'
        ? `Amazon refused the listing: ${o.issues.find((i) => i.severity === 'ERROR')?.message ?? 'see the issues'}`
        : to === 'ended'
          ? 'Ended by an admin: quantity 0 on Amazon'
          : to === 'active'
            ? null
            : l.statusReason;
  await updateListings(trx, [l.id], { status: to, status_reason: reason, issues, amazon_status: status });
}
