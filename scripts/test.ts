/**
 * The one test command (`npm test`): typecheck and lint, then mocha over every tier on SQLite,
 * then the database tiers again on MySQL when TEST_MYSQL_URL is set. Ends with the line
 * `N passed, N failed` (", N skipped" after it when some were skipped).
 *
 * Usage: npm test [-- --tier unit|integration|e2e] [-- --grep text] [-- --no-checks]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const onlyTier = option('--tier');
const grep = option('--grep');
const runChecks = !args.includes('--no-checks');

const TIERS: Record<string, string[]> = {
  unit: ['backend/src/**/*.test.ts', 'admin-ui/src/**/*.test.ts'],
  integration: ['backend/test/integration/**/*.test.ts', 'backend/simulator/test/**/*.test.ts'],
  e2e: ['backend/test/e2e/**/*.test.ts'],
};
/** The tiers that touch the database run a second time on MySQL. */
const MYSQL_TIERS = ['integration', 'e2e'];
/**
 * Spec files that never open the test database: the simulator's own tests (it has no database) and the
 * scenarios that run `npm start` on its embedded SQLite in a folder of their own. A second pass would
 * run them unchanged, so the MySQL pass leaves them out.
 */
const NO_TEST_DATABASE = [
  'backend/simulator/test/**/*.test.ts',
  'backend/test/e2e/first-run.test.ts',
  'backend/test/e2e/server-process.test.ts',
  'backend/test/e2e/simulator-reset.test.ts',
];

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}
const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
const skippedReasons: string[] = [];

function check(name: string, command: string, commandArgs: string[]): void {
  console.log(`\n▶ ${name}: ${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, { stdio: 'inherit' });
  if (result.status === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    console.log(`✗ ${name} failed`);
  }
}

function mocha(label: string, tiers: string[], env: Record<string, string>, ignore: string[] = []): void {
  const specs = tiers.flatMap((t) => TIERS[t] ?? []);
  const summary = path.join(os.tmpdir(), `mocha-summary-${process.pid}-${label}.json`);
  fs.rmSync(summary, { force: true });
  console.log(`\n▶ mocha (${label}): ${tiers.join(', ')}`);
  const mochaArgs = [
    'mocha',
    '--forbid-only',
    '--fail-zero',
    '--reporter',
    './scripts/test/summary-reporter.cjs',
    ...(grep ? ['--grep', grep] : []),
    ...ignore.flatMap((glob) => ['--ignore', glob]),
    ...specs,
  ];
  const result = spawnSync('npx', mochaArgs, {
    stdio: 'inherit',
    env: { ...process.env, ...env, TEST_SUMMARY_FILE: summary },
  });
  if (!fs.existsSync(summary)) {
    // Mocha died before reporting (a syntax error, --fail-zero with no tests): count the run as failed.
    console.log(`✗ mocha (${label}) ended without a report (exit ${result.status})`);
    totals.failed += 1;
    return;
  }
  const s = JSON.parse(fs.readFileSync(summary, 'utf8')) as Totals & { pendingReasons: string[] };
  totals.passed += s.passed;
  totals.failed += s.failed;
  totals.skipped += s.skipped;
  skippedReasons.push(...s.pendingReasons.map((r) => `[${label}] ${r}`));
  if (result.status !== 0 && s.failed === 0) totals.failed += 1;
}

const tiers = onlyTier ? [onlyTier] : Object.keys(TIERS);
if (runChecks && !onlyTier) {
  check('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
  check('typecheck admin-ui', 'npx', ['vue-tsc', '--noEmit', '-p', 'admin-ui/tsconfig.json']);
  check('lint', 'npx', ['eslint', '--max-warnings=0', '.']);
  check('format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
}
mocha('sqlite', tiers, { TEST_DB_ENGINE: 'sqlite' });
const mysqlUrl = process.env.TEST_MYSQL_URL;
const mysqlTiers = tiers.filter((t) => MYSQL_TIERS.includes(t));
if (mysqlUrl && mysqlTiers.length) mocha('mysql', mysqlTiers, { TEST_DB_ENGINE: 'mysql' }, NO_TEST_DATABASE);
else if (mysqlTiers.length) console.log('\n(MySQL pass not run: set TEST_MYSQL_URL=mysql://root@127.0.0.1:3306 to run it)');

if (skippedReasons.length) {
  console.log('\nSkipped:');
  for (const r of skippedReasons) console.log(`  - ${r}`);
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed === 0 ? 0 : 1);
