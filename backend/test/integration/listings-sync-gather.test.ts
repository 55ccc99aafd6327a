/**
 * Sync engine, a burst still flowing in (a catalog import read page by page): the scheduler's pass gathers it
 * into one feed instead of sending a small feed per page (policy.ts shouldGather), on the app clock — while a
 * handful still goes at once by direct calls, a direct drain sends at once, and no change waits past the cap.
 * Also the batch form setDesiredMany: coalesced like setDesired called in order.
 */
import assert from 'node:assert/strict';
import { fromDbTime } from '../../src/db/time';
import { GATHER_MAX_WAIT_MS, GATHER_QUIET_MS } from '../../src/listings/sync/policy';
import type { DesiredEntry } from '../../src/listings/sync/types';
import { desired, startSyncHarness, type SyncHarness } from './listings-sync-harness';

describe('listings sync: gathering a burst into one feed', function () {
  this.timeout(60_000);
  let h: SyncHarness;

  before(async () => {
    h = await startSyncHarness();
    await h.app.jobs.runNow('listings-sync'); // defines the store's job
  });
  after(async () => h?.close());
  beforeEach(async () => {
    await h.control('POST', '/_simulator/clock', { advanceSeconds: 3600 });
  });

  const pass = () => h.app.jobs.runNow(`listings-sync:store:${h.storeId}`);
  const setMany = (entries: DesiredEntry[]) => h.app.db.transaction((trx) => h.app.listingsSync.setDesiredMany(trx, entries));
  const dirty = (ids: number[], price: string, changedAt?: Date) =>
    setMany(ids.map((listingId) => ({ listingId, desired: desired({ price }), changedAt })));
  const waitMs = (ms: number) => h.sim.advance(ms / 1000);

  it('holds a burst back while it flows in, then sends it as one feed', async () => {
    const feeds = h.calls('createFeed');
    const first = await h.addListings(25, 'BURST-A');
    await dirty(first, '10.00');
    await pass();
    assert.equal(h.calls('createFeed'), feeds, 'listings made dirty a moment ago: more are coming');
    assert.equal((await h.app.listingsSync.health(h.storeId)).queueDepth, 25);

    waitMs(GATHER_QUIET_MS - 500);
    const second = await h.addListings(15, 'BURST-B');
    await dirty(second, '11.00');
    await pass();
    assert.equal(h.calls('createFeed'), feeds, 'still flowing in');

    waitMs(GATHER_QUIET_MS + 100);
    await pass();
    assert.equal(h.calls('createFeed'), feeds + 1, 'quiet for a moment: one feed');
    const lastFeed = h.feedMessages().at(-1)!.feedId;
    const sent = h.feedMessages().filter((m) => m.feedId === lastFeed);
    const expected = await Promise.all([...first, ...second].map((id) => h.skuOf(id)));
    assert.deepEqual(sent.map((m) => m.sku).sort(), expected.sort(), 'both parts of the burst, each once');
    h.advanceFeeds();
    await pass();
    assert.equal((await h.app.listingsSync.health(h.storeId)).queueDepth, 0);
  });

  it('does not hold back a change that already waited the cap, a handful, or a direct drain', async () => {
    const feeds = h.calls('createFeed');
    const old = await h.addListings(25, 'OLD');
    await dirty(old, '12.00', new Date(h.app.clock.now().getTime() - GATHER_MAX_WAIT_MS - 1000));
    await pass();
    assert.equal(h.calls('createFeed'), feeds + 1, 'the oldest change waited past the cap: sent now');

    const puts = h.calls('putListingsItem');
    const few = await h.addListings(3, 'FEW');
    await dirty(few, '13.00');
    await pass();
    assert.equal(h.calls('putListingsItem'), puts + 3, 'a handful goes at once by direct calls');

    const burst = await h.addListings(25, 'DRAIN');
    await dirty(burst, '14.00');
    const r = await h.app.listingsSync.drainStore(h.storeId);
    assert.deepEqual([r.gathered, r.feedsCreated], [0, 1], 'drainStore sends what is due');
  });

  it('setDesiredMany coalesces like setDesired in order: the last state, the first change time', async () => {
    const [id] = await h.addListings(1, 'MANY');
    const t0 = h.app.clock.now().getTime() - 60_000;
    await setMany([
      { listingId: id!, desired: desired({ price: '20.00' }), changedAt: new Date(t0) },
      { listingId: id!, desired: desired({ price: '21.00' }), changedAt: new Date(t0 + 10_000) },
    ]);
    await setMany([{ listingId: id!, desired: desired({ price: '22.00' }), changedAt: new Date(t0 + 20_000) }]);
    const row = await h.db.knex('listing_sync').where({ listing_id: id }).first();
    assert.equal(JSON.parse(String(row.desired)).price, '22.00');
    assert.ok(Math.abs(Date.parse(fromDbTime(String(row.dirty_since))!) - t0) < 1000, 'the wait starts at the first change');
    assert.equal(Boolean(row.pending), true);
    await assert.rejects(setMany([{ listingId: 987654, desired: null }]), /987654|not found/i);
  });
});
