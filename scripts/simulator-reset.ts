/**
 * `npm run simulator:reset`: the local Amazon starts from its scenario again on the next `npm start` — its
 * state file (SIMULATOR_STATE_FILE, beside the database by default) is removed. Stores connected before then
 * hold refresh tokens the new Amazon never issued: they show Revoked at the next check; reconnect them.
 * While `npm start` runs, its simulator would write the file again: reset it there instead, through the
 * control plane (POST /_simulator/reset), or stop it first. `--force` removes the file regardless.
 */
import fs from 'node:fs';
import { readConfig } from '../backend/src/server';
import { ConfigError } from '../backend/src/platform/config';

function writerStillRunning(file: string): number | null {
  try {
    const { pid } = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: unknown };
    if (typeof pid !== 'number' || pid === process.pid) return null;
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return pid;
  } catch {
    return null;
  }
}

let file: string;
try {
  file = readConfig().SIMULATOR_STATE_FILE;
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`${error.message}\nSee .env.example for every setting and its default.`);
  process.exit(1);
}

if (file === 'none') {
  console.log('SIMULATOR_STATE_FILE=none: the local Amazon keeps no state file; every start is a fresh one.');
  process.exit(0);
}
if (!fs.existsSync(file)) {
  console.log(`No local Amazon state at ${file}: the next start begins from the scenario anyway.`);
  process.exit(0);
}
const running = process.argv.includes('--force') ? null : writerStillRunning(file);
if (running !== null) {
  console.error(
    `The simulator that writes ${file} still runs (process ${running}): stop npm start first, or reset it while it runs with\n` +
      `  curl -k -X POST -H 'x-simulator-token: <token printed at start>' https://127.0.0.1:<SIMULATOR_PORT>/_simulator/reset\n` +
      `(--force removes the file anyway).`,
  );
  process.exit(1);
}
fs.rmSync(file);
console.log(`Removed ${file}: the local Amazon starts from its scenario on the next start. Reconnect your stores then.`);
