/**
 * Sync health of a store (issue 7): how long catalog changes take to reach Amazon, how much waits, and whether
 * anything is stuck. Draft-07 literals with `$id`, registered by platform/swagger.ts and shared with the admin
 * (backend/src/listings/sync/health.routes.ts serves them).
 */
const ms = (description: string) => ({ type: ['integer', 'null'], minimum: 0, description }) as const;
const count = (description: string) => ({ type: 'integer', minimum: 0, description }) as const;

export const syncHealthSchema = {
  $id: 'SyncHealth',
  type: 'object',
  required: [
    'storeId',
    'queueDepth',
    'oldestPendingAt',
    'oldestPendingAgeMs',
    'inFlightFeeds',
    'stuckFeeds',
    'stuckPending',
    'stuckAfterMs',
    'stuckSince',
    'latencyP50Ms',
    'latencyP95Ms',
    'samples',
  ],
  properties: {
    storeId: { type: 'integer' },
    queueDepth: count('Listings waiting for Amazon (queued or in flight)'),
    oldestPendingAt: { type: ['string', 'null'], description: 'When the oldest waiting change happened (ISO); null when nothing waits' },
    oldestPendingAgeMs: ms('Age of the oldest waiting change'),
    inFlightFeeds: count('Listings feeds sent and not processed yet'),
    stuckFeeds: count('Submissions (feeds or direct batches) in flight longer than the threshold'),
    stuckPending: count('Listings whose change has waited longer than the threshold'),
    stuckAfterMs: { type: 'integer', minimum: 0, description: 'The threshold (SYNC_STUCK_AFTER_MINUTES)' },
    stuckSince: { type: ['string', 'null'], description: 'When the store became stuck (ISO); null when nothing is stuck' },
    latencyP50Ms: ms('Median time from a catalog change to Amazon’s acknowledgement, last hour'),
    latencyP95Ms: ms('95th percentile of the same'),
    samples: count('Acknowledgements measured in the last hour'),
  },
} as const;

export const syncHealthListSchema = {
  $id: 'SyncHealthList',
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: { $ref: 'SyncHealth#' } } },
} as const;

export const syncHealthSchemas = [syncHealthSchema, syncHealthListSchema];
