import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import appPlugin from '../../src/app';
import { loggerOptions } from '../../src/platform/logger';
import { AppError } from '../../src/platform/errors';
import { ADMIN, buildTestApp, testConfig, type TestApp } from '../helpers/app';
import { createTestDb } from '../helpers/db';

describe('platform', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(async () => t.close());

  it('serves the OpenAPI document generated from the route schemas at /docs', async () => {
    const ui = await t.app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(ui.statusCode, 200);
    assert.match(ui.headers['content-type'] as string, /text\/html/);
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    assert.equal(doc.openapi, '3.0.3');
    assert.ok(doc.paths['/api/auth/login'].post, 'login is documented');
    assert.ok(doc.paths['/health'].get, 'health is documented');
    // Every API operation carries a summary and a response schema: the document is the contract.
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { summary?: string; responses?: object }>>)) {
      if (!path.startsWith('/api/')) continue;
      for (const [method, op] of Object.entries(ops)) {
        assert.ok(op.summary, `${method.toUpperCase()} ${path} has a summary`);
        assert.ok(op.responses && Object.keys(op.responses).length, `${method.toUpperCase()} ${path} documents its responses`);
      }
    }
  });

  it('answers an unknown route with the NOT_FOUND envelope, and strangers with 401 (no map of the API)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/nowhere', headers: { cookie: t.adminCookie } });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'NOT_FOUND');
    const stranger = await t.app.inject({ method: 'GET', url: '/api/nowhere' });
    assert.equal(stranger.statusCode, 401);
  });

  it('hides the details of an unexpected error and keeps the envelope', async () => {
    const db = await createTestDb();
    const app = Fastify({ logger: false });
    await app.register(appPlugin, { config: testConfig({ DATABASE_URL: db.url }), knex: db.knex });
    app.get('/boom', { config: { access: 'public' } }, async () => {
      throw new Error('secret internals: table xyz');
    });
    app.get('/refused', { config: { access: 'public' } }, async () => {
      throw new AppError('CONFLICT', 'Already there', { id: 7 });
    });
    await app.ready();
    const boom = await app.inject({ method: 'GET', url: '/boom' });
    assert.equal(boom.statusCode, 500);
    assert.equal(boom.json().error.code, 'INTERNAL');
    assert.doesNotMatch(boom.body, /secret internals/);
    const refused = await app.inject({ method: 'GET', url: '/refused' });
    assert.deepEqual(refused.json(), { error: { code: 'CONFLICT', message: 'Already there', details: { id: 7 } } });
    await app.close();
    await db.drop();
  });

  it('never writes passwords, cookies or tokens to the log', async () => {
    const db = await createTestDb();
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = testConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'trace' });
    const logger = { ...(loggerOptions(config) as object), stream };
    const app = Fastify({ logger });
    await app.register(appPlugin, { config, knex: db.knex });
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: ADMIN.email, password: ADMIN.password } });
    const token = login.cookies[0]!.value;
    app.log.info({ body: { password: ADMIN.password }, config }, 'a careless log line');
    await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `asc_session=${token}`, authorization: `Bearer ${token}` } });
    await app.close();
    await db.drop();
    const all = lines.join('');
    assert.ok(all.length > 0, 'something was logged');
    assert.ok(!all.includes(ADMIN.password), 'the password is redacted');
    assert.ok(!all.includes(token), 'the session token is redacted');
  });

  it('refuses to start on a bad setting, naming it', () => {
    const run = spawnSync('npx', ['tsx', 'backend/src/server.ts'], {
      env: { ...process.env, PORT: 'not-a-port', DATABASE_URL: 'sqlite::memory:' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /Invalid configuration/);
    assert.match(run.stderr, /PORT/);
  });
});
