/**
 * Sync health (issue 7) through the simulator: a catalog change's wait for Amazon is measured from the change
 * log entry, not from when the listings domain got to it; queue depth and the oldest change's age while the
 * store is paused; stuck detection and exactly one alert (notice + e-mail) per stuck episode; the routes.
 */
import assert from 'node:assert/strict';
import { ALL, cond, startListingsHarness, type ListingsHarness } from './listings-harness';
import { HEALTH_ALERT_JOB } from '../../src/listings/sync/health-alerts';
import { fromDbTime, toDbTime } from '../../src/db/time';

const MINUTE_S = 60;

describe('listings sync: health figures, stuck alerts and their routes', function () {
  this.timeout(120_000);
  let h: ListingsHarness;
  let bottleId: number;

  const health = (cookie?: string) => h.api({ method: 'GET', url: `/api/stores/${h.storeId}/sync-health` }, cookie);
  const figures = async () => {
    const res = await health();
    assert.equal(res.statusCode, 200, res.body);
    return res.json<Record<string, number | string | null>>();
  };
  const setSource = async (quantity: number) => {
    const res = await h.api({
      method: 'PUT',
      url: `/api/catalog/products/${h.products.BOTTLE}/source-items/wh_a`,
      payload: { quantity, inStock: true },
    });
    assert.ok(res.statusCode < 300, res.body);
  };
  const lastChangeAt = async () => String((await h.db.knex('catalog_changes').orderBy('id', 'desc').first('created_at')).created_at);
  const consume = () => h.app.jobs.runNow('listings.catalog-changes');
  const drain = () => h.app.listingsSync.drainStore(h.storeId);
  const syncRow = async () => h.db.knex('listing_sync').where({ listing_id: bottleId }).first();
  const lastItem = async () => h.db.knex('listing_sync_items').where({ listing_id: bottleId }).orderBy('submission_id', 'desc').first();
  const storeAction = async (action: 'activate' | 'deactivate') => {
    const res = await h.api({ method: 'POST', url: `/api/stores/${h.storeId}/${action}` });
    assert.equal(res.statusCode, 200, res.body);
  };
  const stuckNotices = () => h.db.knex('admin_notifications').where({ kind: 'sync_stuck', store_id: h.storeId }).orderBy('id');
  const alerts = async () => {
    const r = await h.app.jobs.runNow(HEALTH_ALERT_JOB);
    assert.ok(r.ran);
    return r.summary as { raised: number; ended: number };
  };

  before(async () => {
    h = await startListingsHarness();
    const conditions = ALL([cond('product_type', 'in', ['simple']), cond('attribute', 'is_not_empty', undefined, 'ean')]);
    const rule = await h.api({ method: 'PUT', url: `/api/stores/${h.storeId}/listing-rule`, payload: { conditions } });
    assert.ok(rule.statusCode < 300, rule.body);
    await h.app.jobs.runNow('listings.matching');
    bottleId = (await h.listingBySku('BOTTLE')).id;
    const published = await h.api({ method: 'POST', url: `/api/stores/${h.storeId}/listings/${bottleId}/publish` });
    assert.ok(published.statusCode < 300, published.body);
    await drain();
    assert.equal((await syncRow()).pending ? 1 : 0, 0, 'published and acknowledged');
  });
  after(async () => h?.close());

  it('measures the latency from the catalog change, not from when the consumer ran', async () => {
    await setSource(7);
    const changedAt = await lastChangeAt();
    // The consumer and the worker come 7 s after the change (business time follows Amazon's clock).
    h.sim.advance(7);
    await consume();
    assert.equal(String((await syncRow()).dirty_since), changedAt, 'the wait starts at the change log entry');
    await drain();
    const item = await lastItem();
    assert.equal(item.outcome, 'published');
    const expected = Date.parse(fromDbTime(String(item.acknowledged_at))!) - Date.parse(fromDbTime(changedAt)!);
    assert.equal(Number(item.latency_ms), expected);
    assert.ok(expected >= 7_000, `at least the 7 s the change waited (${expected} ms)`);
    const f = await figures();
    assert.ok(Number(f.latencyP95Ms) >= 7_000, JSON.stringify(f));
    assert.equal(f.samples, 2, 'the first publish and this change');
  });

  it('coalesces: a second change before Amazon answered keeps the first change as the start', async () => {
    await setSource(6);
    const first = await lastChangeAt();
    await consume();
    h.sim.advance(3);
    await setSource(5);
    await consume();
    assert.equal(String((await syncRow()).dirty_since), first);
    await drain();
    const item = await lastItem();
    assert.equal(JSON.parse(String(item.desired)).quantity, 5, 'one update carrying the last state');
    const expected = Date.parse(fromDbTime(String(item.acknowledged_at))!) - Date.parse(fromDbTime(first)!);
    assert.equal(Number(item.latency_ms), expected, 'measured from the first change');
    assert.ok(expected >= 3_000);
  });

  it('a paused store keeps its queue: depth and the age of the oldest change grow, nothing is sent', async () => {
    await storeAction('deactivate');
    await setSource(4);
    const changedAt = Date.parse(fromDbTime(await lastChangeAt())!);
    await consume();
    const r = await drain();
    assert.ok(r.paused, 'the pass did nothing');
    h.sim.advance(90);
    const f = await figures();
    assert.equal(f.queueDepth, 1);
    assert.equal(f.oldestPendingAt, new Date(changedAt).toISOString());
    // The change log stamps real time; business time follows Amazon's clock, which the tests moved ahead.
    const age = Number(f.oldestPendingAgeMs);
    const expected = h.app.clock.now().getTime() - changedAt;
    assert.ok(age >= 90_000 && Math.abs(age - expected) < 2_000, `${age} ms, expected about ${expected}`);
    assert.deepEqual([f.stuckPending, f.stuckFeeds, f.stuckSince], [0, 0, null]);
    assert.equal(f.stuckAfterMs, 30 * 60_000, 'SYNC_STUCK_AFTER_MINUTES default');
  });

  it('counts a change waiting past the threshold as stuck; a paused store is not alerted', async () => {
    h.sim.advance(30 * MINUTE_S);
    const f = await figures();
    assert.equal(f.stuckPending, 1);
    const since = Date.parse(String(f.oldestPendingAt)) + 30 * 60_000;
    assert.equal(f.stuckSince, new Date(since).toISOString(), 'stuck from the moment it crossed the threshold');
    assert.deepEqual(await alerts(), { stores: 1, raised: 0, ended: 0 });
    assert.equal((await stuckNotices()).length, 0, 'its pause has its own notice');
  });

  it('raises one notice and one e-mail per stuck episode, and a new one for the next episode', async () => {
    await storeAction('activate');
    assert.equal((await alerts()).raised, 1);
    assert.equal((await alerts()).raised, 0, 'the same episode is not announced again');
    h.sim.advance(5 * MINUTE_S);
    assert.equal((await alerts()).raised, 0, 'nor later in the same episode');
    const [notice, ...more] = await stuckNotices();
    assert.equal(more.length, 0);
    assert.equal(notice.severity, 'error');
    assert.match(notice.title, /Sync of "Outdoor US" is stuck/);
    assert.match(notice.message, /1 listing change has waited more than 30 minutes/);
    const since = String((await figures()).stuckSince);
    assert.equal(notice.dedupe_key, `sync-stuck:${h.storeId}:${since}`, 'the key carries the store and the episode start');
    const mail = await h.db.knex('email_outbox').where({ notification_id: notice.id }).first();
    assert.equal(mail.to_address, 'amazon@shop.example', "the store's contact");
    assert.match(mail.subject, /Outdoor US.*sync is stuck/);

    // Amazon gets it: the episode ends.
    await drain();
    assert.equal((await figures()).stuckPending, 0);
    assert.deepEqual(await alerts(), { stores: 1, raised: 0, ended: 1 });

    // A submission left in flight past the threshold (as a crashed worker leaves it) is a new episode.
    const now = h.app.clock.now().getTime();
    const [id] = await h.db.knex('listing_sync_submissions').insert({
      store_id: h.storeId,
      method: 'api',
      status: 'submitted',
      item_count: 1,
      created_at: toDbTime(new Date(now - 40 * 60_000)),
      polls: 0,
    });
    const f = await figures();
    assert.deepEqual([f.stuckFeeds, f.stuckPending, f.inFlightFeeds], [1, 0, 0]);
    assert.equal((await alerts()).raised, 1);
    const notices = await stuckNotices();
    assert.equal(notices.length, 2);
    assert.match(notices[1].message, /1 submission has been in flight more than 30 minutes/);
    assert.notEqual(notices[1].dedupe_key, notices[0].dedupe_key);
    await h.db.knex('listing_sync_submissions').where({ id }).update({ status: 'done' });
    assert.equal((await alerts()).ended, 1);
  });

  it('serves the figures to both roles, every store in one call, and refuses strangers and bad ids', async () => {
    const one = await health(h.manager);
    assert.equal(one.statusCode, 200, 'catalog managers read it too (stores.read)');
    assert.equal(one.json<{ storeId: number }>().storeId, h.storeId);
    const all = await h.api({ method: 'GET', url: '/api/sync-health' });
    assert.equal(all.statusCode, 200);
    const items = all.json<{ items: { storeId: number; queueDepth: number; samples: number }[] }>().items;
    assert.deepEqual(
      items.map((i) => i.storeId),
      [h.storeId],
    );
    assert.ok(items[0]!.samples >= 3);
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/sync-health' })).statusCode, 401);
    assert.equal((await h.app.inject({ method: 'GET', url: `/api/stores/${h.storeId}/sync-health` })).statusCode, 401);
    assert.equal((await h.api({ method: 'GET', url: '/api/stores/999999/sync-health' })).statusCode, 404);
    const bad = await h.api({ method: 'GET', url: '/api/stores/abc/sync-health' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /storeId/);
  });
});
