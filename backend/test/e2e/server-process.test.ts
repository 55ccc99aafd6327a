/**
 * The service as a real process: it starts on an empty SQLite file, migrates, answers /health and
 * /docs, and closes gracefully on SIGTERM. PUBLIC_URL follows the port it really listens on unless set,
 * and a set one that names this machine on another port is warned about in one log line.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Resolves with the listening address once the start banner (after listen) is printed. */
function waitForListening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += String(chunk);
      const match = /admin: /.test(out) && out.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

describe('the service process', function () {
  this.timeout(90_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asc-server-'));
  let child: ChildProcess;
  let base: string;
  let output = '';

  before(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'backend/src/server.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        DATABASE_URL: `sqlite:${path.join(dir, 'channel.db')}`,
        ADMIN_PASSWORD: '',
        SEED_DEMO_DATA: 'false',
        SERVE_ADMIN: 'false',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => (output += String(c)));
    base = await waitForListening(child);
  });

  after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints the admin at the port it really listens on (PORT=0, no PUBLIC_URL)', () => {
    assert.ok(output.includes(`admin: ${base}/admin`), output);
    assert.doesNotMatch(output, /names port/);
  });

  it('migrates an empty database and answers /health', async () => {
    const res = await fetch(`${base}/health`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { database: string }).database, 'ok');
  });

  it('prints a generated first-administrator password once, and it signs in', async () => {
    const match = output.match(/Generated password \(shown once\): (\S+)/);
    assert.ok(match, 'the generated password is printed');
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: match[1] }),
    });
    assert.equal(res.status, 200);
  });

  it('serves the API documentation at /docs', async () => {
    const res = await fetch(`${base}/docs/json`);
    assert.equal(res.status, 200);
    assert.ok(((await res.json()) as { paths: object }).paths);
  });

  it('closes gracefully on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});

describe('the service process with a PUBLIC_URL that names another port', function () {
  this.timeout(90_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asc-server-'));
  let child: ChildProcess;
  let output = '';

  after(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says so in one warning line at start, naming both ports', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'backend/src/server.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        PUBLIC_URL: 'http://127.0.0.1:3000',
        DATABASE_URL: `sqlite:${path.join(dir, 'channel.db')}`,
        SEED_DEMO_DATA: 'false',
        SERVE_ADMIN: 'false',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => (output += String(c)));
    const base = await waitForListening(child);
    const port = new URL(base).port;
    const lines = output.split('\n').filter((l) => l.includes('names port'));
    assert.equal(lines.length, 1, output);
    assert.match(lines[0]!, new RegExp(`PUBLIC_URL http://127\\.0\\.0\\.1:3000 names port 3000, but the service listens on port ${port}`));
    assert.match(lines[0]!, /"level":40/, 'a warning');
    // The set address is kept (a proxy may stand in front): the banner uses it.
    assert.ok(output.includes('admin: http://127.0.0.1:3000/admin'));
  });
});
