/**
 * Builds the admin (admin-ui → admin-ui/dist) with Vite when the build is missing or older than any
 * of its sources (admin-ui files and the shared schema/ it validates forms with).
 * `ensureAdminBuilt()` is what `npm start` calls; `tsx scripts/build-admin.ts` runs it directly
 * (add --force to rebuild regardless).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const adminDir = path.join(repo, 'admin-ui');
const distIndex = path.join(adminDir, 'dist', 'index.html');
/** What the build reads: the admin itself (not its output) and the shared schemas. */
const SOURCES = [adminDir, path.join(repo, 'schema')];
const SKIP = new Set(['dist', 'node_modules']);

function newestSourceTime(dir: string): { time: number; file: string } {
  let newest = { time: 0, file: '' };
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    // READMEs and tests do not go into the bundle; editing them must not force a rebuild.
    if (SKIP.has(entry.name) || entry.name.startsWith('.') || entry.name.endsWith('.md') || entry.name.endsWith('.test.ts')) continue;
    const full = path.join(dir, entry.name);
    const candidate = entry.isDirectory() ? newestSourceTime(full) : { time: fs.statSync(full).mtimeMs, file: full };
    if (candidate.time > newest.time) newest = candidate;
  }
  return newest;
}

/** Why the admin needs building, or null when dist is up to date. */
export function staleReason(): string | null {
  if (!fs.existsSync(distIndex)) return 'no build yet';
  const built = fs.statSync(distIndex).mtimeMs;
  for (const dir of SOURCES) {
    const newest = newestSourceTime(dir);
    if (newest.time > built) return `${path.relative(repo, newest.file)} changed since the last build`;
  }
  return null;
}

export async function buildAdmin(): Promise<void> {
  const { build } = await import('vite');
  const started = Date.now();
  await build({ configFile: path.join(adminDir, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`admin: built admin-ui/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export async function ensureAdminBuilt(options: { force?: boolean } = {}): Promise<void> {
  const reason = options.force ? 'forced' : staleReason();
  if (!reason) {
    console.log('admin: admin-ui/dist is up to date');
    return;
  }
  console.log(`admin: building (${reason})…`);
  await buildAdmin();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await ensureAdminBuilt({ force: process.argv.includes('--force') });
  } catch (error) {
    console.error('admin: the build failed:', error);
    process.exit(1);
  }
}
