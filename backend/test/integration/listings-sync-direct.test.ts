/**
 * Sync engine, the few-listings path against the simulator: coalescing, PUT then PATCH through the
 * Listings Items API, outcomes in the caller's transaction, activity log, idempotent passes, deletes,
 * refused data, a paused store keeping its queue, a revoked authorization, and the per-store jobs.
 */
import assert from 'node:assert/strict';
import type { SyncOutcome } from '../../src/listings/sync/index';
import { desired, startSyncHarness, type SyncHarness } from './listings-sync-harness';

const LISTING_OPS = ['putListingsItem', 'patchListingsItem', 'deleteListingsItem', 'createFeed'];

describe('listings sync: direct path (Listings Items API)', function () {
  this.timeout(60_000);
  let h: SyncHarness;
  const outcomes: SyncOutcome[] = [];
  const callsNow = () => Object.fromEntries(LISTING_OPS.map((op) => [op, h.calls(op)]));
  const delta = (before: Record<string, number>) =>
    Object.fromEntries(LISTING_OPS.map((op) => [op, h.calls(op) - (before[op] ?? 0)]).filter(([, n]) => n !== 0));

  before(async () => {
    h = await startSyncHarness();
    h.app.listingsSync.onOutcome(async (trx, o) => {
      // Runs inside the transaction that records the acknowledgement: prove it by reading our own write.
      const row = await trx('listing_sync').where({ listing_id: o.listingId }).first('in_flight_submission_id');
      assert.equal(row?.in_flight_submission_id ?? null, null);
      outcomes.push(o);
    });
  });
  after(async () => {
    await h?.close();
  });
  beforeEach(() => {
    outcomes.length = 0;
  });

  it('coalesces ten changes into one update: one PUT first, then one PATCH for ten price changes', async () => {
    const [id] = await h.addListings(1, 'CO');
    const sku = await h.skuOf(id!);
    for (let i = 1; i <= 10; i++) await h.setDesired(h.app, id!, desired({ price: `10.${String(i).padStart(2, '0')}` }));
    let before = callsNow();
    const first = await h.app.listingsSync.drainStore(h.storeId);
    assert.deepEqual(delta(before), { putListingsItem: 1 });
    assert.equal(first.published, 1);
    assert.equal(h.simListing(sku)?.price, '10.1');

    for (let i = 1; i <= 10; i++) await h.setDesired(h.app, id!, desired({ price: `11.${String(i).padStart(2, '0')}` }));
    before = callsNow();
    await h.app.listingsSync.drainStore(h.storeId);
    assert.deepEqual(delta(before), { patchListingsItem: 1 }, 'an offer-only change goes as one PATCH');
    assert.equal(h.simListing(sku)?.price, '11.1');
    assert.deepEqual(h.simListing(sku)?.status, ['BUYABLE', 'DISCOVERABLE']);
    const state = (await h.app.listingsSync.state([id!])).get(id!);
    assert.equal(state?.pending, false);
    assert.equal(state?.acknowledged?.price, '11.10');
    assert.equal(outcomes.length, 2);
    assert.deepEqual(
      outcomes.map((o) => o.kind),
      ['published', 'published'],
    );
  });

  it('sends a handful of listings one by one and writes the activity log of what was sent and answered', async () => {
    const ids = await h.addListings(3, 'FEW');
    for (const id of ids) await h.setDesired(h.app, id, desired({ price: '25.00', quantity: 3 }));
    const before = callsNow();
    const r = await h.app.listingsSync.drainStore(h.storeId);
    assert.deepEqual(delta(before), { putListingsItem: 3 });
    assert.equal(r.sentDirect, 3);
    assert.equal(r.feedsCreated, 0);
    for (const id of ids) assert.equal(h.simListing(await h.skuOf(id))?.quantity, 3);
    const log = await h.app.listingsSync.activity(ids[0]!, { limit: 10 });
    assert.deepEqual(
      log.map((e) => e.kind),
      ['amazon_accepted', 'sent_put'],
    );
    const sent = log[1]?.sent as { operation: string; body: { attributes: Record<string, unknown> } };
    assert.equal(sent.operation, 'put');
    assert.ok(sent.body.attributes.purchasable_offer, 'the activity shows the attributes sent');
    assert.equal((log[0]?.answer as { status: string }).status, 'ACCEPTED');
    const health = await h.app.listingsSync.health(h.storeId);
    assert.equal(health.queueDepth, 0);
    assert.ok(health.samples >= 3 && health.latencyP50Ms !== null && health.latencyP95Ms !== null);
  });

  it('a pass with nothing dirty sends nothing, and setting the same desired state again changes nothing', async () => {
    const [id] = await h.addListings(1, 'IDEM');
    await h.setDesired(h.app, id!, desired({ price: '30.00' }));
    await h.app.listingsSync.drainStore(h.storeId);
    await h.setDesired(h.app, id!, desired({ price: '30.00' }));
    const total = () => Object.values((h.sim.state().counters as { calls: Record<string, number> }).calls).reduce((a, b) => a + b, 0);
    const before = total();
    const r = await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(total(), before, 'no SP-API call at all');
    assert.equal(r.sentDirect + r.sentInFeeds, 0);
  });

  it('deletes from Amazon and reports "deleted"; a listing never sent is deleted without asking Amazon', async () => {
    const [sent, never] = await h.addListings(2, 'DEL');
    await h.setDesired(h.app, sent!, desired());
    await h.app.listingsSync.drainStore(h.storeId);
    assert.ok(h.simListing(await h.skuOf(sent!)));
    outcomes.length = 0;
    await h.setDesired(h.app, sent!, null);
    await h.setDesired(h.app, never!, null);
    const before = callsNow();
    await h.app.listingsSync.drainStore(h.storeId);
    assert.deepEqual(delta(before), { deleteListingsItem: 1 });
    assert.equal(h.simListing(await h.skuOf(sent!)), undefined);
    assert.deepEqual(outcomes.map((o) => [o.listingId, o.kind]).sort(), [
      [sent, 'deleted'],
      [never, 'deleted'],
    ]);
    // The sync row stays until the listings domain deletes the listing after this outcome.
    assert.equal((await h.app.listingsSync.state([sent!])).get(sent!)?.pending, false);
  });

  it("leaves refused data failed with Amazon's issues, does not resend it, and sends again when the data changes", async () => {
    const [id] = await h.addListings(1, 'BAD');
    await h.setDesired(h.app, id!, desired({ asin: null }));
    await h.app.listingsSync.drainStore(h.storeId);
    const failed = outcomes.find((o) => o.listingId === id);
    assert.equal(failed?.kind, 'failed');
    assert.ok(failed?.issues.some((i) => i.code === '90220' && /merchant_suggested_asin/.test(i.message)));
    const state = (await h.app.listingsSync.state([id!])).get(id!);
    assert.equal(state?.pending, false);
    assert.equal(state?.lastError?.kind, 'failed');
    const before = callsNow();
    await h.app.listingsSync.drainStore(h.storeId);
    assert.deepEqual(delta(before), {}, 'a data error is not retried');
    await h.setDesired(h.app, id!, desired({ asin: 'B0SIM00002' }));
    await h.app.listingsSync.drainStore(h.storeId);
    assert.deepEqual(delta(before), { putListingsItem: 1 });
    assert.equal((await h.app.listingsSync.state([id!])).get(id!)?.lastError, null);
  });

  it('a paused store keeps its queue and resumes when activated', async () => {
    const [id] = await h.addListings(1, 'PAUSE');
    const off = await h.as(h.admin)({ method: 'POST', url: `/api/stores/${h.storeId}/deactivate` });
    assert.equal(off.statusCode, 200, off.body);
    await h.setDesired(h.app, id!, desired({ price: '40.00' }));
    const before = callsNow();
    const r = await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(r.paused, 'deactivated');
    assert.deepEqual(delta(before), {});
    assert.equal((await h.app.listingsSync.health(h.storeId)).queueDepth, 1);
    await h.as(h.admin)({ method: 'POST', url: `/api/stores/${h.storeId}/activate` });
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(h.simListing(await h.skuOf(id!))?.price, '40');
    assert.equal((await h.app.listingsSync.health(h.storeId)).queueDepth, 0);
  });

  it('runs as a job per store under a DB lease', async () => {
    const [id] = await h.addListings(1, 'JOB');
    await h.setDesired(h.app, id!, desired({ price: '41.00' }));
    const discovery = await h.app.jobs.runNow('listings-sync');
    assert.deepEqual(discovery, { ran: true, summary: { stores: 1 } });
    const pass = await h.app.jobs.runNow(`listings-sync:store:${h.storeId}`);
    assert.equal(pass.ran, true);
    assert.equal(h.simListing(await h.skuOf(id!))?.price, '41');
  });

  it('throttled beyond the gateway retries: the pass stops and the listing stays queued, sent on a later pass', async () => {
    const [id] = await h.addListings(1, 'THROTTLE');
    await h.setDesired(h.app, id!, desired({ price: '45.00' }));
    await h.control('POST', '/_simulator/faults', { operation: 'putListingsItem', kind: 429, count: 20 });
    const r = await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(r.stopped, 'throttled');
    const s = (await h.app.listingsSync.state([id!])).get(id!);
    assert.equal(s?.pending, true);
    assert.equal(s?.attempts, 0, 'throttling is not a failure of the listing');
    h.sim.sim.faults.clear();
    const again = await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(again.published, 1);
    assert.equal(h.simListing(await h.skuOf(id!))?.price, '45');
  });

  it('stops the pass and pauses the store when the seller revoked the authorization; the queue is kept', async () => {
    const [id] = await h.addListings(1, 'REVOKE');
    await h.setDesired(h.app, id!, desired({ price: '50.00' }));
    await h.control('POST', '/_simulator/authorizations/revoke', {
      sellerId: 'A2SIMOUTDOOR01',
      applicationId: 'amzn1.sellerapps.app.5a1e5c4a-0000-4000-8000-000000000001',
    });
    // The cached access token is still valid for a while on Amazon's side; forget it as a new process would.
    h.app.spapi.forget(await h.app.stores.sellerContext(h.storeId));
    const r = await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(r.stopped, 'authorization');
    assert.equal((await h.app.stores.syncState(h.storeId)).paused, true);
    const state = (await h.app.listingsSync.state([id!])).get(id!);
    assert.equal(state?.pending, true);
    assert.equal((await h.app.listingsSync.drainStore(h.storeId)).paused !== null, true);
  });
});
