/**
 * Builds the real app on a per-file test database, with a first administrator, and signs in
 * admins of either role for `inject` calls.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import appPlugin from '../../src/app';
import { loadConfig, type AppConfig } from '../../src/platform/config';
import { createTestDb, type TestDb } from './db';

export const ADMIN = { email: 'admin@example.com', password: 'admin-password-123', name: 'Ada Admin' };
export const MANAGER = { email: 'manager@example.com', password: 'manager-password-123', name: 'Cato Manager' };

export interface TestApp {
  app: FastifyInstance;
  db: TestDb;
  /** Cookie header of a signed-in administrator. */
  adminCookie: string;
  /** Cookie header of a signed-in catalog manager. */
  managerCookie: string;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: 'sqlite::memory:',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ADMIN_NAME: ADMIN.name,
    SEED_DEMO_DATA: 'false',
    SERVE_ADMIN: 'false',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    // A key per run: tests never write ./data/secret.key.
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    // Nor ./data/mail: an app whose jobs run (e2e) writes its e-mail here (created only when a message is sent).
    MAIL_DIR: path.join(os.tmpdir(), `asc-test-mail-${process.pid}-${randomBytes(4).toString('hex')}`),
    ...overrides,
  });
}

export async function signIn(app: FastifyInstance, email: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'asc_session');
  if (!cookie) throw new Error('sign-in set no session cookie');
  return `asc_session=${cookie.value}`;
}

export async function buildTestApp(options: { config?: Record<string, string>; db?: TestDb } = {}): Promise<TestApp> {
  const db = options.db ?? (await createTestDb());
  const config = testConfig({ DATABASE_URL: db.url, ...options.config });
  const app = Fastify({ logger: false });
  await app.register(appPlugin, { config, knex: db.knex });
  await app.ready();
  const adminCookie = await signIn(app, ADMIN.email, ADMIN.password);
  await app.auth.createUser({ email: MANAGER.email, name: MANAGER.name, role: 'catalog_manager', password: MANAGER.password });
  const managerCookie = await signIn(app, MANAGER.email, MANAGER.password);
  return {
    app,
    db,
    adminCookie,
    managerCookie,
    async close() {
      await app.close();
      if (!options.db) await db.drop();
    },
  };
}

/** `inject` as a signed-in admin: `as(t.adminCookie)({ method: 'GET', url })`. */
export const as = (app: FastifyInstance, cookie: string) => (opts: InjectOptions) =>
  app.inject({ ...opts, headers: { ...(opts.headers ?? {}), cookie } });
