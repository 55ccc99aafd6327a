/** What one worker pass reports (a fresh tally, counting applied outcomes), and the small pool it sends direct calls through. */
import type { AppliedAs } from './outcomes';
import type { DrainResult } from './types';

export const emptyResult = (storeId: number): DrainResult => ({
  storeId,
  paused: null,
  stopped: null,
  recovered: 0,
  polled: 0,
  completedFeeds: 0,
  sentDirect: 0,
  sentInFeeds: 0,
  feedsCreated: 0,
  published: 0,
  deleted: 0,
  failed: 0,
  retrying: 0,
  gathered: 0,
});

export function count(r: DrainResult, applied: AppliedAs): void {
  if (applied === 'published') r.published++;
  else if (applied === 'deleted') r.deleted++;
  else if (applied === 'failed') r.failed++;
  else if (applied === 'retry') r.retrying++;
}

/** Runs `fn` over items with at most `limit` at once. */
export async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++] as T);
  });
  await Promise.all(lanes);
}
