/**
 * Recurring work: decorates `app.jobs` (Scheduler: define, runNow, leases) and `app.clock` (business time).
 * Jobs start when the server listens (not under `inject`, so tests run them with `runNow`) and stop on close.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Clock } from './clock';
import { Scheduler } from './scheduler';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: Scheduler;
    clock: Clock;
  }
}

export default fp(
  async function jobsPlugin(app: FastifyInstance) {
    const scheduler = new Scheduler(app.db, app.log);
    app.decorate('jobs', scheduler);
    app.decorate('clock', new Clock());
    app.addHook('onListen', async () => scheduler.start());
    app.addHook('onClose', async () => scheduler.stop());
  },
  { name: 'jobs', dependencies: ['db'] },
);

export { Clock, DAY_MS } from './clock';
export type { JobDefinition, RunOutcome } from './scheduler';
