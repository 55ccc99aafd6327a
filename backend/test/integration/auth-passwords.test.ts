/**
 * Admin passwords must be hard to guess, not only long: weak and common ones are refused with the
 * reason on the password field, when creating an admin, resetting a password, and for the first
 * administrator's ADMIN_PASSWORD (which stops the start like any bad setting).
 */
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import appPlugin from '../../src/app';
import { ConfigError } from '../../src/platform/config';
import { ADMIN, as, buildTestApp, signIn, testConfig, type TestApp } from '../helpers/app';
import { createTestDb } from '../helpers/db';

const WEAK = ['aaaaaaaaaa', '1234567890', '          ', 'password123', 'qwertyuiop', 'Password1!'];

interface FieldProblem {
  field: string;
  message: string;
}

describe('admin passwords', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(async () => t.close());

  const passwordProblem = (body: { error: { code: string; details: { fields: FieldProblem[] } } }) => {
    assert.equal(body.error.code, 'VALIDATION_FAILED');
    const field = body.error.details.fields.find((f) => f.field === 'body.password');
    assert.ok(field, 'the problem is on body.password');
    return field.message;
  };

  it('refuses weak and common passwords for a new admin, and says why', async () => {
    for (const [i, password] of WEAK.entries()) {
      const res = await as(
        t.app,
        t.adminCookie,
      )({
        method: 'POST',
        url: '/api/admin-users',
        payload: { email: `weak${i}@example.com`, name: 'Weak Pass', role: 'catalog_manager', password },
      });
      assert.equal(res.statusCode, 400, `${JSON.stringify(password)} is refused`);
      assert.match(passwordProblem(res.json()), /^is too easy to guess\. \S/, `${JSON.stringify(password)} gets a reason`);
    }
    assert.match(
      passwordProblem(
        (
          await as(
            t.app,
            t.adminCookie,
          )({
            method: 'POST',
            url: '/api/admin-users',
            payload: { email: 'weak@example.com', name: 'Weak Pass', role: 'catalog_manager', password: '1234567890' },
          })
        ).json(),
      ),
      /commonly used password|frequently used password/,
    );
    const users = (await as(t.app, t.adminCookie)({ method: 'GET', url: '/api/admin-users' })).json() as { email: string }[];
    assert.ok(!users.some((u) => u.email.startsWith('weak')), 'no weak account was created');
  });

  it('refuses a password made of the admin’s own name', async () => {
    const res = await as(
      t.app,
      t.adminCookie,
    )({
      method: 'POST',
      url: '/api/admin-users',
      payload: { email: 'rosalind.franklin@example.com', name: 'Rosalind Franklin', role: 'catalog_manager', password: 'RosalindFranklin' },
    });
    assert.equal(res.statusCode, 400);
    assert.match(passwordProblem(res.json()), /personal/);
  });

  it('keeps the length rule', async () => {
    const res = await as(
      t.app,
      t.adminCookie,
    )({
      method: 'POST',
      url: '/api/admin-users',
      payload: { email: 'short@example.com', name: 'Short Pass', role: 'catalog_manager', password: 'Xk9#q' },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.details.fields[0].field, 'body.password');
  });

  it('accepts a passphrase, and the admin signs in with it', async () => {
    const res = await as(
      t.app,
      t.adminCookie,
    )({
      method: 'POST',
      url: '/api/admin-users',
      payload: { email: 'strong@example.com', name: 'Strong Pass', role: 'catalog_manager', password: 'tangerine-lamp-orbit' },
    });
    assert.equal(res.statusCode, 201);
    await signIn(t.app, 'strong@example.com', 'tangerine-lamp-orbit');
  });

  it('refuses a weak password on reset, keeps the old one, and accepts a strong one', async () => {
    const created = await as(
      t.app,
      t.adminCookie,
    )({
      method: 'POST',
      url: '/api/admin-users',
      payload: { email: 'reset@example.com', name: 'Reset Me', role: 'catalog_manager', password: 'first-pass-phrase-1' },
    });
    const id = created.json().id as number;
    for (const password of WEAK) {
      const res = await as(t.app, t.adminCookie)({ method: 'POST', url: `/api/admin-users/${id}/password`, payload: { password } });
      assert.equal(res.statusCode, 400, `${JSON.stringify(password)} is refused`);
      assert.match(passwordProblem(res.json()), /^is too easy to guess\. \S/);
    }
    await signIn(t.app, 'reset@example.com', 'first-pass-phrase-1');
    const ok = await as(
      t.app,
      t.adminCookie,
    )({
      method: 'POST',
      url: `/api/admin-users/${id}/password`,
      payload: { password: 'violet-harbor-engine' },
    });
    assert.equal(ok.statusCode, 204);
    await signIn(t.app, 'reset@example.com', 'violet-harbor-engine');
  });
});

describe('the first administrator’s ADMIN_PASSWORD', function () {
  // Each case migrates a fresh database (seconds on a busy MariaDB).
  this.timeout(90_000);
  it('stops the start with a message naming ADMIN_PASSWORD when it is weak, and creates no admin', async () => {
    const db = await createTestDb();
    const app = Fastify({ logger: false });
    try {
      await app.register(appPlugin, { config: testConfig({ DATABASE_URL: db.url, ADMIN_PASSWORD: '1234567890' }), knex: db.knex });
      await assert.rejects(
        async () => app.ready(),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError, `a ConfigError, got ${String(error)}`);
          assert.match(error.message, /ADMIN_PASSWORD: is too easy to guess\. This is a frequently used password/);
          return true;
        },
      );
      assert.equal((await db.knex('admin_users').count({ n: '*' }).first())?.n, 0);
    } finally {
      await app.close().catch(() => undefined);
      await db.drop();
    }
  });

  it('only warns when an administrator already exists (the variable is no longer used)', async () => {
    const first = await buildTestApp();
    const lines: string[] = [];
    const app = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => lines.push(line) } } });
    try {
      await app.register(appPlugin, {
        config: testConfig({ DATABASE_URL: first.db.url, ADMIN_PASSWORD: 'aaaaaaaaaa' }),
        knex: first.db.knex,
      });
      await app.ready();
      await signIn(app, ADMIN.email, ADMIN.password);
      assert.ok(
        lines.some((l) => /ADMIN_PASSWORD is too easy to guess/.test(l)),
        'a warning names ADMIN_PASSWORD',
      );
      assert.ok(!lines.some((l) => l.includes('aaaaaaaaaa')), 'the password itself is not logged');
    } finally {
      await app.close();
      await first.close();
    }
  });
});
