/**
 * Periodic reconciliation with Amazon's listings report (see README.md): the check service, the admin repair,
 * the job `listings.reconcile` and the routes, registered by the listings plugin with one call.
 */
import type { FastifyInstance } from 'fastify';
import type { ListingActions } from '../actions.service';
import { DriftRepair } from './drift-repair';
import reconcileRoutes from './reconcile.routes';
import { RECONCILE_JOB, RECONCILE_TICK_MS, ReconcileService } from './reconcile.service';

export { RECONCILE_EVERY_MS, RECONCILE_JOB } from './reconcile.service';

export async function registerReconciliation(app: FastifyInstance, actions: ListingActions): Promise<void> {
  const checks = new ReconcileService(app);
  // A check waits on Amazon's report; the lease outlives one tick's downloads and comparisons.
  app.jobs.define({ name: RECONCILE_JOB, intervalMs: RECONCILE_TICK_MS, leaseMs: 10 * 60_000, run: () => checks.runDue() });
  await app.register(reconcileRoutes, { checks, repair: new DriftRepair(app, actions) });
}
