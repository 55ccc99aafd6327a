/**
 * Listings: listing settings, listing rules (preview, apply), matching, the listing lifecycle, overrides,
 * variations and existing Amazon listings. Decorates `app.listings`; publishes through the sync engine
 * (`app.listingsSync`, backend/src/listings/sync) when it is registered, and moves the lifecycle on its outcomes.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { ListingActions } from './actions.service';
import catalogSearchRoutes from './catalog-search/search.routes';
import { consumeCatalogChanges } from './changes.consumer';
import { TAB_STATUSES } from '../../../schema/listings';
import listingRoutes from './listings.routes';
import { ListingsReadService } from './listings.service';
import { MatchingService } from './matching/matching.service';
import { registerReconciliation } from './reconcile/index';
import { applyOutcome, applyOutcomes } from './outcomes';
import ruleRoutes from './rules.routes';
import type { RuleRunsService } from './rules/runs.service';
import { ListingSettingsService } from './settings.service';
import { syncOf } from './sync-contract';
import thirdPartyRoutes from './third-party.routes';
import variantsRoutes from './variants.routes';
import { storesWithPendingReports } from './third-party.queries';
import { ThirdPartyService } from './third-party.service';

export const JOBS = {
  matching: 'listings.matching',
  changes: 'listings.catalog-changes',
  thirdParty: 'listings.third-party-import',
  ruleRuns: 'listings.rule-runs',
} as const;

export interface ListingsModule {
  settings: ListingSettingsService;
  matching: MatchingService;
  actions: ListingActions;
  read: ListingsReadService;
  thirdParty: ThirdPartyService;
  /** Listing rule runs (the background apply of a saved rule, with progress). */
  ruleRuns: RuleRunsService;
  /** The catalog SKU each of these seller SKUs of the store is listed as (an order importer's SKU → product). */
  catalogSkusOf(storeId: number, sellerSkus: readonly string[], db?: Knex): Promise<Map<string, string>>;
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
    const settings = new ListingSettingsService(app, wakeMatching, wake(JOBS.ruleRuns));
    const matching = new MatchingService(app, settings);
    const thirdParty = new ThirdPartyService(app, settings);
    app.decorate('listings', {
      settings,
      matching,
      actions: new ListingActions(app, settings, wakeMatching),
      read: new ListingsReadService(app, settings),
      thirdParty,
      ruleRuns: settings.runs,
      async catalogSkusOf(storeId: number, sellerSkus: readonly string[], db: Knex = app.db) {
        const out = new Map<string, string>();
        if (!sellerSkus.length) return out;
        for (const r of await db('listings')
          .where('store_id', storeId)
          .whereIn('seller_sku', [...sellerSkus])
          .select('seller_sku', 'sku'))
          out.set(String(r.seller_sku), String(r.sku));
        return out;
      },
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
    // Queued runs, and runs a crash interrupted (status running), carry on here; each tick drives ~20 s.
    app.jobs.define({ name: JOBS.ruleRuns, intervalMs: 2_000, leaseMs: 60_000, run: () => settings.runs.driveActive() });
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
      const sync = syncOf(app);
      if (sync?.onOutcomes) sync.onOutcomes(applyOutcomes);
      else sync?.onOutcome(applyOutcome);
    });
    await app.register(ruleRoutes);
    await app.register(listingRoutes);
    await app.register(thirdPartyRoutes);
    await registerReconciliation(app, app.listings.actions); // job listings.reconcile + its routes
    await app.register(variantsRoutes); // variants of a parent listing, by hand
    await app.register(catalogSearchRoutes); // the Resolve dialog's search of Amazon's catalog
  },
  { name: 'listings', dependencies: ['db', 'auth', 'audit', 'catalog', 'jobs', 'stores', 'spapi'] },
);
