/**
 * The service started the way the README says — `npm start`, i.e. `tsx scripts/start.ts`, which builds the admin
 * when stale and starts the local Amazon beside it — as a child process in a temporary directory of its own,
 * with only the settings a person would set. Its console is kept for the assertions and for failure reports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ServiceProcess {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** The admin's address from the start banner. */
  adminUrl: string;
  /** SIGTERM, and the exit code once it has closed gracefully. */
  stop(): Promise<number | null>;
}

/** A free loopback port right now (for PORT: the test wants a known, non-default one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `npm start` with `env` on top of this process's environment, minus the settings a new user has not set
 * (PUBLIC_URL, SIMULATOR_STATE_FILE), and resolves once the start banner is printed.
 */
export async function startService(env: Record<string, string>, timeoutMs = 120_000): Promise<ServiceProcess> {
  const base: Record<string, string | undefined> = { ...process.env };
  delete base.PUBLIC_URL;
  delete base.SIMULATOR_STATE_FILE;
  delete base.NODE_ENV;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: REPO,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += String(c)));
  child.stderr!.on('data', (c: Buffer) => (out += String(c)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const adminUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no banner in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const poll = setInterval(() => {
      const match = /"msg":"admin: (http:\/\/[^\s"]+)\/admin /.exec(out);
      if (match) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve(match[1]!);
      }
    }, 100);
    void exited.then((code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`npm start exited with ${code}:\n${out}`));
    });
  });
  return {
    child,
    output: () => out,
    adminUrl,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
  };
}
