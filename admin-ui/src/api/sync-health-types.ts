/** Sync health of a store (GET /api/stores/:id/sync-health, GET /api/sync-health), derived from `schema/sync-health.ts`. */
import type { syncHealthSchema } from '../../../schema/sync-health';
import type { FromSchema } from './from-schema';

export type SyncHealth = FromSchema<typeof syncHealthSchema>;
export interface SyncHealthList {
  items: SyncHealth[];
}
