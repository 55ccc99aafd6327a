/**
 * Reconciliation with Amazon's listings report: types derived from `schema/reconciliation.ts`. `FromSchema`
 * does not follow `$ref`, so the overview's last run and drift items are put back by hand here.
 */
import type { driftRepairResultSchema, listingDriftSchema, reconcileRunSchema, reconciliationSchema } from '../../../schema/reconciliation';
import type { Page } from '../../../schema/common';
import type { FromSchema } from './from-schema';

export type { DriftField } from '../../../schema/reconciliation';
export type ReconcileRun = FromSchema<typeof reconcileRunSchema>;
export type ListingDrift = FromSchema<typeof listingDriftSchema>;
export type Reconciliation = Omit<FromSchema<typeof reconciliationSchema>, 'lastRun' | 'drift'> & {
  lastRun?: ReconcileRun;
  drift: Page<ListingDrift>;
};
export type DriftRepairAction = 'push_ours' | 'accept_amazon';
export type DriftRepairResult = FromSchema<typeof driftRepairResultSchema>;
