/**
 * Listings: listing settings, listing rules (preview, apply), matching, the listing lifecycle, overrides,
 * variations and existing Amazon listings. Decorates `app.listings`; publishes through the sync engine
 * (`app.listingsSync`, backend/src/listings/sync) when it is registered, and moves the lifecycle on its outcomes.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { ListingActions } from './actions.service';
import { consumeCatalogChanges } from './changes.consumer';
import { TAB_STATUSES } from '../../../schema/listings';
import listingRoutes from './listings.routes';
import { ListingsReadService } from './listings.service';
import { MatchingService } from './matching/matching.service';
import { applyOutcome } from './outcomes';
import ruleRoutes from './rules.routes';
import { ListingSettingsService } from './settings.service';
import { syncOf } from './sync-contract';
import thirdPartyRoutes from './third-party.routes';
import { storesWithPendingReports } from './third-party.queries';
import { ThirdPartyService } from './third-party.service';

export const JOBS = {
  matching: 'listings.matching',
  changes: 'listings.catalog-changes',
  thirdParty: 'listings.third-party-import',
} as const;

export interface ListingsModule {
  settings: ListingSettingsService;
  matching: MatchingService;
  actions: ListingActions;
  read: ListingsReadService;
  thirdParty: ThirdPartyService;
  /** Store card figures: Active, Inactive, and everything on its way (matching, publishing, ending). */
  storeCounts(storeId: number): Promise<{ active: number; inactive: number; inProgress: number }>;
}

declare module 'fastify' {
  interface FastifyInstance {
    listings: ListingsModule;
  }
}

export default fp(
  async function listingsPlugin(app: FastifyInstance) {
    // Wakes a job soon (coalesced) when the scheduler runs; under `inject` tests call runNow themselves.
    const wake = (name: string) => {
      let timer: NodeJS.Timeout | null = null;
      return () => {
        if (!app.jobs.running || timer) return;
        timer = setTimeout(() => {
          timer = null;
          app.jobs.runNow(name).catch((err: unknown) => app.log.error({ err, job: name }, 'job failed'));
        }, 250);
        timer.unref();
      };
    };
    const wakeMatching = wake(JOBS.matching);
    const settings = new ListingSettingsService(app, wakeMatching);
    const matching = new MatchingService(app, settings);
    const thirdParty = new ThirdPartyService(app, settings);
    app.decorate('listings', {
      settings,
      matching,
      actions: new ListingActions(app, settings, wakeMatching),
      read: new ListingsReadService(app, settings),
      thirdParty,
      async storeCounts(storeId: number) {
        const rows = (await app.db('listings').where('store_id', storeId).groupBy('status').select('status').count({ n: '*' })) as {
          status: string;
          n: number | string;
        }[];
        const n = (statuses: readonly string[]) =>
          rows.filter((r) => statuses.includes(String(r.status))).reduce((a, r) => a + Number(r.n), 0);
        return {
          active: n(['active']),
          inactive: n(['inactive']),
          inProgress: n(['validating_asin', 'list_in_progress', 'ending_in_progress', 'deleting', ...TAB_STATUSES.ready_to_list]),
        };
      },
    });
    // The store cards show these counts; stores asks us rather than reading listing tables.
    app.stores.service.countListingsWith((storeId) => app.listings.storeCounts(storeId));
    app.jobs.define({ name: JOBS.matching, intervalMs: 5_000, run: () => matching.run() });
    app.jobs.define({ name: JOBS.changes, intervalMs: 5_000, run: () => consumeCatalogChanges(app, settings) });
    app.jobs.define({
      name: JOBS.thirdParty,
      intervalMs: 30_000,
      run: async () => {
        let collected = 0;
        for (const storeId of await storesWithPendingReports(app.db)) {
          const r = await thirdParty.importReport(null, storeId).catch(() => null);
          if (r?.status === 'done') collected++;
        }
        return { collected };
      },
    });
    app.catalog.changes.on('wake', wake(JOBS.changes));
    // The engine may register after this plugin: hook its outcomes once everything is registered.
    app.addHook('onReady', async () => {
      syncOf(app)?.onOutcome(applyOutcome);
    });
    await app.register(ruleRoutes);
    await app.register(listingRoutes);
    await app.register(thirdPartyRoutes);
  },
  { name: 'listings', dependencies: ['db', 'auth', 'audit', 'catalog', 'jobs', 'stores', 'spapi'] },
);
