/**
 * The yearly renewal and lost authorizations, on the simulator's clock: 340 days later the card says
 * Expiring soon with a banner, reminders come at 30, 7 and 1 days exactly once each (with e-mails in the
 * outbox); renewing resets the countdown and touches nothing else; a revoke in Seller Central is found by
 * the authorization check, pauses sync and shows a banner; reconnecting lifts it; an expiry does the same.
 */
import assert from 'node:assert/strict';
import { AUTHORIZATION_CHECK_JOB, EXPIRY_SWEEP_JOB } from '../../src/amazon-auth/index';
import { AuthorizationRevokedError } from '../../src/spapi/index';
import { APP_ID, OUTDOOR, outcomeOf, startStoresHarness, type StoresHarness } from './stores-harness';

interface Store {
  id: number;
  name: string;
  email: string;
  status: string;
  settings: Record<string, unknown>;
  productId: { type: string; attribute: string };
  authorization: {
    state: string;
    daysLeft: number | null;
    syncPaused: boolean;
    syncPauseReason: string | null;
    authorizedAt: string;
    expiresAt: string;
  };
  attention: { code: string; action: string | null; message: string }[];
}

describe('amazon-auth: yearly renewal, reminders, revocation', function () {
  this.timeout(60_000);
  let h: StoresHarness;
  let store: { id: number };
  before(async () => {
    h = await startStoresHarness();
    store = await h.createStore({ settings: { handlingTimeDays: 5 } });
    assert.equal(outcomeOf(await h.connect(store.id, OUTDOOR)), 'connected');
  });
  after(async () => h?.close());

  const getStore = async () => (await h.as(h.admin)({ method: 'GET', url: `/api/stores/${store.id}` })).json<Store>();
  const sweep = () => h.app.jobs.runNow(EXPIRY_SWEEP_JOB);
  const notices = () => h.db.knex('admin_notifications').where({ store_id: store.id, kind: 'authorization_expiring' }).orderBy('id');
  const outbox = () => h.db.knex('email_outbox').orderBy('id');

  it('340 days later: Expiring soon, 25 days left, a banner offering to renew, and one 30-day reminder with its e-mail', async () => {
    h.advanceDays(340);
    const card = await getStore();
    assert.equal(card.authorization.state, 'expiring_soon');
    assert.equal(card.authorization.daysLeft, 25);
    assert.equal(card.authorization.syncPaused, false);
    assert.deepEqual(
      card.attention.map((a) => [a.code, a.action]),
      [['authorization_expiring', 'renew']],
    );
    assert.match(card.attention[0]!.message, /25 days/);

    await sweep();
    await sweep();
    assert.deepEqual(
      (await notices()).map((n) => n.title),
      [`Renew the Amazon authorization of "Outdoor US" within 25 days`],
    );
    const mails = await outbox();
    assert.equal(mails.length, 1);
    assert.equal(mails[0].to_address, 'amazon@shop.example');
    assert.match(mails[0].subject, /expires in 25 days/);
    assert.equal(mails[0].sent_at, null);

    const api = await h.as(h.manager)({ method: 'GET', url: '/api/notifications?unread=true' });
    assert.equal(api.statusCode, 200);
    assert.equal(api.json<{ unread: number }>().unread, 1);
  });

  it('at 7 and at 1 day left: one reminder each, never repeated', async () => {
    h.advanceDays(18); // 7 days left
    await sweep();
    await sweep();
    h.advanceDays(6.5); // half a day left
    await sweep();
    await sweep();
    assert.deepEqual(
      (await notices()).map((n) => n.dedupe_key.split(':').pop()),
      ['30', '7', '1'],
    );
    assert.equal((await outbox()).length, 3);
    assert.equal((await getStore()).authorization.daysLeft, 1);
  });

  it('marking notifications read', async () => {
    const [first] = (await h.as(h.admin)({ method: 'GET', url: '/api/notifications' })).json<{ items: { id: number }[] }>().items;
    assert.equal((await h.as(h.admin)({ method: 'POST', url: `/api/notifications/${first!.id}/read` })).statusCode, 204);
    assert.equal((await h.as(h.admin)({ method: 'GET', url: '/api/notifications?unread=true' })).json<{ unread: number }>().unread, 2);
    assert.equal((await h.as(h.admin)({ method: 'POST', url: '/api/notifications/read-all' })).json<{ marked: number }>().marked, 2);
    assert.equal((await h.as(h.admin)({ method: 'POST', url: '/api/notifications/999999/read' })).statusCode, 404);
  });

  it('renewing replaces the token and resets the countdown to 365 days, touching nothing else', async () => {
    const before = await getStore();
    const sealedBefore = (await h.db.knex('amazon_stores').where({ id: store.id }).first()).refresh_token_sealed;
    const res = await h.connect(store.id, OUTDOOR, 'renew');
    assert.equal(outcomeOf(res), 'renewed');
    const after = await getStore();
    assert.equal(after.authorization.state, 'connected');
    assert.equal(after.authorization.daysLeft, 365);
    assert.deepEqual(after.attention, []);
    assert.notEqual((await h.db.knex('amazon_stores').where({ id: store.id }).first()).refresh_token_sealed, sealedBefore);
    for (const key of ['name', 'email', 'status', 'settings', 'productId'] as const) assert.deepEqual(after[key], before[key], key);
    assert.equal(after.settings.handlingTimeDays, 5);
    // A new authorization gets its own reminders next year: nothing new now.
    await sweep();
    assert.equal((await notices()).length, 3);
  });

  it('a revoke in Seller Central: the authorization check marks the store Revoked at once, pauses sync, shows a banner', async () => {
    const checked = await h.app.jobs.runNow(AUTHORIZATION_CHECK_JOB);
    assert.deepEqual(checked, { ran: true, summary: { ok: 1, lost: 0, failed: 0 } });
    await h.control('POST', '/_simulator/authorizations/revoke', { sellerId: OUTDOOR.sellerId, applicationId: APP_ID, region: 'na' });
    const run = await h.app.jobs.runNow(AUTHORIZATION_CHECK_JOB);
    assert.deepEqual(run, { ran: true, summary: { ok: 0, lost: 1, failed: 0 } });

    const card = await getStore();
    assert.equal(card.status, 'active', 'the status stays; the authorization says what is wrong');
    assert.equal(card.authorization.state, 'revoked');
    assert.equal(card.authorization.syncPaused, true);
    assert.equal(card.authorization.syncPauseReason, 'authorization_revoked');
    assert.deepEqual(
      card.attention.map((a) => [a.code, a.action]),
      [['authorization_revoked', 'renew']],
    );
    assert.deepEqual(await h.app.stores.syncState(store.id), { paused: true, reason: 'authorization_revoked' });
    const lost = await h.db.knex('admin_notifications').where({ store_id: store.id, kind: 'authorization_revoked' });
    assert.equal(lost.length, 1);
    // A worker reporting the same failure again changes nothing and notifies nobody twice.
    await h.app.stores.reportAuthorizationFailure(
      store.id,
      new AuthorizationRevokedError('gone', {
        sellerId: OUTDOOR.sellerId,
        storeId: store.id,
        lwaError: 'invalid_grant',
        lwaDescription: null,
      }),
    );
    assert.equal((await h.db.knex('admin_notifications').where({ store_id: store.id, kind: 'authorization_revoked' })).length, 1);
  });

  it('reconnecting lifts the pause; the seller context works again', async () => {
    const res = await h.connect(store.id, OUTDOOR, 'renew');
    assert.equal(outcomeOf(res), 'connected', 'a revoked store is reconnected');
    const card = await getStore();
    assert.equal(card.authorization.state, 'connected');
    assert.equal(card.authorization.daysLeft, 365);
    assert.equal(card.authorization.syncPaused, false);
    assert.deepEqual(await h.app.stores.syncState(store.id), { paused: false, reason: null });
    const ctx = await h.app.stores.sellerContext(store.id);
    assert.equal(ctx.sellerId, OUTDOOR.sellerId);
    assert.equal(ctx.region, 'na');
    const participations = await h.app.spapi.getMarketplaceParticipations(ctx);
    assert.ok(participations.some((p) => p.marketplace.id === 'ATVPDKIKX0DER'));
  });

  it('when the year passes without renewal: Expired at once on the card, the sweep pauses sync and says so', async () => {
    h.advanceDays(365.5);
    const card = await getStore();
    assert.equal(card.authorization.state, 'expired');
    assert.equal(card.authorization.daysLeft, 0);
    assert.equal(card.authorization.syncPaused, true, 'paused before any job ran');
    await sweep();
    const row = await h.db.knex('amazon_stores').where({ id: store.id }).first();
    assert.equal(row.authorization_state, 'expired');
    assert.equal(row.sync_paused_reason, 'authorization_expired');
    assert.equal((await h.db.knex('admin_notifications').where({ store_id: store.id, kind: 'authorization_expired' })).length, 1);
    assert.deepEqual(
      (await getStore()).attention.map((a) => a.code),
      ['authorization_expired'],
    );
  });

  it('a job holds a lease: a second runner is turned away while it runs', async () => {
    await h.db
      .knex('job_leases')
      .where({ name: EXPIRY_SWEEP_JOB })
      .update({ owner: 'other-process', lease_until: '2999-01-01 00:00:00.000' });
    assert.deepEqual(await sweep(), { ran: false, reason: 'lease_held' });
    await h.db.knex('job_leases').where({ name: EXPIRY_SWEEP_JOB }).update({ owner: null, lease_until: null });
    assert.equal((await sweep()).ran, true);
  });
});
