/**
 * Each test file gets its own database, dropped afterwards: a temporary SQLite file, or a fresh
 * MySQL database when the run is the MySQL pass (TEST_DB_ENGINE=mysql with TEST_MYSQL_URL).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { createKnex, migrateLatest, type Engine } from '../../src/db/connection';

export interface TestDb {
  knex: Knex;
  url: string;
  engine: Engine;
  drop(): Promise<void>;
}

export const testEngine = (): Engine => (process.env.TEST_DB_ENGINE === 'mysql' ? 'mysql' : 'sqlite');

export async function createTestDb(options: { migrate?: boolean } = {}): Promise<TestDb> {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  let url: string;
  let cleanup: () => Promise<void>;
  if (testEngine() === 'mysql') {
    const base = process.env.TEST_MYSQL_URL;
    if (!base) throw new Error('TEST_DB_ENGINE=mysql needs TEST_MYSQL_URL, e.g. mysql://root@127.0.0.1:3306');
    const name = `asc_test_${suffix}`;
    const server = new URL(base);
    server.pathname = '/';
    const admin = createKnex(server.toString());
    await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    server.pathname = `/${name}`;
    url = server.toString();
    cleanup = async () => {
      await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.destroy();
    };
  } else {
    const file = path.join(os.tmpdir(), `asc-test-${suffix}.db`);
    url = `sqlite:${file}`;
    cleanup = async () => {
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    };
  }
  const knex = createKnex(url);
  if (options.migrate !== false) await migrateLatest(knex);
  return {
    knex,
    url,
    engine: testEngine(),
    async drop() {
      await knex.destroy();
      await cleanup();
    },
  };
}
