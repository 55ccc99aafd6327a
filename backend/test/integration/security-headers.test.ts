/**
 * Security headers on the admin, the API and the API docs: no framing, no sniffing, no referrer,
 * a Content Security Policy without other hosts, and HSTS only behind HTTPS.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import appPlugin from '../../src/app';
import { adminUiPlugin } from '../../src/platform/admin-ui';
import { as, signIn, ADMIN, testConfig } from '../helpers/app';
import { createTestDb, type TestDb } from '../helpers/db';

function csp(res: LightMyRequestResponse): Map<string, string> {
  const directives = String(res.headers['content-security-policy'] ?? '')
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean);
  return new Map(directives.map((d) => [d.split(/\s+/)[0]!, d.split(/\s+/).slice(1).join(' ')]));
}

function assertHardened(res: LightMyRequestResponse, what: string): void {
  assert.equal(res.headers['x-frame-options'], 'DENY', `${what}: X-Frame-Options`);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', `${what}: nosniff`);
  assert.equal(res.headers['referrer-policy'], 'no-referrer', `${what}: Referrer-Policy`);
  const policy = csp(res);
  assert.equal(policy.get('frame-ancestors'), "'none'", `${what}: frame-ancestors`);
  assert.equal(policy.get('default-src'), "'self'", `${what}: default-src`);
  assert.equal(policy.get('object-src'), "'none'", `${what}: object-src`);
  for (const [name, value] of policy) assert.doesNotMatch(value, /https?:|\*/, `${what}: ${name} names no other host`);
  assert.doesNotMatch(policy.get('script-src') ?? '', /unsafe-inline/, `${what}: no inline scripts`);
}

describe('security headers', () => {
  let db: TestDb;
  let dist: string;
  before(async () => {
    db = await createTestDb();
    // A stand-in for admin-ui/dist: the headers do not depend on what the build holds.
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'asc-admin-dist-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>admin</title><div id="app"></div>');
  });
  after(async () => {
    await db.drop();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  /** The app with the admin served the way the e2e tests serve it (after the app, from a build folder). */
  async function appWith(settings: Record<string, string> = {}): Promise<FastifyInstance> {
    const app = Fastify({ logger: false });
    await app.register(appPlugin, { config: testConfig({ DATABASE_URL: db.url, ...settings }), knex: db.knex });
    await app.register(adminUiPlugin, { root: dist });
    await app.ready();
    return app;
  }

  it('on the admin, the API (answers and refusals) and the API docs', async () => {
    const app = await appWith();
    try {
      const admin = await app.inject({ method: 'GET', url: '/admin/' });
      assert.equal(admin.statusCode, 200);
      assertHardened(admin, '/admin/');
      assertHardened(await app.inject({ method: 'GET', url: '/admin/catalog/products/1' }), 'an admin deep link');
      const me = await as(app, await signIn(app, ADMIN.email, ADMIN.password))({ method: 'GET', url: '/api/auth/me' });
      assert.equal(me.statusCode, 200);
      assertHardened(me, '/api/auth/me');
      const refused = await app.inject({ method: 'GET', url: '/api/catalog/products' });
      assert.equal(refused.statusCode, 401);
      assertHardened(refused, 'a 401');
      assertHardened(await app.inject({ method: 'GET', url: '/health' }), '/health');
      const docs = await app.inject({ method: 'GET', url: '/docs/' });
      assert.equal(docs.statusCode, 200);
      assertHardened(docs, '/docs/');
      assert.equal(csp(docs).get('script-src'), "'self'", 'the docs need no eval');
      assert.equal(app.hasRoute({ method: 'GET', url: '/docs/json' }), true);
      assertHardened(await app.inject({ method: 'GET', url: '/docs/json' }), '/docs/json');
    } finally {
      await app.close();
    }
  });

  it('sends HSTS (and upgrades requests) only behind HTTPS', async () => {
    const plain = await appWith();
    try {
      const res = await plain.inject({ method: 'GET', url: '/admin/' });
      assert.equal(res.headers['strict-transport-security'], undefined);
      assert.equal(csp(res).has('upgrade-insecure-requests'), false);
    } finally {
      await plain.close();
    }
    const secure = await appWith({ COOKIE_SECURE: 'true', PUBLIC_URL: 'https://channel.example' });
    try {
      const res = await secure.inject({ method: 'GET', url: '/admin/' });
      assert.match(String(res.headers['strict-transport-security']), /^max-age=\d{7,}/);
      assert.equal(csp(res).has('upgrade-insecure-requests'), true);
    } finally {
      await secure.close();
    }
  });
});
