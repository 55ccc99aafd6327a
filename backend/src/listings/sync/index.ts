/**
 * The listings sync engine (DESIGN §6) as a plugin: decorates `app.listingsSync` and defines the
 * workers — one job per store (`listings-sync:store:<id>`, each under its own DB lease so several
 * processes share the stores), discovered by the `listings-sync` job. See README.md.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { SyncService } from './sync.service';
import { SyncWorker, type WorkerOptions } from './worker';
import { StorePasses } from './store-passes';
import type {
  ActivityRow,
  DesiredEntry,
  DesiredListing,
  DrainResult,
  ListingSyncState,
  OutcomeHandler,
  OutcomesHandler,
  SetDesiredOptions,
  SyncHealth,
} from './types';
import healthRoutes from './health.routes';
import { defineHealthAlerts } from './health-alerts';

export interface ListingsSync {
  setDesired(trx: Knex.Transaction, listingId: number, desired: DesiredListing | null, options?: SetDesiredOptions): Promise<void>;
  /** The batch form (a consumer page's listings in a few statements); the same as setDesired for each, in order. */
  setDesiredMany(trx: Knex.Transaction, entries: readonly DesiredEntry[]): Promise<void>;
  /** Sends the current desired state again even if Amazon refused it before ("Publish again"). */
  requeue(trx: Knex.Transaction, listingIds: number[]): Promise<void>;
  onOutcome(handler: OutcomeHandler): void;
  /** The batch form: all outcomes of one applied batch (up to 500 answers of a report) in one call. */
  onOutcomes(handler: OutcomesHandler): void;
  state(listingIds: number[]): Promise<Map<number, ListingSyncState>>;
  activity(listingId: number, options?: { limit?: number }): Promise<ActivityRow[]>;
  drainStore(storeId: number): Promise<DrainResult>;
  health(storeId: number): Promise<SyncHealth>;
}

declare module 'fastify' {
  interface FastifyInstance {
    listingsSync: ListingsSync;
  }
}

export interface ListingsSyncOptions extends WorkerOptions {
  /** How often each store's worker runs (default 5 s) and how often new stores are picked up (default 30 s). */
  passIntervalMs?: number;
  discoveryIntervalMs?: number;
}

export const STORE_JOB_PREFIX = 'listings-sync:store:';
// Longer than any pass: a pass that outlived its lease could overlap with another process's pass.
const PASS_LEASE_MS = 10 * 60_000;

export default fp(
  async function listingsSyncPlugin(app: FastifyInstance, opts: ListingsSyncOptions) {
    const handlers: OutcomesHandler[] = [];
    const service = new SyncService(app.db, app.clock, app.config.SYNC_STUCK_AFTER_MINUTES * 60_000);
    const worker = new SyncWorker(app, handlers, opts);
    const defined = new Set<number>();
    const passes = new StorePasses(app, worker, (storeId) => (defined.has(storeId) ? `${STORE_JOB_PREFIX}${storeId}` : null));
    app.decorate('listingsSync', {
      setDesired: async (trx, listingId, desired, options) => {
        await service.setDesired(trx, listingId, desired, options);
        passes.wakeAfter(trx, [listingId]);
      },
      setDesiredMany: async (trx, entries) => {
        await service.setDesiredMany(trx, entries);
        passes.wakeAfter(
          trx,
          entries.map((e) => e.listingId),
        );
      },
      requeue: (trx, listingIds) => service.requeue(trx, listingIds),
      // A single-outcome handler sees a batch's outcomes one by one, in order, in the batch's transaction.
      onOutcome: (handler) =>
        void handlers.push(async (trx, outcomes) => {
          for (const o of outcomes) await handler(trx, o);
        }),
      onOutcomes: (handler) => void handlers.push(handler),
      state: (listingIds) => service.state(listingIds),
      activity: (listingId, options) => service.activity(listingId, options),
      drainStore: (storeId) => worker.drainStore(storeId),
      health: (storeId) => service.health(storeId),
    } satisfies ListingsSync);

    const defineStoreJob = (storeId: number) => {
      if (defined.has(storeId)) return;
      defined.add(storeId);
      app.jobs.define({
        name: `${STORE_JOB_PREFIX}${storeId}`,
        intervalMs: opts.passIntervalMs ?? 5_000,
        leaseMs: PASS_LEASE_MS,
        run: async () => {
          const r = await passes.pass(storeId);
          const busy = r.sentDirect + r.sentInFeeds + r.polled + r.recovered > 0;
          return busy || r.stopped ? { ...r } : undefined;
        },
      });
    };
    app.jobs.define({
      name: 'listings-sync',
      intervalMs: opts.discoveryIntervalMs ?? 30_000,
      run: async () => {
        const ids = await app.stores.authorizations.connectedStoreIds();
        ids.forEach(defineStoreJob);
        return { stores: ids.length };
      },
    });
    defineHealthAlerts(app, (storeId) => service.health(storeId));
    await app.register(healthRoutes);
  },
  { name: 'listings-sync', dependencies: ['config', 'db', 'spapi', 'stores', 'jobs'] },
);

export { recordActivity } from './activity.queries';
export { desiredHash, toAttributes, planFor } from './mapping';
export type {
  ActivityEntry,
  ActivityRow,
  DesiredListing,
  DrainResult,
  ListingSyncState,
  OutcomeHandler,
  OutcomesHandler,
  SetDesiredOptions,
  SyncHealth,
  SyncIssue,
  SyncOutcome,
} from './types';
