/**
 * The sync engine's outcomes move the listing lifecycle (registered with `app.listingsSync.onOutcomes`, run
 * inside the engine's transaction, a batch at a time): published → Active (BUYABLE; a variation parent once
 * Amazon took it without errors) or Inactive with Amazon's reason; a published End → Manually Ended; failed →
 * Error with Amazon's issues; deleted → the row is removed.
 */
import type { Knex } from 'knex';
import type { ListingStatus } from '../../../schema/listings';
import { transition, type ListingEvent } from './lifecycle';
import { deleteListings, listingsByIds, updateListings, type ListingColumns, type ListingRow } from './listings.queries';
import type { SyncOutcome } from './sync-contract';

function inactiveReason(o: SyncOutcome): string {
  // Warnings explain why Amazon does not sell it (e.g. no price).
  const errors = o.issues.filter((i) => i.severity === 'ERROR' || i.severity === 'WARNING');
  if (errors.length) return errors.map((i) => i.message).join(' ');
  if (!o.amazonStatus.length) return 'Amazon accepted the offer, but it has no stock or no price to sell';
  return `Amazon shows it as ${o.amazonStatus.join(', ')} but not BUYABLE (no stock or no price?)`;
}

/** The columns an outcome writes on its listing, or 'delete' (the listing is gone from Amazon as asked). */
function effectOf(l: ListingRow, o: SyncOutcome): ListingColumns | 'delete' {
  const issues = JSON.stringify(o.issues);
  const status = JSON.stringify(o.amazonStatus);
  if (o.kind === 'deleted') {
    if (transition(l.status, 'amazon_deleted').ok) return 'delete';
    // Deleted on Amazon without our asking (e.g. gone after an end): nothing is offered any more.
    return { published_at: null, amazon_status: '[]', issues };
  }
  let event: ListingEvent;
  if (o.kind === 'failed') event = 'amazon_failed';
  else if (o.issues.some((i) => i.severity === 'ERROR')) event = 'amazon_failed';
  else if (o.amazonStatus.includes('BUYABLE')) event = 'amazon_buyable';
  // A variation parent is never bought itself (its children hold the offers): shown on Amazon is as live as it gets.
  else if (l.isParent) event = 'amazon_buyable';
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
  return { status: to, status_reason: reason, issues, amazon_status: status };
}

/**
 * A batch of outcomes (a feed report's answers, hundreds at a time) in the engine's transaction: one locking
 * read of the listings, one DELETE, and one UPDATE per distinct result (most answers of a report end the same
 * way: Active, no issues), instead of two statements per listing.
 */
export async function applyOutcomes(trx: Knex, outcomes: SyncOutcome[]): Promise<void> {
  const listings = new Map(
    (
      await listingsByIds(
        trx,
        outcomes.map((o) => o.listingId),
        true,
      )
    ).map((l) => [l.id, l]),
  );
  const deleted = new Set<number>();
  const columns = new Map<number, ListingColumns>();
  for (const o of outcomes) {
    const l = listings.get(o.listingId);
    if (!l || deleted.has(l.id)) continue;
    const effect = effectOf(l, o);
    if (effect === 'delete') {
      deleted.add(l.id);
      columns.delete(l.id);
      continue;
    }
    columns.set(l.id, { ...columns.get(l.id), ...effect });
    // A later outcome of the same listing in this batch starts from this one's result.
    if (typeof effect.status === 'string') listings.set(l.id, { ...l, status: effect.status as ListingStatus });
  }
  if (deleted.size) await deleteListings(trx, [...deleted]);
  const groups = new Map<string, { columns: ListingColumns; ids: number[] }>();
  for (const [id, cols] of columns) {
    const key = JSON.stringify(Object.entries(cols).sort(([a], [b]) => a.localeCompare(b)));
    const group = groups.get(key) ?? { columns: cols, ids: [] };
    group.ids.push(id);
    groups.set(key, group);
  }
  for (const g of groups.values()) await updateListings(trx, g.ids, g.columns);
}

/** One outcome: a batch of one. */
export function applyOutcome(trx: Knex, o: SyncOutcome): Promise<void> {
  return applyOutcomes(trx, [o]);
}
