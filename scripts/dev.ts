/**
 * `npm run dev`: the backend on PORT (3000 by default), restarted on change by `tsx watch`, and the
 * admin on Vite's dev server with hot reload, proxying /api to the backend. Open the URL it prints
 * (http://127.0.0.1:5173/admin/). Ctrl+C stops both.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT ?? '3000';
const backendUrl = `http://127.0.0.1:${port}`;

// The dev server serves the admin itself, so the backend need not (and the build may be stale).
const backend = spawn(process.execPath, ['--import', 'tsx', '--watch', path.join(repo, 'backend/src/server.ts')], {
  cwd: repo,
  stdio: 'inherit',
  env: { ...process.env, PORT: port, SERVE_ADMIN: 'false', NODE_ENV: process.env.NODE_ENV ?? 'development' },
});
console.log(`dev: backend starting on ${backendUrl} (pid ${backend.pid})`);

process.env.BACKEND_URL = backendUrl;
const vite = await createServer({ configFile: path.join(repo, 'admin-ui/vite.config.ts') });
await vite.listen();
const local = vite.resolvedUrls?.local[0] ?? 'http://localhost:5173/admin/';
console.log(`dev: admin with hot reload at ${local} (API proxied to ${backendUrl})`);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  backend.kill('SIGTERM');
  await vite.close();
  process.exit(code);
}
backend.on('exit', (code) => {
  if (!stopping) {
    console.error(`dev: the backend exited (${code ?? 'signal'}); stopping the dev server`);
    void stop(code ?? 1);
  }
});
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
