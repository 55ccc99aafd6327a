/**
 * What the service writes to disk is readable by its own user only: the SQLite database (and its
 * WAL and shared-memory files), the generated encryption key, and the folders they are created in.
 * Files left looser by an older version are tightened at start, and the log says so.
 * (These are SQLite and key files, so the test is the same whichever engine the run is for.)
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import appPlugin from '../../src/app';
import { createKnex, migrateLatest } from '../../src/db/connection';
import { loggerOptions } from '../../src/platform/logger';
import { resolveEncryptionKey } from '../../src/platform/secrets';
import { testConfig } from '../helpers/app';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;
const octal = (mode: number) => `0${mode.toString(8)}`;

describe('files the service creates', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'asc-files-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('creates the database folder 0700 and the database, its WAL and shared memory 0600', async () => {
    const file = path.join(tmp, 'data', 'channel.db');
    const db = createKnex(`sqlite:${file}`);
    try {
      await migrateLatest(db);
      assert.equal(octal(modeOf(path.dirname(file))), '0700', 'the folder');
      for (const f of [file, `${file}-wal`, `${file}-shm`]) {
        assert.ok(fs.existsSync(f), `${f} exists while the database is open`);
        assert.equal(octal(modeOf(f)), '0600', path.basename(f));
      }
    } finally {
      await db.destroy();
    }
  });

  it('leaves the mode of a folder that is not its own (a database placed elsewhere), protecting the file', async () => {
    const dir = path.join(tmp, 'shared');
    fs.mkdirSync(dir);
    fs.chmodSync(dir, 0o755);
    const db = createKnex(`sqlite:${path.join(dir, 'channel.db')}`);
    await db.raw('select 1');
    await db.destroy();
    assert.equal(octal(modeOf(dir)), '0755');
    assert.equal(octal(modeOf(path.join(dir, 'channel.db'))), '0600');
  });

  it('creates ./data and secret.key 0700 / 0600', () => {
    const dir = path.join(tmp, 'data');
    resolveEncryptionKey('', dir);
    assert.equal(octal(modeOf(dir)), '0700');
    assert.equal(octal(modeOf(path.join(dir, 'secret.key'))), '0600');
  });

  it('tightens an existing data folder and key file, saying what it changed', () => {
    const dir = path.join(tmp, 'data');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    const key = path.join(dir, 'secret.key');
    fs.writeFileSync(key, randomBytes(32).toString('hex'));
    fs.chmodSync(key, 0o644);
    const said: string[] = [];
    const before = fs.readFileSync(key, 'utf8');
    resolveEncryptionKey('', dir, (line) => said.push(line));
    assert.equal(fs.readFileSync(key, 'utf8'), before, 'the key itself is kept');
    assert.deepEqual([octal(modeOf(dir)), octal(modeOf(key))], ['0700', '0600']);
    assert.equal(said.length, 2, said.join('\n'));
    assert.match(said.join('\n'), /secret\.key.*0644.*0600/);
    assert.match(said.join('\n'), /0755.*0700/);
    said.length = 0;
    resolveEncryptionKey('', dir, (line) => said.push(line));
    assert.deepEqual(said, [], 'nothing to say the second time');
  });

  it('tightens an existing database and its WAL at start, and logs it', async () => {
    const file = path.join(tmp, 'channel.db');
    const seed = createKnex(`sqlite:${file}`);
    await migrateLatest(seed);
    await seed.destroy();
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(`${file}-wal`, '');
    fs.chmodSync(`${file}-wal`, 0o664);
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = testConfig({ DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'info' });
    const app = Fastify({ logger: { ...(loggerOptions(config) as object), stream } });
    await app.register(appPlugin, { config });
    await app.ready();
    try {
      assert.equal(octal(modeOf(file)), '0600');
      assert.equal(octal(modeOf(`${file}-wal`)), '0600');
      const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => /0600/.test(l.msg));
      assert.equal(warnings.length, 2, lines.join(''));
      assert.ok(
        warnings.every((w) => w.level === 40),
        'logged as warnings',
      );
      assert.match(warnings[0]!.msg, /channel\.db.*0644.*0600/);
    } finally {
      await app.close();
    }
  });
});
