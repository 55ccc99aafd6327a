/**
 * The DB-backed rate buckets shared by several processes: two limiters on two separate connection pools
 * (what two processes look like to the database) with three workers each, on the same (seller, operation).
 */
import assert from 'node:assert/strict';
import { createKnex } from '../../src/db/connection';
import { bucketKey, DbBucketStore, gcraOf, RateLimiter } from '../../src/spapi/rate-limiter';
import { createTestDb, type TestDb } from '../helpers/db';

describe('SP-API rate buckets shared across processes', function () {
  this.timeout(30_000);
  let db: TestDb;

  before(async () => {
    db = await createTestDb();
  });
  after(async () => {
    await db?.drop();
  });

  it('never lets two processes exceed the bucket, and still uses the rate', async () => {
    const otherProcess = createKnex(db.url);
    try {
      const limit = { rate: 20, burst: 3 };
      const g = gcraOf(limit);
      const key = bucketKey('A2SIMOUTDOOR01', 'patchListingsItem');
      const limiters = [new RateLimiter(new DbBucketStore(db.knex)), new RateLimiter(new DbBucketStore(otherProcess))];
      const started = Date.now();
      const sends: number[] = [];
      const perWorker = 5;
      await Promise.all(
        limiters.flatMap((limiter) =>
          Array.from({ length: 3 }, async () => {
            for (let i = 0; i < perWorker; i++) {
              await limiter.acquire(key, limit);
              sends.push(Date.now() - started);
            }
          }),
        ),
      );
      sends.sort((a, b) => a - b);
      const burst = g.toleranceMs / g.intervalMs + 1;
      // The k-th send (0-based) may not come before (k - burst + 1) intervals: the bucket's guarantee.
      sends.forEach((t, k) => assert.ok(t >= (k - burst + 1) * g.intervalMs - 5, `send ${k} at ${t} ms came too early`));
      const ideal = (sends.length - burst) * g.intervalMs;
      assert.ok(sends.at(-1)! <= ideal + 500, `30 calls took ${sends.at(-1)} ms, ideal ${ideal} ms`);
    } finally {
      await otherProcess.destroy();
    }
  });
});
