/**
 * The listings benchmark of issue 6, in one command: rule preview time on a 100,000-product catalog
 * (listings-rules.ts), then publishing 20,000 listings against the simulator at the documented rate limits
 * — SP-API calls used versus the minimum and the wall time — and p50/p95 from a price change to the
 * simulator's offer showing it (listings-sync.ts). Each part prints its own figures.
 *
 *   npm run bench:listings        # BENCH_MYSQL_URL=mysql://… adds MySQL to the preview part
 */
import { spawnSync } from 'node:child_process';

const parts = ['scripts/bench/listings-rules.ts', 'scripts/bench/listings-sync.ts'];
let failed = false;
for (const script of parts) {
  console.log(`\n▶ ${script}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.log(`✗ ${script} exited with ${run.status}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
