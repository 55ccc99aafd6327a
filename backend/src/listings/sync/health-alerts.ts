/**
 * The stuck-sync alert (issue 7): every minute, each connected store whose sync is stuck — a change waiting
 * for Amazon, or a submission in flight, longer than SYNC_STUCK_AFTER_MINUTES — gets one admin notification
 * and one e-mail to the store's contact per episode. An episode lasts from the moment the store became stuck
 * until nothing is stuck any more (`listing_sync_stuck_episodes`), so a long episode is not announced every
 * minute, and a store that gets stuck again later is announced again. A paused store is left out: its pause
 * has its own notice, and its queue waits on purpose.
 */
import type { FastifyInstance } from 'fastify';
import { toDbTime } from '../../db/time';
import * as q from './sync.queries';
import type { SyncHealth } from './types';

export const HEALTH_ALERT_JOB = 'listings-sync:stuck-alerts';
const EVERY_MS = 60_000;

export const isStuckNow = (h: SyncHealth) => h.stuckPending + h.stuckFeeds > 0;

/** Same episode = same key: the store and the moment it became stuck. */
export const stuckNoticeKey = (storeId: number, stuckSince: string) => `sync-stuck:${storeId}:${stuckSince}`;

/** The notice's text: what is stuck, since when, and what to look at. */
export function stuckMessage(storeName: string, h: SyncHealth): { title: string; text: string } {
  const minutes = Math.round(h.stuckAfterMs / 60_000);
  const parts: string[] = [];
  if (h.stuckPending > 0)
    parts.push(
      `${h.stuckPending} listing change${h.stuckPending === 1 ? ' has' : 's have'} waited more than ${minutes} minutes for Amazon`,
    );
  if (h.stuckFeeds > 0)
    parts.push(`${h.stuckFeeds} submission${h.stuckFeeds === 1 ? ' has' : 's have'} been in flight more than ${minutes} minutes`);
  return {
    title: `Sync of "${storeName}" is stuck`,
    text: `${parts.join('; ')} (stuck since ${h.stuckSince ?? 'now'}). Open the store's dashboard (Sync health) and the Communication Log to see why; listings keep their pending changes and are sent as soon as Amazon answers again.`,
  };
}

/** One pass over the stores; returns what it did (the job's summary). */
export async function raiseStuckAlerts(
  app: FastifyInstance,
  health: (storeId: number) => Promise<SyncHealth>,
): Promise<{ stores: number; raised: number; ended: number }> {
  const episodes = await q.openEpisodes(app.db);
  const connected = await app.stores.authorizations.connectedStoreIds();
  const summary = { stores: connected.length, raised: 0, ended: 0 };
  for (const storeId of new Set([...connected, ...episodes.keys()])) {
    const running = connected.includes(storeId) && !(await app.stores.syncState(storeId)).paused;
    const h = running ? await health(storeId) : null;
    if (!h || !isStuckNow(h) || !h.stuckSince) {
      if (episodes.has(storeId)) {
        await q.closeEpisode(app.db, storeId);
        summary.ended += 1;
      }
      continue;
    }
    if (episodes.has(storeId)) continue;
    const store = await app.stores.service.get(storeId);
    const now = app.clock.now();
    const { title, text } = stuckMessage(store.name, h);
    await app.db.transaction(async (trx) => {
      await q.openEpisode(trx, storeId, toDbTime(new Date(h.stuckSince!)), toDbTime(now));
      const raised = await app.stores.notifications.notifyOnce(
        trx,
        { kind: 'sync_stuck', severity: 'error', storeId, title, message: text, dedupeKey: stuckNoticeKey(storeId, h.stuckSince!) },
        now,
        {
          to: store.email,
          subject: `Amazon store "${store.name}" (${store.marketplace.name}): sync is stuck`,
          body: `Hello,\n\n${text}\n`,
        },
      );
      if (raised) summary.raised += 1;
    });
  }
  return summary;
}

export function defineHealthAlerts(app: FastifyInstance, health: (storeId: number) => Promise<SyncHealth>): void {
  app.jobs.define({ name: HEALTH_ALERT_JOB, intervalMs: EVERY_MS, run: () => raiseStuckAlerts(app, health) });
}
