/**
 * The per-store worker passes of this process, for the scheduler's `listings-sync:store:<id>` jobs.
 * - One pass at a time per store here: the job lease keeps other processes out, but the same process
 *   re-acquires its own lease, so a tick (or a wake) during a long pass would start a second, overlapping
 *   pass. A pass asked for meanwhile waits for the running one and runs once more after it.
 * - Wakes a store's worker as soon as one of its listings becomes dirty (after the transaction commits),
 *   instead of waiting for the next pass interval: a stock change reaches Amazon in about a second.
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { syncRows } from './sync.queries';
import type { DrainResult } from './types';
import type { SyncWorker } from './worker';
import { GATHER_RECHECK_MS } from './policy';

/** Gathers the listings made dirty by one burst of commits into one wake. */
const WAKE_DELAY_MS = 100;

export class StorePasses {
  private readonly running = new Map<number, Promise<DrainResult>>();
  private readonly again = new Set<number>();
  private readonly dirty = new Set<number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly app: FastifyInstance,
    private readonly worker: SyncWorker,
    /** The store's job name when this process runs one for it, else null. */
    private readonly jobOf: (storeId: number) => string | null,
  ) {}

  /** One pass for the store, never overlapping another of this process. */
  pass(storeId: number): Promise<DrainResult> {
    const current = this.running.get(storeId);
    if (current) {
      this.again.add(storeId);
      return current;
    }
    const run = (async () => {
      try {
        let r = await this.worker.drainStore(storeId, { gather: true });
        while (this.again.delete(storeId)) r = await this.worker.drainStore(storeId, { gather: true });
        // A burst held back to gather: look again shortly, even if no further commit wakes the store.
        if (r.gathered > 0) this.recheck(storeId);
        return r;
      } finally {
        this.running.delete(storeId);
      }
    })();
    this.running.set(storeId, run);
    return run;
  }

  /** Call after listings may have become dirty in `trx`: their stores' workers run soon after the commit. */
  wakeAfter(trx: Knex, listingIds: readonly number[]): void {
    if (!this.app.jobs.running || !listingIds.length) return;
    for (const id of listingIds) this.dirty.add(id);
    const committed = (trx as Knex.Transaction).executionPromise ?? Promise.resolve();
    committed.then(
      () => this.schedule(),
      () => undefined,
    );
  }

  private recheck(storeId: number): void {
    const job = this.jobOf(storeId);
    if (!job || !this.app.jobs.running) return;
    const timer = setTimeout(() => {
      this.app.jobs.runNow(job).catch((err: unknown) => this.app.log.error({ err, job }, 'job failed'));
    }, GATHER_RECHECK_MS);
    timer.unref();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake().catch((err: unknown) => this.app.log.error({ err }, 'listings sync: waking store workers failed'));
    }, WAKE_DELAY_MS);
    this.timer.unref();
  }

  private async wake(): Promise<void> {
    const ids = [...this.dirty];
    this.dirty.clear();
    const stores = new Set((await syncRows(this.app.db, ids)).filter((r) => r.pending).map((r) => r.storeId));
    for (const storeId of stores) {
      const job = this.jobOf(storeId);
      if (job) this.app.jobs.runNow(job).catch((err: unknown) => this.app.log.error({ err, job }, 'job failed'));
    }
  }
}
