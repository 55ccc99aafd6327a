/**
 * The recurring authorization work: the expiry sweep (reminders at 30/7/1 days, Expired at the deadline)
 * and a cheap periodic check that each connected store's token still works (detects a revoke in Seller Central).
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../platform/errors';
import { deleteStaleConsentStates } from './consent-states.queries';

export const EXPIRY_SWEEP_JOB = 'amazon-auth.expiry-sweep';
export const AUTHORIZATION_CHECK_JOB = 'amazon-auth.authorization-check';

export function defineAuthorizationJobs(app: FastifyInstance): void {
  app.jobs.define({
    name: EXPIRY_SWEEP_JOB,
    intervalMs: 3_600_000,
    run: async () => {
      const result = await app.stores.authorizations.sweepExpiry();
      const purged = await deleteStaleConsentStates(app.db, new Date(app.clock.nowMs() - 86_400_000));
      return { ...result, purgedConsentStates: purged };
    },
  });

  app.jobs.define({
    name: AUTHORIZATION_CHECK_JOB,
    intervalMs: 6 * 3_600_000,
    leaseMs: 30 * 60_000,
    run: async () => {
      let ok = 0;
      let lost = 0;
      let failed = 0;
      for (const storeId of await app.stores.authorizations.connectedStoreIds()) {
        try {
          // One Sellers call per store: the cheapest authenticated call there is (rate 0.016/s, burst 15).
          await app.spapi.getMarketplaceParticipations(await app.stores.sellerContext(storeId));
          await app.stores.authorizations.markChecked(storeId);
          ok += 1;
        } catch (err) {
          const after = await app.stores.reportAuthorizationFailure(storeId, err);
          if (after.state === 'connected' || after.state === 'expiring_soon') {
            failed += 1;
            if (!(err instanceof AppError)) app.log.error({ err, storeId }, 'authorization check failed');
          } else lost += 1;
        }
      }
      return { ok, lost, failed };
    },
  });
}
