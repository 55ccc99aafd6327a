/**
 * Sync engine crash safety: a worker killed in the middle of sending a feed (after Amazon created it but
 * before the feedId was stored; or before Amazon got it), then a fresh app instance on the same database
 * drains the store. Every listing ends correct and the simulator received every message exactly once.
 */
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { desired, startSyncHarness, type SyncHarness } from './listings-sync-harness';

/** A promise that never settles: the "process" is frozen at this point forever, as if killed. */
const never = () => new Promise<never>(() => {});

describe('listings sync: a worker killed in the middle of a feed', function () {
  this.timeout(60_000);
  let h: SyncHarness;

  before(async () => {
    h = await startSyncHarness();
  });
  after(async () => {
    await h?.close();
  });

  async function killDuring(app: FastifyInstance, afterAmazonGotIt: boolean): Promise<void> {
    const original = app.spapi.submitListingsFeed.bind(app.spapi);
    const feedsBefore = h.sim.sim.world.feeds.feeds.size;
    let reached = false;
    app.spapi.submitListingsFeed = async (...args) => {
      reached = true;
      if (afterAmazonGotIt) await original(...args);
      return never();
    };
    void app.listingsSync.drainStore(h.storeId);
    for (let i = 0; i < 200 && (!reached || (afterAmazonGotIt && h.sim.sim.world.feeds.feeds.size === feedsBefore)); i++)
      await new Promise((r) => setTimeout(r, 25));
    assert.ok(reached, 'the doomed pass reached the feed submission');
  }

  async function expectAllPublished(ids: number[], price: string, prefix: string): Promise<void> {
    const state = await h.app.listingsSync.state(ids);
    for (const id of ids) {
      const s = state.get(id);
      assert.equal(s?.pending, false, `listing ${id} still pending`);
      assert.equal(s?.acknowledged?.price, price);
      assert.equal(h.simListing(await h.skuOf(id))?.price, String(Number(price)));
    }
    const messages = h.feedMessages().filter((m) => m.sku.startsWith(`${prefix}-`));
    const perSku = new Map<string, number>();
    for (const m of messages) perSku.set(m.sku, (perSku.get(m.sku) ?? 0) + 1);
    assert.equal(perSku.size, ids.length, 'every listing was sent');
    assert.deepEqual([...new Set(perSku.values())], [1], 'no message sent twice');
  }

  it('killed after Amazon created the feed: the restarted worker finds the feed, applies its report and sends nothing again', async () => {
    const ids = await h.addListings(40, 'CRASH-A');
    for (const id of ids) await h.setDesired(h.app, id, desired({ price: '21.00' }));
    const doomed = await h.restart();
    await killDuring(doomed, true);
    assert.equal(h.feedMessages().filter((m) => m.sku.startsWith('CRASH-A-')).length, 40, 'Amazon has the feed');

    const fresh = await h.restart();
    const feedsBefore = h.calls('createFeed');
    const r1 = await fresh.listingsSync.drainStore(h.storeId);
    assert.equal(r1.recovered, 1);
    assert.equal(r1.feedsCreated, 0, 'nothing resent while the found feed is processed');
    h.advanceFeeds();
    const r2 = await fresh.listingsSync.drainStore(h.storeId);
    assert.equal(r2.published, 40);
    assert.equal(h.calls('createFeed'), feedsBefore);
    await expectAllPublished(ids, '21.00', 'CRASH-A');
    const log = await fresh.listingsSync.activity(ids[0]!, {});
    assert.ok(log.some((e) => e.kind === 'feed_recovered'));
  });

  it('killed before Amazon got the feed: the restarted worker learns it never arrived and sends it once', async () => {
    const ids = await h.addListings(30, 'CRASH-B');
    for (const id of ids) await h.setDesired(h.app, id, desired({ price: '22.00' }));
    const doomed = await h.restart();
    await killDuring(doomed, false);
    assert.equal(h.feedMessages().filter((m) => m.sku.startsWith('CRASH-B-')).length, 0);

    const fresh = await h.restart();
    const r1 = await fresh.listingsSync.drainStore(h.storeId);
    assert.equal(r1.recovered, 1);
    assert.equal(r1.feedsCreated, 1, 'sent once, in the same pass that found it missing');
    h.advanceFeeds();
    await fresh.listingsSync.drainStore(h.storeId);
    await expectAllPublished(ids, '22.00', 'CRASH-B');
  });

  it('dying while applying a report (its transaction rolls back) leaves the report to the next worker', async () => {
    const ids = await h.addListings(30, 'CRASH-C');
    for (const id of ids) await h.setDesired(h.app, id, desired({ price: '23.00' }));
    await h.app.listingsSync.drainStore(h.storeId);
    h.advanceFeeds();
    const doomed = await h.restart();
    let handled = 0;
    doomed.listingsSync.onOutcome(async () => {
      if (++handled === 10) throw new Error('process died');
    });
    await assert.rejects(doomed.listingsSync.drainStore(h.storeId), /process died/);
    assert.equal((await h.app.listingsSync.state(ids)).get(ids[0]!)?.pending, true, 'nothing of the rolled-back report stayed');
    const fresh = await h.restart();
    const r = await fresh.listingsSync.drainStore(h.storeId);
    assert.equal(r.published, 30);
    await expectAllPublished(ids, '23.00', 'CRASH-C');
  });
});
