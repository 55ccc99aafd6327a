/**
 * Listing rule runs: saving a rule queues a run that applies it chunk by chunk (run-plan.ts), each chunk one
 * transaction that also writes the progress, so a 100,000-product apply shows "12,000 of 100,000" and a crash
 * loses at most the chunk in flight. The job `listings.rule-runs` drives queued and interrupted runs (the DB
 * lease keeps it to one process; every progress write is guarded, so a second driver only stops). A run of
 * at most one chunk is driven inside the save request, so the common case answers already done.
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { conflict, notFound } from '../../platform/errors';
import type { ListingSettingsService } from '../settings.service';
import { applyRule } from './apply';
import { chunksAfter, planRun, type RunPlan } from './run-plan';
import * as rq from './runs.queries';
import type { RuleRun } from './runs.queries';

export type { RuleRun } from './runs.queries';

/** Products per chunk: small enough for a short transaction, large enough that 100,000 products are 50 of them. */
export const RUN_CHUNK_SIZE = 2000;
/** A job run drives chunks for about this long, then lets the next tick continue (short lease, quick takeover). */
const JOB_BUDGET_MS = 20_000;

/** Test seams: observe or interrupt a run between chunks (a crash is "stop": nothing more happens in this process). */
export interface RunHooks {
  /** Inside the chunk's transaction, after the apply: throwing rolls the chunk back and fails the run. */
  inChunk?: (run: RuleRun, index: number) => void | Promise<void>;
  /** After a chunk committed: 'stop' leaves the run as a crash would (running, resumable). */
  afterChunk?: (run: RuleRun, index: number) => 'stop' | void | Promise<'stop' | void>;
}

export class RuleRunsService {
  chunkSize = RUN_CHUNK_SIZE;
  hooks: RunHooks = {};

  constructor(
    private readonly app: FastifyInstance,
    private readonly settings: ListingSettingsService,
    /** Called after a chunk created or revived listings (wakes the matching job). */
    private readonly onCreated: () => void,
    /** Asks the job to drive a run soon (no-op when the scheduler is not running). */
    private readonly wake: () => void,
  ) {}

  private get db(): Knex {
    return this.app.db;
  }

  /** Counts what a run of the store will go through (read outside the save's transaction). */
  plan(storeId: number, websiteId: number): Promise<RunPlan> {
    return planRun(this.db, storeId, websiteId);
  }

  /** Inside the save's transaction: supersedes the store's unfinished runs and queues a new one. */
  async queue(trx: Knex, storeId: number, total: number, createdBy: string | null): Promise<number> {
    await rq.supersedeActive(trx, storeId);
    return rq.insertRun(trx, storeId, total, createdBy);
  }

  /** After the save committed: a small run is applied now, a large one goes to the job. */
  async start(runId: number, plan: RunPlan): Promise<RuleRun> {
    if (plan.total <= this.chunkSize) return this.drive(runId, { plan });
    this.wake();
    return this.get(runId);
  }

  async get(runId: number, storeId?: number): Promise<RuleRun> {
    const run = await rq.runById(this.db, runId);
    if (!run || (storeId !== undefined && run.storeId !== storeId)) throw notFound('listing rule run', runId);
    return run;
  }

  async latest(storeId: number): Promise<RuleRun> {
    const run = await rq.latestRun(this.db, storeId);
    if (!run) throw notFound('listing rule run of store', storeId);
    return run;
  }

  /** Retry of a failed run: it carries on from its last committed chunk. Only the store's latest run may be retried. */
  async retry(storeId: number, runId: number): Promise<RuleRun> {
    const run = await this.get(runId, storeId);
    const latest = await rq.latestRun(this.db, storeId);
    if (run.status !== 'failed' || latest?.id !== run.id)
      throw conflict(
        `Run ${runId} is ${run.status}${latest?.id !== run.id ? ' and a newer run exists' : ''}: only the latest failed run can be retried`,
        {
          status: run.status,
        },
      );
    await rq.requeue(this.db, runId);
    const plan = await this.storePlan(run.storeId);
    // No plan: the rule no longer validates, and driving it says so on the run.
    return plan ? this.start(runId, plan) : this.drive(runId);
  }

  /** The job: drives every queued or interrupted run, oldest first, for about JOB_BUDGET_MS. */
  async driveActive(budgetMs = JOB_BUDGET_MS): Promise<{ runs: number; chunks: number }> {
    const deadline = Date.now() + budgetMs;
    const summary = { runs: 0, chunks: 0 };
    for (const id of await rq.activeRunIds(this.db)) {
      if (Date.now() >= deadline) break;
      const before = await rq.runById(this.db, id);
      const after = await this.drive(id, { deadline });
      summary.runs++;
      if (before && after.afterRoot !== before.afterRoot) summary.chunks++;
    }
    return summary;
  }

  /**
   * Applies the run's remaining chunks until it is done, superseded, failed, interrupted by a hook or past
   * `deadline`. The rule is read from the store (a newer save supersedes this run, so it is this run's rule).
   */
  async drive(runId: number, o: { plan?: RunPlan; deadline?: number } = {}): Promise<RuleRun> {
    let run = await this.get(runId);
    if (!rq.ACTIVE_STATUSES.includes(run.status)) return run;
    const prepared = await this.settings.prepareReapply(run.storeId);
    if (!prepared) {
      await rq.markFailed(
        this.db,
        runId,
        'The saved rule no longer validates (a catalog attribute it names was removed): correct the rule and save it again',
      );
      return this.get(runId);
    }
    const plan = o.plan ?? (await planRun(this.db, run.storeId, prepared.scope.websiteId));
    if (run.status === 'queued' && !(await rq.markStarted(this.db, runId, plan.total))) return this.get(runId);
    const chunks = chunksAfter(plan, run.afterRoot, this.chunkSize);
    let position = run.afterRoot;
    for (const [index, chunk] of chunks.entries()) {
      const last = index === chunks.length - 1;
      let applied;
      try {
        applied = await this.db.transaction(async (trx) => {
          if (!(await rq.claimChunk(trx, runId, position, chunk.lastRoot, chunk.products, last))) return null;
          const r = await applyRule(this.app, trx, prepared.ctx, prepared.settings, prepared.scope, chunk.productIds, { orphans: last });
          await rq.addCounts(trx, runId, r);
          if (last) await rq.markRuleApplied(trx, run.storeId);
          await this.hooks.inChunk?.(run, index);
          return r;
        });
      } catch (err) {
        this.app.log.error({ err, runId }, 'listing rule run chunk failed');
        await rq.markFailed(this.db, runId, (err as Error).message || 'The chunk failed');
        return this.get(runId);
      }
      run = await this.get(runId);
      // Superseded, or another driver moved it on: that driver (or the newer run) owns the rest.
      if (!applied) return run;
      position = chunk.lastRoot;
      if (applied.created || applied.madeEligible) this.onCreated();
      if ((await this.hooks.afterChunk?.(run, index)) === 'stop') return run;
      if (o.deadline !== undefined && Date.now() >= o.deadline) return run;
    }
    return run;
  }

  private async storePlan(storeId: number): Promise<RunPlan | null> {
    const prepared = await this.settings.prepareReapply(storeId);
    return prepared ? planRun(this.db, storeId, prepared.scope.websiteId) : null;
  }
}
