/**
 * ORDER_CHANGE subscriptions follow the store, against the local Amazon's real Notifications API: connecting a store
 * subscribes its seller (in the background, the connect answered first), the store's state says so; disconnecting
 * ends the subscription at Amazon; the periodic check subscribes a connected store that lost its subscription; a
 * deleted store's subscription is ended too. Both engines.
 */
import assert from 'node:assert/strict';
import { SUBSCRIPTION_CHECK_JOB } from '../../src/notifications/subscriptions';
import type { SellerContext } from '../../src/spapi/index';
import { OUTDOOR, startStoresHarness, type StoresHarness } from './stores-harness';

describe('notification subscriptions follow the store', function () {
  this.timeout(60_000);
  let h: StoresHarness;
  let storeId: number;
  before(async () => {
    h = await startStoresHarness();
    storeId = (await h.createStore()).id;
  });
  after(async () => h?.close());

  const state = async () => {
    const res = await h.as(h.admin)({ method: 'GET', url: `/api/notifications/stores/${storeId}` });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const atAmazon = (ctx: SellerContext) => h.app.spapi.getSubscription(ctx, 'ORDER_CHANGE');

  it('shows a store never connected as not subscribed', async () => {
    const s = await state();
    assert.equal(s.enabled, true);
    assert.equal(s.subscribed, false);
    assert.equal(s.lastNotificationAt, null);
  });

  it('subscribes the seller when the store is connected', async () => {
    const res = await h.connect(storeId, OUTDOOR);
    assert.ok(res.statusCode < 400, res.body);
    await h.app.notificationSubscriptions.settled();
    const s = await state();
    assert.equal(s.subscribed, true, JSON.stringify(s));
    assert.equal(s.lastError, null);
    const ctx = await h.app.stores.sellerContext(storeId);
    assert.equal((await atAmazon(ctx))?.subscriptionId, s.subscriptionId);
  });

  it('re-subscribes a connected store without a subscription in the periodic check', async () => {
    const ctx = await h.app.stores.sellerContext(storeId);
    await h.app.notifications.unsubscribe(ctx);
    await h.db.knex('amazon_notification_subscriptions').where({ store_id: storeId }).del();
    assert.equal(await atAmazon(ctx), null);
    assert.equal((await state()).subscribed, false);
    const run = await h.app.jobs.runNow(SUBSCRIPTION_CHECK_JOB);
    assert.equal(run.ran, true);
    assert.equal((await state()).subscribed, true);
    assert.ok(await atAmazon(ctx));
    await h.app.jobs.runNow(SUBSCRIPTION_CHECK_JOB);
    assert.equal((await h.db.knex('amazon_notification_subscriptions')).length, 1, 'a subscribed store is left alone');
  });

  it('ends the subscription at Amazon when the store is disconnected', async () => {
    const ctx = await h.app.stores.sellerContext(storeId);
    const res = await h.as(h.admin)({ method: 'POST', url: `/api/stores/${storeId}/disconnect` });
    assert.equal(res.statusCode, 200, res.body);
    await h.app.notificationSubscriptions.settled();
    assert.equal(await atAmazon(ctx), null, 'Amazon no longer sends this seller’s order changes');
    assert.equal((await state()).subscribed, false);
    assert.equal((await h.db.knex('amazon_notification_subscriptions').where({ store_id: storeId })).length, 0);
  });

  it('subscribes again on reconnect, and ends it when the store is deleted', async () => {
    await h.connect(storeId, OUTDOOR);
    await h.app.notificationSubscriptions.settled();
    assert.equal((await state()).subscribed, true);
    const ctx = await h.app.stores.sellerContext(storeId);
    const res = await h.as(h.admin)({ method: 'DELETE', url: `/api/stores/${storeId}`, payload: { confirm: 'Outdoor US' } });
    assert.equal(res.statusCode, 204, res.body);
    await h.app.notificationSubscriptions.settled();
    assert.equal(await atAmazon(ctx), null);
  });
});
