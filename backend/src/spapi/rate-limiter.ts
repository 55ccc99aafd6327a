/**
 * Amazon's token bucket per (seller, operation), reproduced on our side so calls are spaced before Amazon
 * has to throttle them.
 *
 * Approach: GCRA ("generic cell rate algorithm"), the reservation form of a token bucket. Each bucket is one
 * number, the theoretical arrival time (TAT). A caller reserves the next slot: it may send at
 * max(now, TAT − tolerance), and TAT moves to max(TAT, now) + interval, where interval = 1 / rate and
 * tolerance = (burst − 1) × interval. Reserving is one read and one conditional write of that number, so:
 *  - in one process, a promise chain per bucket serialises reservations (all workers share it);
 *  - across processes, the number lives in `amazon_rate_buckets` and is updated with optimistic
 *    concurrency (`UPDATE … WHERE version = ?`, retried when another process won) — plain SQL that is
 *    atomic on SQLite and MySQL alike, with no lock held while a caller waits for its slot.
 * Processes must share a clock (same host, or NTP-synchronised hosts).
 *
 * Margins against jitter: we use one token less than Amazon's burst (Amazon's bucket keeps a spare token,
 * so a request that arrives a little early is not throttled) and a 2 % slower rate. A 429 nevertheless
 * ("penalize") empties our bucket as Amazon's is empty.
 */
import type { Knex } from 'knex';

export interface Limit {
  rate: number;
  burst: number;
}

export const RATE_MARGIN = 1.02;

export interface Gcra {
  intervalMs: number;
  toleranceMs: number;
}

export function gcraOf(limit: Limit): Gcra {
  const intervalMs = Math.ceil((1000 / limit.rate) * RATE_MARGIN);
  const burst = Math.max(1, Math.floor(limit.burst) - 1);
  return { intervalMs, toleranceMs: (burst - 1) * intervalMs };
}

/** One reservation: when the caller may send, and the bucket's new TAT. */
export function reserve(tatMs: number, nowMs: number, g: Gcra): { sendAtMs: number; tatMs: number } {
  return { sendAtMs: Math.max(nowMs, tatMs - g.toleranceMs), tatMs: Math.max(tatMs, nowMs) + g.intervalMs };
}

/** After a 429: Amazon's bucket is empty, so the next slot is one interval away and no burst is left. */
export function penalized(tatMs: number, nowMs: number, g: Gcra): number {
  return Math.max(tatMs, nowMs + g.intervalMs + g.toleranceMs);
}

/** Where bucket TATs live. `update` returns false when another writer changed the bucket first. */
export interface BucketStore {
  read(key: string): Promise<{ tatMs: number; version: number } | null>;
  create(key: string, tatMs: number): Promise<void>;
  update(key: string, version: number, tatMs: number): Promise<boolean>;
}

export class MemoryBucketStore implements BucketStore {
  private readonly rows = new Map<string, { tatMs: number; version: number }>();
  async read(key: string) {
    const row = this.rows.get(key);
    return row ? { ...row } : null;
  }
  async create(key: string, tatMs: number) {
    if (!this.rows.has(key)) this.rows.set(key, { tatMs, version: 0 });
  }
  async update(key: string, version: number, tatMs: number) {
    const row = this.rows.get(key);
    if (!row || row.version !== version) return false;
    this.rows.set(key, { tatMs, version: nextVersion(version) });
    return true;
  }
}

const nextVersion = (v: number) => (v + 1) % 1_000_000_000;

export class DbBucketStore implements BucketStore {
  constructor(private readonly db: Knex) {}
  async read(key: string) {
    const row = (await this.db('amazon_rate_buckets').where({ bucket_key: key }).first('tat_ms', 'version')) as
      { tat_ms: number | string; version: number } | undefined;
    return row ? { tatMs: Number(row.tat_ms), version: Number(row.version) } : null;
  }
  async create(key: string, tatMs: number) {
    await this.db('amazon_rate_buckets').insert({ bucket_key: key, tat_ms: tatMs, version: 0 }).onConflict('bucket_key').ignore();
  }
  async update(key: string, version: number, tatMs: number) {
    const changed = await this.db('amazon_rate_buckets')
      .where({ bucket_key: key, version })
      .update({ tat_ms: tatMs, version: nextVersion(version) });
    return Number(changed) === 1;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RateLimiter {
  /** Per bucket, the tail of this process's reservation queue. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: BucketStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Waits until a call on this bucket may be sent. */
  async acquire(key: string, limit: Limit): Promise<void> {
    const sendAtMs = await this.serialised(key, () => this.modify(key, (tat, now) => reserve(tat, now, gcraOf(limit))));
    const wait = sendAtMs - this.now();
    if (wait > 0) await sleep(wait);
  }

  /** Amazon answered 429: push the bucket back so every worker (and process) slows down. */
  async penalize(key: string, limit: Limit): Promise<void> {
    await this.serialised(key, () => this.modify(key, (tat, now) => ({ sendAtMs: now, tatMs: penalized(tat, now, gcraOf(limit)) })));
  }

  private serialised<T>(key: string, work: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(key) ?? Promise.resolve();
    const next = prev.then(work, work);
    const tail = next.catch(() => undefined);
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return next;
  }

  private async modify(key: string, change: (tatMs: number, nowMs: number) => { sendAtMs: number; tatMs: number }): Promise<number> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const now = this.now();
      const row = await this.store.read(key);
      if (!row) {
        await this.store.create(key, now);
        continue;
      }
      const { sendAtMs, tatMs } = change(row.tatMs, now);
      if (await this.store.update(key, row.version, tatMs)) return sendAtMs;
      // Another process took the slot first: read again after a short random pause.
      await sleep(1 + Math.random() * 5);
    }
    throw new Error(`rate bucket ${key} stayed contended for 100 attempts`);
  }
}

export const bucketKey = (sellerId: string | null, operation: string) => `${sellerId ?? 'app'}|${operation}`;
