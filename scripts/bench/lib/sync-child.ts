/**
 * A sync worker in a process of its own, for the stock bench's crash run (the parent SIGKILLs it at random
 * points): the real app on the bench's database (config as JSON in BENCH_APP_CONFIG, the parent's simulator on
 * BENCH_SIM_PORT, Amazon's clock offset in BENCH_SIM_OFFSET_MS), printing "ready", then draining store
 * BENCH_STORE_ID pass after pass until it is killed. No scheduler: nothing else runs in it.
 */
import Fastify from 'fastify';
import appPlugin from '../../../backend/src/app';
import type { AppConfig } from '../../../backend/src/platform/config';

const env = (name: string) => {
  const v = process.env[name];
  if (v === undefined) throw new Error(`${name} is not set`);
  return v;
};
const config = JSON.parse(env('BENCH_APP_CONFIG')) as AppConfig;
const storeId = Number(env('BENCH_STORE_ID'));
const offsetMs = Number(env('BENCH_SIM_OFFSET_MS'));
const app = Fastify({ logger: false });
await app.register(appPlugin, { config, simulatorPort: Number(env('BENCH_SIM_PORT')) });
await app.ready();
// The parent moves Amazon's clock only while no child runs: a fixed offset keeps this one in step.
app.clock.follow(() => new Date(Date.now() + offsetMs));
process.stdout.write('ready\n');
for (;;) {
  const r = await app.listingsSync.drainStore(storeId);
  if (r.sentInFeeds + r.sentDirect + r.polled + r.recovered === 0) await new Promise((resolve) => setTimeout(resolve, 100));
}
