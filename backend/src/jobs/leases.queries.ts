/**
 * Job leases: a row per job; a process may run the job while it holds an unexpired lease. Taking it is
 * one conditional UPDATE (atomic on SQLite and MySQL), so two processes never run the same job at once.
 * Leases use real time, not the business clock (jobs/clock.ts).
 */
import type { Knex } from 'knex';
import { dbTimeAfter, fromDbTime, toDbTime } from '../db/time';

export async function tryAcquireLease(db: Knex, name: string, owner: string, leaseMs: number): Promise<boolean> {
  await db('job_leases').insert({ name, owner: null, lease_until: null }).onConflict('name').ignore();
  const now = toDbTime();
  const taken = await db('job_leases')
    .where({ name })
    .where((w) => w.whereNull('lease_until').orWhere('lease_until', '<', now).orWhere('owner', owner))
    .update({ owner, lease_until: dbTimeAfter(leaseMs), last_started_at: now });
  return Number(taken) === 1;
}

export async function releaseLease(db: Knex, name: string, owner: string, error: string | null): Promise<void> {
  await db('job_leases').where({ name, owner }).update({ owner: null, lease_until: null, last_finished_at: toDbTime(), last_error: error });
}

export interface LeaseRow {
  name: string;
  running: boolean;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastError: string | null;
}

export async function listLeases(db: Knex): Promise<LeaseRow[]> {
  const now = toDbTime();
  const rows = await db('job_leases').orderBy('name');
  return rows.map((r) => ({
    name: r.name,
    running: r.lease_until !== null && String(r.lease_until) > now,
    lastStartedAt: fromDbTime(r.last_started_at),
    lastFinishedAt: fromDbTime(r.last_finished_at),
    lastError: r.last_error ?? null,
  }));
}
