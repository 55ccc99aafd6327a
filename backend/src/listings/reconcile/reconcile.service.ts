/**
 * Periodic reconciliation (DESIGN §6, issues 6 and 7): a check requests Amazon's merchant listings report,
 * collects it once Amazon has it (a later call: the job's next tick or "Check now" again), compares it with
 * what we want (compare.ts), keeps the drift list, corrects Active/Inactive from the report, and pushes our
 * state at once where Amazon offers more than we want (admins repair the rest: drift-repair.ts). Amazon is called outside transactions; everything gathered through
 * `app.*` is read before a transaction opens (SQLite has one connection).
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { DriftField } from '../../../../schema/listings';
import type { AuditActor } from '../../audit/index';
import { toDbTime } from '../../db/time';
import { conflict } from '../../platform/errors';
import { offersOnAmazon } from '../desired';
import { transition } from '../lifecycle';
import { listingById, listingsOfStore, updateListings } from '../listings.queries';
import { merchantListingsStep } from '../merchant-report';
import { storeContext } from '../store-context';
import { recordActivity } from '../sync/activity.queries';
import { syncOf } from '../sync-contract';
import { compareWithReport, type Finding, type ManagedListing, type ReportRow, type StatusCorrection } from './compare';
import * as q from './reconcile.queries';

export const RECONCILE_JOB = 'listings.reconcile';
/** How often each connected store is checked, on the app clock; the job ticks every minute and starts a check when one is due. */
export const RECONCILE_EVERY_MS = 60 * 60_000;
export const RECONCILE_TICK_MS = 60_000;
/** A report Amazon has not prepared after this long is given up (the next check requests a new one). */
const REPORT_GIVE_UP_MS = 2 * 60 * 60_000;
/** A check whose report request never got an id (crash mid-request) is failed after this long. */
const REQUEST_LOST_MS = 5 * 60_000;

const AMAZON_STATUS = { active: ['BUYABLE', 'DISCOVERABLE'], inactive: ['DISCOVERABLE'] } as const;

export class ReconcileService {
  constructor(private readonly app: FastifyInstance) {}

  private now = () => toDbTime(this.app.clock.now());

  /** The job: collects open checks, and starts one per connected, unpaused store whose last check is due. */
  async runDue(): Promise<{ started: number; collected: number; failed: number }> {
    const tally = { started: 0, collected: 0, failed: 0 };
    for (const storeId of await this.app.stores.authorizations.connectedStoreIds()) {
      if ((await this.app.stores.syncState(storeId)).paused) continue;
      const open = await q.openRun(this.app.db, storeId);
      const last = open ? null : await q.latestRun(this.app.db, storeId);
      if (!open && last && Date.parse(last.startedAt) + RECONCILE_EVERY_MS > this.app.clock.now().getTime()) continue;
      const run = await this.run(null, storeId, 'schedule').catch((err: unknown) => {
        this.app.log.error({ err, storeId }, 'reconciliation failed');
        return null;
      });
      if (!open && run) tally.started++;
      if (run?.status === 'done') tally.collected++;
      if (!run || run.status === 'failed') tally.failed++;
    }
    return tally;
  }

  /** "Check now": starts a check, or continues the one in progress (collects the report once Amazon has it). */
  async run(actor: AuditActor | null, storeId: number, trigger: q.RunRow['trigger'] = 'manual'): Promise<q.RunRow> {
    const ctx = await storeContext(this.app, storeId);
    const open = await q.openRun(this.app.db, storeId);
    if (open) return this.collect(open, ctx.marketplaceId);
    let runId: number;
    try {
      runId = await q.insertRun(this.app.db, storeId, trigger, this.now());
    } catch {
      // Another caller started one a moment ago (one open check per store): continue that one.
      const other = await q.openRun(this.app.db, storeId);
      if (!other) throw conflict('A check of this store is being started: try again');
      return this.collect(other, ctx.marketplaceId);
    }
    if (actor)
      await this.app.audit.record(actor, { action: 'listings.reconcile_run', entityType: 'store', entityId: storeId, details: { runId } });
    try {
      await merchantListingsStep(this.app, storeId, ctx.marketplaceId, { reportId: null, inactiveReportId: null }, this.saving(runId));
    } catch (err) {
      await this.fail(runId, err);
    }
    return (await q.runById(this.app.db, runId))!;
  }

  private saving(runId: number) {
    return {
      report: (id: string) => q.setRunReport(this.app.db, runId, id),
      inactive: (id: string) => q.setRunInactiveReport(this.app.db, runId, id),
    };
  }

  private async fail(runId: number, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    await q.finishRun(this.app.db, runId, { status: 'failed', finished_at: this.now(), error: message.slice(0, 2000) });
  }

  private async collect(run: q.RunRow, marketplaceId: string): Promise<q.RunRow> {
    const age = this.app.clock.now().getTime() - Date.parse(run.startedAt);
    if (!run.reportId) {
      if (age > REQUEST_LOST_MS) await this.fail(run.id, new Error('The report request did not complete'));
      return (await q.runById(this.app.db, run.id))!;
    }
    try {
      const pending = { reportId: run.reportId, inactiveReportId: run.inactiveReportId };
      const step = await merchantListingsStep(this.app, run.storeId, marketplaceId, pending, this.saving(run.id));
      if (step.status === 'done') await this.apply(run, step.rows);
      else if (age > REPORT_GIVE_UP_MS) await this.fail(run.id, new Error('Amazon did not prepare the listings report within 2 hours'));
    } catch (err) {
      await this.fail(run.id, err);
    }
    return (await q.runById(this.app.db, run.id))!;
  }

  /** Gathers our side, compares, and writes drift, status corrections and automatic pushes in one transaction. */
  private async apply(run: q.RunRow, rows: readonly ReportRow[]): Promise<void> {
    const sync = syncOf(this.app);
    const listings = (await listingsOfStore(this.app.db, run.storeId)).filter((l) => offersOnAmazon(l) && l.status !== 'error');
    const states = sync ? await sync.state(listings.map((l) => l.id)) : new Map();
    const requestedAt = Date.parse(run.startedAt);
    const managed: ManagedListing[] = [];
    for (const l of listings) {
      const s = states.get(l.id);
      if (!s?.desired) continue; // nothing we want on Amazon (never handed to the engine, or being deleted)
      const ackAt = s.lastAcknowledgedAt ? Date.parse(s.lastAcknowledgedAt) : null;
      managed.push({
        id: l.id,
        sellerSku: l.sellerSku,
        status: l.status,
        isParent: l.isParent,
        desired: { quantity: s.desired.quantity, price: s.desired.price },
        busy: s.pending || s.acknowledged === null || ackAt === null || ackAt > requestedAt,
      });
    }
    const result = compareWithReport(managed, rows);
    const open = await q.openDriftOf(this.app.db, result.compared);
    const now = this.now();
    await this.app.db
      .transaction(async (trx) => {
        const found = new Set(result.findings.map((f) => `${f.listingId}|${f.field}`));
        const ids = await q.saveFindings(trx, run.storeId, result.findings, open, now);
        await q.closeDrift(
          trx,
          open.filter((d) => !found.has(`${d.listingId}|${d.field}`)),
          now,
        );
        const pushed = result.findings.filter((f) => f.autoPush);
        await this.pushOurs(trx, pushed);
        await q.markRepaired(
          trx,
          pushed.map((f) => ids.get(f)!),
          'pushed_ours',
          now,
          false,
        );
        let corrected = 0;
        for (const c of result.statuses) if (await this.correctStatus(trx, c)) corrected++;
        const finished = await q.finishRun(trx, run.id, {
          status: 'done',
          finished_at: now,
          rows_compared: result.compared.length,
          drift_found: result.findings.length,
          repaired: pushed.length,
          statuses_corrected: corrected,
        });
        // Collected twice at once: the other caller's result stands; undo ours.
        if (!finished) throw new AlreadyCollected();
      })
      .catch((err: unknown) => {
        if (!(err instanceof AlreadyCollected)) throw err;
      });
  }

  /** Amazon offers more than we want (oversell risk): our desired state goes again at once. */
  private async pushOurs(trx: Knex.Transaction, findings: readonly Finding[]): Promise<void> {
    if (!findings.length) return;
    const sync = syncOf(this.app);
    if (!sync?.requeue) return;
    await sync.requeue(trx, [...new Set(findings.map((f) => f.listingId))]);
    for (const f of findings)
      await recordActivity(trx, {
        listingId: f.listingId,
        source: 'listings',
        kind: 'reconcile_push',
        summary: `Amazon's listings report shows ${f.field} ${f.amazon}, we want ${f.ours}: more than we can sell, so ours is sent again`,
      });
  }

  private async correctStatus(trx: Knex.Transaction, c: StatusCorrection): Promise<boolean> {
    const l = await listingById(trx, c.listingId, true);
    if (!l || l.status !== c.from) return false;
    const t = transition(l.status, c.event);
    if (!t.ok || (t.to !== 'active' && t.to !== 'inactive')) return false;
    await updateListings(trx, [l.id], {
      status: t.to,
      status_reason: t.to === 'inactive' ? "Amazon's listings report says it is Inactive (not buyable: no stock or no price?)" : null,
      amazon_status: JSON.stringify(AMAZON_STATUS[t.to]),
    });
    await recordActivity(trx, {
      listingId: l.id,
      source: 'listings',
      kind: 'reconcile_status',
      summary: `Amazon's listings report says ${c.reportStatus}: the listing is now ${t.to === 'active' ? 'Active' : 'Inactive'}`,
    });
    return true;
  }

  async overview(storeId: number, field: DriftField | undefined, page: number, pageSize: number) {
    await storeContext(this.app, storeId);
    const lastRun = await q.latestRun(this.app.db, storeId);
    return {
      ...(lastRun ? { lastRun } : {}),
      lastCheckedAt: await q.lastCheckedAt(this.app.db, storeId),
      everyMinutes: RECONCILE_EVERY_MS / 60_000,
      drift: await q.openDriftPage(this.app.db, storeId, field, page, pageSize),
    };
  }
}

class AlreadyCollected extends Error {}
