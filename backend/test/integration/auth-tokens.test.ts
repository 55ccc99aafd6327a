/**
 * API tokens: listed (never their secret), revoked one by one, bounded expiry chosen at creation,
 * last use recorded at most once a minute, revoked and expired ones refused with 401, each admin
 * limited to their own tokens unless they manage admin users, and every create/revoke audited.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { dbTimeAfter } from '../../src/db/time';
import { as, buildTestApp, MANAGER, signIn, type TestApp } from '../helpers/app';

interface ApiToken {
  id: string;
  label: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  status: 'active' | 'expired';
}

const OTHER_ADMIN = { email: 'other.admin@example.com', name: 'Other Admin', password: 'other-admin-pass-2' };
const DAY_MS = 86_400_000;

describe('API tokens', () => {
  let t: TestApp;
  let admin: ReturnType<typeof as>;
  let otherAdmin: ReturnType<typeof as>;
  let otherAdminId: number;

  before(async () => {
    t = await buildTestApp();
    admin = as(t.app, t.adminCookie);
    const created = await admin({ method: 'POST', url: '/api/admin-users', payload: { ...OTHER_ADMIN, role: 'administrator' } });
    otherAdminId = created.json().id;
    otherAdmin = as(t.app, await signIn(t.app, OTHER_ADMIN.email, OTHER_ADMIN.password));
  });
  after(async () => t.close());

  const bearer = (token: string) => (opts: InjectOptions) =>
    t.app.inject({ ...opts, headers: { ...(opts.headers ?? {}), authorization: `Bearer ${token}` } });
  const create = async (who: ReturnType<typeof as>, payload: Record<string, unknown>) => {
    const res = await who({ method: 'POST', url: '/api/auth/tokens', payload });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as ApiToken & { token: string };
  };
  const list = async (who: ReturnType<typeof as>) => {
    const res = await who({ method: 'GET', url: '/api/auth/tokens' });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as ApiToken[];
  };
  const daysFromNow = (iso: string) => (new Date(iso).getTime() - Date.now()) / DAY_MS;

  it('creates a token shown once, and lists it by label with its dates but never its secret or hash', async () => {
    const created = await create(admin, { label: 'ERP sync' });
    assert.equal(created.label, 'ERP sync');
    assert.equal(created.status, 'active');
    assert.equal(created.lastUsedAt, null);
    assert.ok(Math.abs(daysFromNow(created.expiresAt) - 90) < 0.01, 'expires in 90 days by default');
    const res = await admin({ method: 'GET', url: '/api/auth/tokens' });
    const mine = (res.json() as ApiToken[]).find((x) => x.id === created.id);
    assert.deepEqual(Object.keys(mine ?? {}).sort(), ['createdAt', 'expiresAt', 'id', 'label', 'lastUsedAt', 'status']);
    assert.equal(mine?.label, 'ERP sync');
    assert.ok(!res.body.includes(created.token), 'the secret is not listed');
    assert.ok(!res.body.includes(createHash('sha256').update(created.token).digest('hex')), 'nor its hash');
  });

  it('takes the expiry in days, within 1 to 366', async () => {
    assert.ok(Math.abs(daysFromNow((await create(admin, { label: 'week', days: 7 })).expiresAt) - 7) < 0.01);
    assert.ok(Math.abs(daysFromNow((await create(admin, { label: 'year', days: 366 })).expiresAt) - 366) < 0.01);
    for (const days of [0, 367, -1, 1.5]) {
      const res = await admin({ method: 'POST', url: '/api/auth/tokens', payload: { label: 'bad', days } });
      assert.equal(res.statusCode, 400, `days ${days} is refused`);
      assert.equal(res.json().error.details.fields[0].field, 'body.days');
    }
    const blank = await admin({ method: 'POST', url: '/api/auth/tokens', payload: { label: '   ' } });
    assert.equal(blank.statusCode, 400);
    assert.equal(blank.json().error.details.fields[0].field, 'body.label');
  });

  it('records the last use, at most once a minute', async () => {
    const created = await create(admin, { label: 'last used' });
    const use = () => bearer(created.token)({ method: 'GET', url: '/api/auth/me' });
    assert.equal((await use()).statusCode, 200);
    const first = (await list(admin)).find((x) => x.id === created.id)!.lastUsedAt;
    assert.ok(first && Date.now() - new Date(first).getTime() < 60_000, 'set on first use');
    const row = () => t.db.knex('admin_sessions').where({ public_id: created.id });
    // Within a minute of a recorded use nothing is written (a use 30 s ago stays as it is)…
    await row().update({ last_used_at: dbTimeAfter(-30_000) });
    const recorded = (await row().first()).last_used_at;
    await use();
    assert.equal((await row().first()).last_used_at, recorded);
    // …and after a minute the next use moves it.
    await row().update({ last_used_at: dbTimeAfter(-120_000) });
    await use();
    const moved = (await list(admin)).find((x) => x.id === created.id)!.lastUsedAt!;
    assert.ok(Date.now() - new Date(moved).getTime() < 60_000, 'moved to now');
  });

  it('revokes one token: it answers 401, leaves the list, and the others keep working', async () => {
    const keep = await create(admin, { label: 'keep' });
    const drop = await create(admin, { label: 'drop' });
    assert.equal((await bearer(drop.token)({ method: 'GET', url: '/api/auth/me' })).statusCode, 200);
    const revoked = await admin({ method: 'DELETE', url: `/api/auth/tokens/${drop.id}` });
    assert.equal(revoked.statusCode, 204);
    const refused = await bearer(drop.token)({ method: 'GET', url: '/api/auth/me' });
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.json().error.code, 'UNAUTHENTICATED');
    assert.equal((await bearer(keep.token)({ method: 'GET', url: '/api/auth/me' })).statusCode, 200);
    const ids = (await list(admin)).map((x) => x.id);
    assert.ok(!ids.includes(drop.id) && ids.includes(keep.id));
    assert.equal((await admin({ method: 'DELETE', url: `/api/auth/tokens/${drop.id}` })).statusCode, 404, 'already revoked');
  });

  it('answers 401 for an expired token and lists it as expired', async () => {
    const created = await create(admin, { label: 'expiring', days: 1 });
    await t.db
      .knex('admin_sessions')
      .where({ public_id: created.id })
      .update({ expires_at: dbTimeAfter(-1_000) });
    const res = await bearer(created.token)({ method: 'GET', url: '/api/auth/me' });
    assert.equal(res.statusCode, 401);
    assert.equal((await list(admin)).find((x) => x.id === created.id)?.status, 'expired');
  });

  it('keeps each admin to their own tokens: another admin neither sees nor revokes mine', async () => {
    const mine = await create(admin, { label: 'mine' });
    assert.ok(!(await list(otherAdmin)).some((x) => x.id === mine.id));
    const res = await otherAdmin({ method: 'DELETE', url: `/api/auth/tokens/${mine.id}` });
    assert.equal(res.statusCode, 404);
    assert.equal((await bearer(mine.token)({ method: 'GET', url: '/api/auth/me' })).statusCode, 200, 'still works');
  });

  it('lets a catalog manager manage their own tokens, but not another admin’s', async () => {
    const manager = as(t.app, t.managerCookie);
    const created = await create(manager, { label: 'manager script', days: 30 });
    assert.deepEqual(
      (await list(manager)).map((x) => x.id),
      [created.id],
    );
    const me = await bearer(created.token)({ method: 'GET', url: '/api/auth/me' });
    assert.equal(me.json().email, MANAGER.email);
    assert.equal((await manager({ method: 'GET', url: `/api/admin-users/${otherAdminId}/tokens` })).statusCode, 403);
    assert.equal((await manager({ method: 'DELETE', url: `/api/auth/tokens/${created.id}` })).statusCode, 204);
  });

  it('lets an administrator who manages admin users list and revoke another admin’s tokens', async () => {
    const theirs = await create(otherAdmin, { label: 'laptop' });
    const listed = await admin({ method: 'GET', url: `/api/admin-users/${otherAdminId}/tokens` });
    assert.equal(listed.statusCode, 200);
    assert.deepEqual(
      (listed.json() as ApiToken[]).map((x) => x.label),
      ['laptop'],
    );
    assert.equal((await admin({ method: 'DELETE', url: `/api/admin-users/${otherAdminId}/tokens/${theirs.id}` })).statusCode, 204);
    assert.equal((await bearer(theirs.token)({ method: 'GET', url: '/api/auth/me' })).statusCode, 401);
    // The token must belong to the user named in the path.
    const mine = await create(admin, { label: 'not theirs' });
    assert.equal((await admin({ method: 'DELETE', url: `/api/admin-users/${otherAdminId}/tokens/${mine.id}` })).statusCode, 404);
    assert.equal((await admin({ method: 'GET', url: '/api/admin-users/99999/tokens' })).statusCode, 404);
  });

  it('does not let a token create tokens, but lets it list and revoke itself', async () => {
    const created = await create(admin, { label: 'client' });
    const api = bearer(created.token);
    const minted = await api({ method: 'POST', url: '/api/auth/tokens', payload: { label: 'successor' } });
    assert.equal(minted.statusCode, 403);
    assert.ok((await api({ method: 'GET', url: '/api/auth/tokens' })).json().some((x: ApiToken) => x.id === created.id));
    assert.equal((await api({ method: 'DELETE', url: `/api/auth/tokens/${created.id}` })).statusCode, 204);
    assert.equal((await api({ method: 'GET', url: '/api/auth/me' })).statusCode, 401);
  });

  it('audits creating and revoking a token, without the secret', async () => {
    const created = await create(otherAdmin, { label: 'audited' });
    await admin({ method: 'DELETE', url: `/api/admin-users/${otherAdminId}/tokens/${created.id}` });
    const res = await admin({ method: 'GET', url: `/api/audit-log?entityType=admin_user&entityId=${otherAdminId}` });
    const entries = (res.json().items as { action: string; userEmail: string; details: { tokenId?: string } }[]).filter(
      (e) => e.details?.tokenId === created.id,
    );
    assert.deepEqual(entries.map((e) => [e.action, e.userEmail]).sort(), [
      ['create_api_token', OTHER_ADMIN.email],
      ['revoke_api_token', 'admin@example.com'],
    ]);
    assert.ok(!res.body.includes(created.token));
  });
});
