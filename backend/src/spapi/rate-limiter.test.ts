import assert from 'node:assert/strict';
import { bucketKey, gcraOf, MemoryBucketStore, penalized, RateLimiter, reserve } from './rate-limiter';

describe('spapi rate limiter (GCRA token bucket)', () => {
  const patch = gcraOf({ rate: 5, burst: 5 });

  it("spaces calls at the documented rate with a 2 % margin and keeps one of Amazon's burst tokens spare", () => {
    assert.equal(patch.intervalMs, 204);
    assert.equal(patch.toleranceMs, 3 * 204, 'burst 5 → 4 calls at once');
    assert.equal(gcraOf({ rate: 2, burst: 1 }).toleranceMs, 0, 'burst 1 stays 1');
  });

  it('lets a burst through at once, then one call per interval', () => {
    let tat = 0;
    const sends: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = reserve(tat, 0, patch);
      sends.push(r.sendAtMs);
      tat = r.tatMs;
    }
    assert.deepEqual(sends, [0, 0, 0, 0, 204, 408, 612]);
  });

  it('regains the burst after a quiet period', () => {
    const r = reserve(1000, 60_000, patch);
    assert.equal(r.sendAtMs, 60_000);
    assert.equal(r.tatMs, 60_204);
  });

  it('after a 429, the next slot is a full interval away with no burst left', () => {
    const tat = penalized(0, 10_000, patch);
    assert.equal(reserve(tat, 10_000, patch).sendAtMs, 10_204);
  });

  it('serialises concurrent workers of one process on the same bucket: no reservation is lost to a race', async () => {
    const store = new MemoryBucketStore();
    const limiter = new RateLimiter(store, () => 0);
    const key = bucketKey('A1', 'patchListingsItem');
    await Promise.all(Array.from({ length: 4 }, () => limiter.acquire(key, { rate: 5, burst: 5 })));
    assert.equal((await store.read(key))?.tatMs, 4 * 204);
  });

  it('keys buckets by seller and operation', () => {
    assert.notEqual(bucketKey('A1', 'getListingsItem'), bucketKey('A2', 'getListingsItem'));
    assert.equal(bucketKey(null, 'createDestination'), 'app|createDestination');
  });
});
