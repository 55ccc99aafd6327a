/**
 * The contract with the sync engine (backend/src/listings/sync/, decorating `app.listingsSync`), as this
 * domain uses it. Declared here structurally so the listings domain works (matching, rules, lifecycle)
 * whether or not the engine is registered; `syncOf(app)` is null without it, and nothing is published.
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { DesiredEntry, DesiredListing, ListingSyncState, OutcomeHandler, OutcomesHandler, SetDesiredOptions } from './sync/types';

export type { DesiredListing, SyncOutcome, ListingSyncState } from './sync/types';

export interface ListingsSyncContract {
  /** `options.changedAt`: when the catalog changed (the change log), so sync latency is measured from there. */
  setDesired(trx: Knex, listingId: number, desired: DesiredListing | null, options?: SetDesiredOptions): Promise<void>;
  /** The batch form: the same as setDesired for each entry, in order, in a few statements. */
  setDesiredMany?(trx: Knex, entries: readonly DesiredEntry[]): Promise<void>;
  /** Sends the current desired state again even if Amazon refused it before (Publish again). */
  requeue?(trx: Knex, listingIds: number[]): Promise<void>;
  onOutcome(handler: OutcomeHandler): void;
  /** The batch form (a feed report's answers, hundreds per call); preferred when the engine offers it. */
  onOutcomes?(handler: OutcomesHandler): void;
  state(listingIds: number[]): Promise<Map<number, ListingSyncState>>;
}

export function syncOf(app: FastifyInstance): ListingsSyncContract | null {
  if (!app.hasDecorator('listingsSync')) return null;
  // The engine declares its own decorator type; this domain only relies on the agreed members.
  return (app as unknown as { listingsSync: ListingsSyncContract }).listingsSync;
}
