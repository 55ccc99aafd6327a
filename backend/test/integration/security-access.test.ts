/**
 * Route access, enumerated: every route the app registers is called without a session — by its
 * plain path and by encoded variants an attacker would try — and as a Catalog Manager on every
 * route that needs a permission that role lacks. The check runs on the matched route, so no
 * spelling of a URL reaches a handler without the session and permission its route declares.
 */
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import appPlugin from '../../src/app';
import { can, type Permission } from '../../src/auth/permissions';
import type { RouteAccess } from '../../src/auth/access';
import { ADMIN, MANAGER, signIn, testConfig } from '../helpers/app';
import { createTestDb, type TestDb } from '../helpers/db';

interface RegisteredRoute {
  method: string;
  url: string;
  readonly access: RouteAccess;
}

/** A concrete path for a route pattern: every parameter and wildcard filled with a harmless value. */
function concrete(url: string): string {
  return url
    .replace(/:[A-Za-z]+(\([^)]*\))?/g, '1')
    .replace(/\*$/, 'x')
    .replace(/\/$/, '/');
}

/** The spellings of one path that a router might decode, normalise or ignore. */
export function variantsOf(path: string): Record<string, string> {
  const [, first = '', rest = ''] = /^\/([^/]*)(.*)$/.exec(path) ?? [];
  const encodedFirst = first.length > 0 ? `%${first.charCodeAt(0).toString(16)}${first.slice(1)}` : first;
  return {
    plain: path,
    'percent-encoded letter': `/${encodedFirst}${rest}`,
    'encoded slash': path.replace(/\/(?=[^/]*$)/, '%2F'),
    'double slashes': path.replace(/\//g, '//'),
    'upper case': path.toUpperCase(),
    'trailing slash': path.endsWith('/') ? `${path}/` : `${path}/`,
    'matrix parameter': `${path};x`,
    'dot-dot encoded': `/x/..%2F${path.slice(1)}`,
    'encoded dot-dot': `/x/%2E%2E/${path.slice(1)}`,
  };
}

describe('route access: every route, every spelling', function () {
  this.timeout(120_000);
  let app: FastifyInstance;
  let db: TestDb;
  let managerCookie: string;
  const routes: RegisteredRoute[] = [];

  before(async () => {
    db = await createTestDb();
    app = Fastify({ logger: false });
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      // Read lazily: the access check's own onRoute hook (which runs after this one) settles it.
      for (const method of methods) {
        routes.push({
          method,
          url: route.url ?? '',
          get access() {
            return route.config?.access as RouteAccess;
          },
        });
      }
    });
    // SERVE_ADMIN on, so the admin's static routes are enumerated too.
    await app.register(appPlugin, { config: testConfig({ DATABASE_URL: db.url, SERVE_ADMIN: 'true' }), knex: db.knex });
    await app.ready();
    await signIn(app, ADMIN.email, ADMIN.password);
    await app.auth.createUser({ email: MANAGER.email, name: MANAGER.name, role: 'catalog_manager', password: MANAGER.password });
    managerCookie = await signIn(app, MANAGER.email, MANAGER.password);
  });
  after(async () => {
    await app.close();
    await db.drop();
  });

  it('registers routes that all declare their access (and the API has many)', () => {
    const api = routes.filter((r) => r.url.startsWith('/api/'));
    assert.ok(api.length >= 80, `expected the whole API to be enumerated, got ${api.length}`);
    for (const route of routes) assert.ok(route.access, `${route.method} ${route.url} declares its access`);
    const publicApi = api.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    // The only API routes a stranger may call; anything new here must be a deliberate decision.
    // The consent-return script holds no data: the callback page (public) loads it.
    assert.deepEqual(
      publicApi.sort(),
      [
        'GET /api/amazon-auth/callback',
        'HEAD /api/amazon-auth/callback',
        'GET /api/amazon-auth/consent-return.js',
        'HEAD /api/amazon-auth/consent-return.js',
        'POST /api/auth/login',
      ].sort(),
    );
  });

  it('guards every sales route with a sales permission, which a Catalog Manager lacks (orders hold buyers’ addresses)', () => {
    const sales = routes.filter((r) => r.url.startsWith('/api/sales/')).map((r) => `${r.method} ${r.url} ${String(r.access)}`);
    assert.deepEqual(
      sales.sort(),
      [
        'GET /api/sales/orders sales.read',
        'HEAD /api/sales/orders sales.read',
        'GET /api/sales/orders.csv sales.read',
        'HEAD /api/sales/orders.csv sales.read',
        'GET /api/sales/orders/:id sales.read',
        'HEAD /api/sales/orders/:id sales.read',
        'POST /api/sales/orders/:id/comments sales.write',
        'GET /api/sales/order-views sales.read',
        'HEAD /api/sales/order-views sales.read',
        'POST /api/sales/order-views sales.read',
        'DELETE /api/sales/order-views/:id sales.read',
      ].sort(),
    );
    assert.equal(can('catalog_manager', 'sales.read'), false);
    assert.equal(can('catalog_manager', 'sales.write'), false);
    assert.equal(can('administrator', 'sales.write'), true);
  });

  it('answers 401 without a session on every non-public route, by its plain path and every encoded variant', async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const route of routes.filter((r) => r.access !== 'public')) {
      for (const [name, url] of Object.entries(variantsOf(concrete(route.url)))) {
        const res = await app.inject({
          method: route.method as 'GET',
          url,
          payload: route.method === 'GET' || route.method === 'HEAD' ? undefined : {},
        });
        calls += 1;
        if (res.statusCode !== 401) failures.push(`${route.method} ${url} (${name} of ${route.url}) → ${res.statusCode}`);
      }
    }
    assert.ok(calls > 700, `${calls} calls`);
    assert.deepEqual(failures, []);
  });

  it('answers 403 to a Catalog Manager on every route that needs a permission the role lacks', async () => {
    const adminOnly = routes.filter(
      (r) => r.access !== 'public' && r.access !== 'signed-in' && !can('catalog_manager', r.access as Permission),
    );
    assert.ok(adminOnly.length >= 15, `${adminOnly.length} administrator routes`);
    const failures: string[] = [];
    for (const route of adminOnly) {
      for (const [name, url] of Object.entries({
        plain: concrete(route.url),
        'percent-encoded letter': variantsOf(concrete(route.url))['percent-encoded letter']!,
      })) {
        const res = await app.inject({
          method: route.method as 'GET',
          url,
          headers: { cookie: managerCookie },
          payload: route.method === 'GET' || route.method === 'HEAD' ? undefined : {},
        });
        if (res.statusCode !== 403) failures.push(`${route.method} ${url} (${name}) → ${res.statusCode}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('refuses to register a route that declares no access', async () => {
    const bare = Fastify({ logger: false });
    const probeDb = await createTestDb();
    try {
      await bare.register(appPlugin, { config: testConfig({ DATABASE_URL: probeDb.url }), knex: probeDb.knex });
      await bare.after();
      assert.throws(() => bare.get('/api/forgotten', async () => ({ secret: true })), /declares no access/);
    } finally {
      await bare.close().catch(() => undefined);
      await probeDb.drop();
    }
  });

  it('answers the encoded spelling that used to crash (/%61pi/auth/me) with 401, not 500', async () => {
    const res = await app.inject({ method: 'GET', url: '/%61pi/auth/me' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'UNAUTHENTICATED');
  });

  it('does not let an anonymous caller create an administrator through an encoded path', async () => {
    const before = await db.knex('admin_users').count({ n: '*' }).first();
    const res = await app.inject({
      method: 'POST',
      url: '/%61pi/admin-users',
      payload: { email: 'intruder@example.com', name: 'Intruder', role: 'administrator', password: 'Intruder-pass-9!x' },
    });
    assert.equal(res.statusCode, 401);
    const after = await db.knex('admin_users').count({ n: '*' }).first();
    assert.deepEqual(after, before);
  });
});
