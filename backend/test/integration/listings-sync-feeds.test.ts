/**
 * Sync engine, the many-listings path against the simulator: one JSON_LISTINGS_FEED for many listings,
 * polling without blocking, the processing report applied message by message (failed messages keep
 * Amazon's issues, the rest are acknowledged), FATAL feeds and retryable issues retried after a backoff.
 */
import assert from 'node:assert/strict';
import type { SyncOutcome } from '../../src/listings/sync/index';
import { desired, startSyncHarness, type SyncHarness } from './listings-sync-harness';

describe('listings sync: feeds (JSON_LISTINGS_FEED)', function () {
  this.timeout(60_000);
  let h: SyncHarness;
  const outcomes: SyncOutcome[] = [];

  before(async () => {
    h = await startSyncHarness();
    h.app.listingsSync.onOutcome(async (_trx, o) => void outcomes.push(o));
  });
  after(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    outcomes.length = 0;
    await h.control('POST', '/_simulator/clock', { advanceSeconds: 3600 });
  });

  const drain = () => h.app.listingsSync.drainStore(h.storeId);

  it('sends many listings as one feed, polls it without blocking, and acknowledges every message', async () => {
    const ids = await h.addListings(30, 'MANY');
    for (const id of ids) await h.setDesired(h.app, id, desired({ price: '12.00' }));
    const puts = h.calls('putListingsItem');
    const first = await drain();
    assert.equal(first.feedsCreated, 1);
    assert.equal(first.sentInFeeds, 30);
    assert.equal(h.calls('createFeed'), 1);
    assert.equal(h.calls('putListingsItem'), puts, 'no direct call for a batch');
    assert.equal((await h.app.listingsSync.health(h.storeId)).inFlightFeeds, 1);

    // Before Amazon processed it: nothing new is sent, nothing acknowledged.
    const second = await drain();
    assert.equal(second.feedsCreated + second.sentDirect, 0);
    assert.equal(outcomes.length, 0);

    h.advanceFeeds();
    const third = await drain();
    assert.equal(third.completedFeeds, 1);
    assert.equal(third.published, 30);
    assert.equal(outcomes.length, 30);
    assert.ok(outcomes.every((o) => o.kind === 'published' && o.amazonStatus.includes('BUYABLE')));
    const state = await h.app.listingsSync.state(ids);
    assert.ok([...state.values()].every((s) => !s.pending && s.acknowledged?.price === '12.00'));
    assert.equal(h.feedMessages().length, 30);
    const health = await h.app.listingsSync.health(h.storeId);
    assert.equal(health.inFlightFeeds, 0);
    assert.equal(health.queueDepth, 0);
    const log = await h.app.listingsSync.activity(ids[0]!, {});
    assert.deepEqual(
      log.map((e) => e.kind),
      ['amazon_accepted', 'sent_in_feed'],
    );
  });

  it("leaves exactly the failed messages' listings failed with Amazon's issues, and acknowledges the others", async () => {
    const ids = await h.addListings(25, 'PART');
    for (const id of ids) await h.setDesired(h.app, id, desired({ price: '13.00' }));
    await h.control('POST', '/_simulator/feeds/faults', {
      messageErrors: { messageIds: [2, 7], code: '8560', message: 'SKU mismatch with the ASIN' },
    });
    await drain();
    h.advanceFeeds();
    const r = await drain();
    assert.equal(r.failed, 2);
    assert.equal(r.published, 23);
    const messages = h.feedMessages().filter((m) => m.sku.startsWith('PART-'));
    const failedSkus = new Set(messages.filter((m) => m.messageId === 2 || m.messageId === 7).map((m) => m.sku));
    const failedIds = new Set(outcomes.filter((o) => o.kind === 'failed').map((o) => o.listingId));
    assert.equal(failedIds.size, 2);
    for (const id of ids) {
      const sku = await h.skuOf(id);
      const o = outcomes.find((x) => x.listingId === id);
      if (failedSkus.has(sku)) {
        assert.equal(o?.kind, 'failed');
        assert.deepEqual(o?.issues, [{ code: '8560', message: 'SKU mismatch with the ASIN', severity: 'ERROR' }]);
        assert.equal(h.simListing(sku), undefined);
      } else {
        assert.equal(o?.kind, 'published');
        assert.equal(h.simListing(sku)?.price, '13');
      }
    }
    const states = await h.app.listingsSync.state(ids);
    assert.equal([...states.values()].filter((s) => s.lastError?.kind === 'failed').length, 2);
    // Data errors are not retried: the next pass sends nothing.
    h.advanceFeeds();
    const again = await drain();
    assert.equal(again.sentDirect + again.sentInFeeds, 0);
  });

  it('a FATAL feed puts every listing back in the queue with a backoff and is retried later', async () => {
    const ids = await h.addListings(22, 'FATAL');
    for (const id of ids) await h.setDesired(h.app, id, desired({ price: '14.00' }));
    await h.control('POST', '/_simulator/feeds/faults', { fatalNext: 1, reason: 'The feed could not be processed.' });
    await drain();
    h.advanceFeeds();
    const r = await drain();
    assert.equal(r.retrying, 22);
    assert.equal(r.feedsCreated, 0, 'not resent at once');
    const s = (await h.app.listingsSync.state([ids[0]!])).get(ids[0]!);
    assert.equal(s?.pending, true);
    assert.equal(s?.attempts, 1);
    assert.ok(s?.nextAttemptAt);
    assert.match(JSON.stringify(s?.lastError), /could not be processed/);
    assert.equal((await drain()).feedsCreated, 0, 'still backing off');
    h.sim.advance(61);
    assert.equal((await drain()).feedsCreated, 1);
    h.advanceFeeds();
    const done = await drain();
    assert.equal(done.published, 22);
    for (const id of ids) assert.equal(h.simListing(await h.skuOf(id))?.price, '14');
  });

  it('retries a message that failed for a retryable reason; a change made while a feed is in flight is sent after it', async () => {
    const ids = await h.addListings(21, 'RETRY');
    for (const id of ids) await h.setDesired(h.app, id, desired({ price: '15.00' }));
    await h.control('POST', '/_simulator/feeds/faults', {
      messageErrors: { messageIds: [1], code: '4000003', message: 'An internal error occurred. Try again.' },
    });
    await drain();
    // Changed while in flight: the feed's answer acknowledges 15.00, and 16.00 stays pending.
    await h.setDesired(h.app, ids[20]!, desired({ price: '16.00' }));
    h.advanceFeeds();
    const r = await drain();
    assert.equal(r.retrying, 1);
    assert.equal(r.published, 21, '20 messages accepted in the feed, then the PATCH of the listing changed in flight');
    assert.equal(r.sentDirect, 1, 'the listing changed in flight goes right after (by PATCH)');
    assert.equal(h.simListing(await h.skuOf(ids[20]!))?.price, '16');
    h.sim.advance(61);
    const retried = await drain();
    assert.equal(retried.sentDirect, 1);
    assert.equal(retried.published, 1);
    assert.equal(h.simListing(await h.skuOf(ids[0]!))?.price, '15');
  });

  it('a change back to the acknowledged state while the previous one is in flight is still sent (no lost update)', async () => {
    const ids = await h.addListings(25, 'RACE'); // more than go by direct calls: a feed, in flight until processed
    const setAll = (price: string) =>
      h.app.db.transaction(async (trx) => {
        for (const id of ids) await h.app.listingsSync.setDesired(trx, id, desired({ price }));
      });
    const drained = async () => {
      await h.app.listingsSync.drainStore(h.storeId);
      h.advanceFeeds();
      await h.app.listingsSync.drainStore(h.storeId);
    };
    await setAll('30.00');
    await drained(); // A acknowledged
    await setAll('31.00');
    await h.app.listingsSync.drainStore(h.storeId); // B in flight in a feed
    h.advanceFeeds();
    // The catalog goes back to A in a transaction that stays open while the worker reads the feed's report and
    // records Amazon's answer for B: that answer must see A once the transaction commits, not the B it read before.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const change = h.app.db.transaction(async (trx) => {
      await h.app.listingsSync.setDesired(trx, ids[0]!, desired({ price: '30.00' }));
      await held;
    });
    const pass = h.app.listingsSync.drainStore(h.storeId);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    release();
    await Promise.all([change, pass]);
    await h.app.listingsSync.drainStore(h.storeId);
    const state = (await h.app.listingsSync.state([ids[0]!])).get(ids[0]!);
    assert.equal(state?.desired?.price, '30.00');
    assert.equal(state?.acknowledged?.price, '30.00', 'A was sent after B, not left unsent behind it');
    assert.equal(state?.pending, false);
    assert.equal(h.simListing(await h.skuOf(ids[0]!))?.price, '30', 'Amazon ends with the catalog’s last price');
  });
});
