/**
 * A tiny scheduler: named jobs run every `intervalMs`, each run under a DB lease so only one process
 * runs a job at a time. A run that fails is logged and recorded on its lease row; the next tick tries again.
 * Jobs are plain async functions that take care of their own transactions.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { FastifyBaseLogger } from 'fastify';
import { listLeases, releaseLease, tryAcquireLease, type LeaseRow } from './leases.queries';

export interface JobDefinition {
  name: string;
  intervalMs: number;
  /** Longest a run may hold the lease (a crashed process frees it after this). Default: 5 minutes. */
  leaseMs?: number;
  /** Returns a short summary for the log (counts), never secrets. */
  run: () => Promise<Record<string, unknown> | void>;
}

export type RunOutcome = { ran: false; reason: 'lease_held' | 'running' } | { ran: true; summary: Record<string, unknown> | null };

export class Scheduler {
  private readonly jobs = new Map<string, JobDefinition>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly owner = `${process.pid}-${randomBytes(4).toString('hex')}`;
  private started = false;
  /**
   * Jobs running in this process. The lease keeps other processes out, but its owner may take it again (so a run
   * can renew it); without this, a tick every 5 s would start the same job again beside a run that takes longer —
   * e.g. matching a catalog at Amazon's rate limits — and the runs would redo each other's work.
   */
  private readonly active = new Set<string>();

  constructor(
    private readonly db: Knex,
    private readonly log: FastifyBaseLogger,
  ) {}

  define(job: JobDefinition): void {
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} is defined twice`);
    this.jobs.set(job.name, job);
    if (this.started) this.schedule(job);
  }

  names(): string[] {
    return [...this.jobs.keys()];
  }

  get running(): boolean {
    return this.started;
  }

  /** Runs a job now if no other process holds its lease (tests, admin "run now"). */
  async runNow(name: string): Promise<RunOutcome> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job named ${name}`);
    if (this.active.has(name)) return { ran: false, reason: 'running' };
    this.active.add(name);
    try {
      return await this.runLeased(job);
    } finally {
      this.active.delete(name);
    }
  }

  private async runLeased(job: JobDefinition): Promise<RunOutcome> {
    const name = job.name;
    if (!(await tryAcquireLease(this.db, name, this.owner, job.leaseMs ?? 300_000))) return { ran: false, reason: 'lease_held' };
    let error: string | null = null;
    try {
      const summary = (await job.run()) ?? null;
      if (summary) this.log.info({ job: name, ...summary }, 'job finished');
      return { ran: true, summary };
    } catch (err) {
      error = (err as Error).message;
      throw err;
    } finally {
      await releaseLease(this.db, name, this.owner, error);
    }
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const job of this.jobs.values()) this.schedule(job);
  }

  stop(): void {
    this.started = false;
    for (const timer of this.timers.values()) clearInterval(timer);
    this.timers.clear();
  }

  leases(): Promise<LeaseRow[]> {
    return listLeases(this.db);
  }

  private schedule(job: JobDefinition): void {
    const tick = () => {
      this.runNow(job.name).catch((err: unknown) => this.log.error({ err, job: job.name }, 'job failed'));
    };
    const timer = setInterval(tick, job.intervalMs);
    // A scheduler must never keep a process alive on its own.
    timer.unref();
    this.timers.set(job.name, timer);
    setImmediate(tick);
  }
}
