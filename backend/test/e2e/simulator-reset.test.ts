/**
 * `npm run simulator:reset` as a process: it removes the local Amazon's state file beside the database named by
 * DATABASE_URL, refuses while the simulator that writes it still runs (it would write it again), and says what it did.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function reset(dir: string, ...args: string[]): { status: number | null; out: string } {
  const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'channel.db')}` };
  delete env.SIMULATOR_STATE_FILE;
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/simulator-reset.ts', ...args], { env, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** The pid of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid ?? 0;
}

describe('npm run simulator:reset', function () {
  this.timeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asc-sim-reset-'));
  const file = path.join(dir, 'simulator-state.json');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('says there is nothing to reset when there is no state file', () => {
    const r = reset(dir);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /No local Amazon state at .*simulator-state\.json/);
  });

  it('refuses while the simulator that wrote the file still runs; --force removes it anyway', () => {
    // This test process stands in for a running `npm start`.
    fs.writeFileSync(file, JSON.stringify({ format: 'amazon-sales-channel/simulator-state', pid: process.pid }));
    const refused = reset(dir);
    assert.equal(refused.status, 1);
    assert.match(refused.out, new RegExp(`still runs \\(process ${process.pid}\\).*/_simulator/reset`, 's'));
    assert.ok(fs.existsSync(file));
    const forced = reset(dir, '--force');
    assert.equal(forced.status, 0, forced.out);
    assert.ok(!fs.existsSync(file));
  });

  it('removes the file beside the database once npm start has stopped', () => {
    fs.writeFileSync(file, JSON.stringify({ format: 'amazon-sales-channel/simulator-state', pid: deadPid() }));
    const r = reset(dir);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /Removed .*simulator-state\.json: the local Amazon starts from its scenario on the next start/);
    assert.ok(!fs.existsSync(file));
  });
});
