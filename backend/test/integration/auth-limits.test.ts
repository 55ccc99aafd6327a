import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server';
import { ADMIN, as, buildTestApp, testConfig, type TestApp } from '../helpers/app';
import { createTestDb, type TestDb } from '../helpers/db';

const login = (app: FastifyInstance, email: string, password: string, from: { remoteAddress?: string; forwardedFor?: string } = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    ...(from.remoteAddress ? { remoteAddress: from.remoteAddress } : {}),
    ...(from.forwardedFor ? { headers: { 'x-forwarded-for': from.forwardedFor } } : {}),
  });

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
}

describe('admin access limits', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ config: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  after(async () => t.close());

  it('answers SESSION_EXPIRED for a session past its expiry, so the admin can sign in again', async () => {
    await t.db.knex('admin_sessions').update({ expires_at: '2000-01-01 00:00:00.000' });
    const res = await as(t.app, t.adminCookie)({ method: 'GET', url: '/api/auth/me' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'SESSION_EXPIRED');
  });

  it('rate-limits sign-in attempts per client address', async () => {
    const codes = [];
    for (let i = 0; i < 4; i++)
      codes.push((await login(t.app, `someone${i}@example.com`, 'guess-123', { remoteAddress: '192.0.2.7' })).statusCode);
    assert.equal(codes[3], 429);
    const blocked = await login(t.app, ADMIN.email, ADMIN.password, { remoteAddress: '192.0.2.7' });
    assert.equal(blocked.json().error.code, 'RATE_LIMITED');
  });

  it('refuses an address that keeps failing for one account, and slows that account down elsewhere instead of refusing', async () => {
    const target = 'target@example.com';
    const codes = [];
    // Three failures from one address: the pair (address, account) is refused from then on.
    for (let i = 0; i < 3; i++) codes.push((await login(t.app, target, 'guess-123', { remoteAddress: '10.0.0.1' })).statusCode);
    assert.deepEqual(codes, [401, 401, 401]);
    // (Within the minute the address limit answers too; the pair's own 15-minute window is unit-tested.)
    assert.equal((await login(t.app, target, 'guess-123', { remoteAddress: '10.0.0.1' })).statusCode, 429);
    // From other addresses the account is not refused, only slowed down: a growing delay.
    const second = await timed(() => login(t.app, target, 'guess-123', { remoteAddress: '10.0.0.2' }));
    const third = await timed(() => login(t.app, target, 'guess-123', { remoteAddress: '10.0.0.3' }));
    assert.deepEqual([second.result.statusCode, third.result.statusCode], [401, 401]);
    assert.ok(second.ms >= 250, `the 4th failure waited ${second.ms} ms`);
    assert.ok(third.ms >= 500 && third.ms > second.ms, `the 5th failure waited ${third.ms} ms`);
  });

  it('a stranger’s failures from other addresses do not stop the real admin signing in from theirs', async () => {
    for (let i = 0; i < 5; i++) await login(t.app, ADMIN.email, 'wrong-password', { remoteAddress: '203.0.113.66' });
    await login(t.app, ADMIN.email, 'wrong-password', { remoteAddress: '203.0.113.67' });
    const real = await login(t.app, ADMIN.email, ADMIN.password, { remoteAddress: '198.51.100.20' });
    assert.equal(real.statusCode, 200, real.body);
    assert.ok(real.cookies.some((c) => c.name === 'asc_session'));
  });
});

describe('client address behind a proxy (TRUST_PROXY)', () => {
  let db: TestDb;
  before(async () => {
    db = await createTestDb();
  });
  after(async () => db.drop());

  // The server as `npm start` builds it, so the test sees the process's real proxy trust.
  async function serverWith(settings: Record<string, string>): Promise<FastifyInstance> {
    const app = await buildServer(testConfig({ DATABASE_URL: db.url, LOGIN_RATE_LIMIT_PER_MINUTE: '10', ...settings }));
    await app.ready();
    return app;
  }

  const fortyAttempts = async (app: FastifyInstance, remoteAddress: string) => {
    const codes: number[] = [];
    // A fresh X-Forwarded-For and e-mail each time: only the address limit can stop these.
    for (let i = 0; i < 40; i++) {
      const res = await login(app, `guess${i}@example.com`, 'guess-123', { remoteAddress, forwardedFor: `10.9.${i}.1` });
      codes.push(res.statusCode);
    }
    return codes;
  };

  it('ignores X-Forwarded-For by default: 40 wrong attempts from one peer end in 429s', async () => {
    const app = await serverWith({});
    try {
      const codes = await fortyAttempts(app, '192.0.2.10');
      assert.equal(codes.filter((c) => c === 401).length, 10);
      assert.equal(codes.filter((c) => c === 429).length, 30);
    } finally {
      await app.close();
    }
  });

  it('believes X-Forwarded-For from the proxy TRUST_PROXY names, and from nobody else', async () => {
    const app = await serverWith({ TRUST_PROXY: '192.0.2.0/28, ::1' });
    try {
      const viaProxy = await fortyAttempts(app, '192.0.2.11');
      assert.deepEqual(new Set(viaProxy), new Set([401]), 'each forwarded client has its own limit');
      const direct = await fortyAttempts(app, '198.51.100.99');
      assert.equal(direct.filter((c) => c === 429).length, 30, 'a peer that is not the proxy cannot pick its address');
    } finally {
      await app.close();
    }
  });

  it('refuses a TRUST_PROXY it cannot honour at boot, naming it', () => {
    for (const value of ['2', 'true', '10.0.0.0/33', 'proxy.example.com', '10.0.0.1,,10.0.0.2']) {
      assert.throws(() => testConfig({ TRUST_PROXY: value }), /TRUST_PROXY/, value);
    }
    assert.equal(testConfig({ TRUST_PROXY: ' 10.0.0.1 , fd00::/8,loopback' }).TRUST_PROXY, ' 10.0.0.1 , fd00::/8,loopback');
  });
});
