/**
 * The scheduler runs a job once at a time in a process, too: a run slower than the job's interval (matching a
 * catalog at Amazon's rate limits) is not joined by a second run from the next tick or a wake-up, which would
 * redo the same work beside it. Another process is kept out by the lease, as before.
 */
import assert from 'node:assert/strict';
import pino from 'pino';
import { Scheduler } from '../../src/jobs/scheduler';
import { createTestDb, type TestDb } from '../helpers/db';

describe('jobs: one run of a job at a time', () => {
  let db: TestDb;
  before(async () => {
    db = await createTestDb();
  });
  after(async () => db?.drop());

  it('answers "running" while its own run is in progress, and runs again once it ended', async () => {
    const scheduler = new Scheduler(db.knex, pino({ level: 'silent' }));
    let runs = 0;
    let finish: () => void = () => undefined;
    scheduler.define({
      name: 'slow',
      intervalMs: 60_000,
      run: async () => {
        runs++;
        await new Promise<void>((r) => (finish = r));
        return { runs };
      },
    });
    const first = scheduler.runNow('slow');
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(await scheduler.runNow('slow'), { ran: false, reason: 'running' });
    finish();
    assert.deepEqual(await first, { ran: true, summary: { runs: 1 } });
    const again = scheduler.runNow('slow');
    await new Promise((r) => setTimeout(r, 50));
    finish();
    assert.deepEqual(await again, { ran: true, summary: { runs: 2 } });
  });

  it('keeps another process out with the lease', async () => {
    const a = new Scheduler(db.knex, pino({ level: 'silent' }));
    const b = new Scheduler(db.knex, pino({ level: 'silent' }));
    let finish: () => void = () => undefined;
    for (const s of [a, b]) s.define({ name: 'shared', intervalMs: 60_000, run: () => new Promise<void>((r) => (finish = r)) });
    const running = a.runNow('shared');
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(await b.runNow('shared'), { ran: false, reason: 'lease_held' });
    finish();
    assert.equal((await running).ran, true);
  });
});
