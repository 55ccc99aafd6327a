/**
 * One sync pass for one store (`drainStore`): resolve what a crashed worker left half-done, read the
 * status of feeds in flight, then send what is due — a few listings one by one, many as one feed.
 * Intent is written to the database before anything goes to Amazon; Amazon is never called inside a
 * transaction (SQLite has one connection, and the gateway's rate limiter and log use the database too).
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { AppError } from '../../platform/errors';
import type { FeedProcessingReport, ListingsFeedMessage, SellerContext } from '../../spapi/index';
import { fromDbTime, toDbTime } from '../../db/time';
import { chunk } from '../../db/rows';
import { recordActivity } from './activity.queries';
import { operationWords, planFor, toFeedMessage, toPatchBody, toPutBody, type SyncOperation } from './mapping';
import { readReport } from './report';
import { acknowledgeAbsent, applyItemResult, applyItemResults, type ApplyContext, type ItemAnswer, type ItemResult } from './outcomes';
import {
  CLOCK_SKEW_MS,
  DIRECT_THRESHOLD,
  MAX_FEED_MESSAGES,
  MAX_FEEDS_PER_PASS,
  nextPollDelayMs,
  routeFor,
  shouldGather,
  nextSubmissionState,
  type SubmissionEvent,
} from './policy';
import * as q from './sync.queries';
import { sendDirect, type DirectRequest } from './steps/direct';
import { readFeed, recentFeeds, submitFeed } from './steps/feed';
import { isUnavailable, stopReasonOf, StopPass } from './steps/amazon-errors';
import type { DesiredListing, DrainResult, OutcomesHandler, SyncIssue } from './types';
import { count, emptyResult, pool } from './drain-result';

export interface WorkerOptions {
  /** Up to this many due listings go one by one; more go as a feed. */
  directThreshold?: number;
  /** Parallel direct calls (the gateway still waits on its token buckets). */
  directConcurrency?: number;
  maxFeedMessages?: number;
}

/** The seller context of the store being drained (its storeId known). */
type StoreCtx = SellerContext & { storeId: number };

/** Answers per transaction when a report is applied: big enough to cut round trips, small enough to keep locks short. */
const APPLY_BATCH = 500;

interface Planned extends q.ItemRow {
  direct: DirectRequest;
  message: ListingsFeedMessage;
}

export class SyncWorker {
  private readonly directThreshold: number;
  private readonly directConcurrency: number;
  private readonly maxFeedMessages: number;

  constructor(
    private readonly app: FastifyInstance,
    private readonly handlers: readonly OutcomesHandler[],
    options: WorkerOptions = {},
  ) {
    this.directThreshold = options.directThreshold ?? DIRECT_THRESHOLD;
    this.directConcurrency = options.directConcurrency ?? 5;
    this.maxFeedMessages = options.maxFeedMessages ?? MAX_FEED_MESSAGES;
  }

  private get db() {
    return this.app.db;
  }
  private now(): Date {
    return this.app.clock.now();
  }
  private applyCtx(submittedAt: string | null): ApplyContext {
    return { now: this.now(), handlers: this.handlers, submittedAt };
  }

  /** `gather`: the scheduler's woken passes may hold a burst back (shouldGather); a direct call sends what is due. */
  async drainStore(storeId: number, options: { gather?: boolean } = {}): Promise<DrainResult> {
    const r = emptyResult(storeId);
    const state = await this.app.stores.syncState(storeId);
    if (state.paused) {
      r.paused = state.reason ?? 'paused';
      return r;
    }
    let ctx: StoreCtx;
    try {
      ctx = { ...(await this.app.stores.sellerContext(storeId)), storeId };
    } catch {
      r.paused = 'not_connected';
      return r;
    }
    try {
      await this.resolveOpen(ctx, r);
      await this.pollFeeds(ctx, r);
      await this.sendDue(ctx, r, options.gather ?? false);
    } catch (err) {
      const reason = err instanceof StopPass ? err.reason : (stopReasonOf(err) ?? (isUnavailable(err) ? 'unavailable' : null));
      if (!reason) throw err;
      r.stopped = reason;
      if (reason === 'authorization') await this.app.stores.reportAuthorizationFailure(storeId, err instanceof StopPass ? err.error : err);
    }
    return r;
  }

  // ---- 1. What a crashed worker left open ----

  private async resolveOpen(ctx: StoreCtx, r: DrainResult): Promise<void> {
    for (const sub of await q.openSubmissions(this.db, ctx.storeId)) {
      if (sub.method === 'api') {
        // Direct calls are idempotent (they state the listing, not a change): unanswered ones simply go again.
        await this.closeSubmission(sub, 'report_applied', { kind: 'release', reason: 'the worker stopped before Amazon answered' }, r);
        r.recovered++;
      } else if (sub.status === 'preparing') {
        await this.resolvePreparingFeed(ctx, sub, r);
        r.recovered++;
      }
    }
  }

  /**
   * A feed whose rows were written but whose feedId was not stored: the worker died (or the gateway failed)
   * somewhere between "create document" and "feedId saved". Amazon is asked which JSON_LISTINGS_FEED feeds
   * of this seller and marketplace exist since the row was written; the earliest one we do not know is ours
   * (a store's submissions are serialised by its lease, and an open 'preparing' feed blocks new feeds).
   * Found → adopted and polled like any feed; not found → it never reached Amazon and its listings go back
   * to the queue. Either way no message is sent twice.
   */
  private async resolvePreparingFeed(ctx: StoreCtx, sub: q.SubmissionRow, r: DrainResult): Promise<void> {
    const createdMs = Date.parse(fromDbTime(sub.createdAt) ?? '');
    const since = new Date(Math.max(createdMs - CLOCK_SKEW_MS, this.now().getTime() - 89 * 86_400_000));
    const known = await q.knownFeedIds(this.db, ctx.storeId);
    const candidates = (await recentFeeds(this.app.spapi, ctx, since.toISOString()))
      .filter((f) => !known.has(f.feedId) && Date.parse(f.createdTime) >= createdMs - CLOCK_SKEW_MS)
      .sort((a, b) => Date.parse(a.createdTime) - Date.parse(b.createdTime));
    const ours = candidates[0];
    if (!ours) {
      await this.closeSubmission(sub, 'not_on_amazon', { kind: 'release', reason: 'the feed never reached Amazon' }, r);
      return;
    }
    const now = toDbTime(this.now());
    const submittedAt = toDbTime(new Date(ours.createdTime));
    await this.db.transaction(async (trx) => {
      await this.moveSubmission(trx, sub, 'found_on_amazon', {
        feed_id: ours.feedId,
        submitted_at: submittedAt,
        processing_status: ours.processingStatus,
        next_poll_at: now,
      });
      const items = await q.openItems(trx, sub.id);
      await q.stampSubmitted(
        trx,
        items.map((i) => i.listingId),
        submittedAt,
      );
      await recordActivity(
        trx,
        items.map((i) => ({
          listingId: i.listingId,
          at: this.now(),
          source: 'sync' as const,
          kind: 'feed_recovered',
          summary: `Found ${operationWords(i.operation, i.sellerSku)} at Amazon after a restart (feed ${ours.feedId}, message ${i.messageId})`,
        })),
      );
    });
  }

  /** Changes a submission's state only along the lifecycle table (policy.ts). */
  private async moveSubmission(
    db: Knex,
    sub: Pick<q.SubmissionRow, 'id' | 'status'>,
    event: SubmissionEvent,
    patch: Record<string, unknown>,
  ): Promise<void> {
    const to = nextSubmissionState(sub.status, event);
    if (!to) throw new Error(`listing sync submission ${sub.id}: '${event}' is not allowed in state '${sub.status}'`);
    await q.updateSubmission(db, sub.id, { ...patch, status: to });
  }

  /** Gives every unanswered item of a submission the same result and closes the submission. */
  private async closeSubmission(
    sub: Pick<q.SubmissionRow, 'id' | 'status'>,
    event: SubmissionEvent,
    result: ItemResult,
    r: DrainResult,
  ): Promise<void> {
    const items = await q.openItems(this.db, sub.id);
    await this.applyInBatches(
      items.map((item) => ({ item, result })),
      null,
      r,
    );
    await this.moveSubmission(this.db, sub, event, { completed_at: toDbTime(this.now()) });
  }

  // ---- 2. Feeds in flight ----

  private async pollFeeds(ctx: StoreCtx, r: DrainResult): Promise<void> {
    const nowMs = this.now().getTime();
    const due = (await q.openSubmissions(this.db, ctx.storeId)).filter(
      (s) => s.method === 'feed' && s.status === 'submitted' && s.feedId && Date.parse(fromDbTime(s.nextPollAt) ?? '') <= nowMs,
    );
    for (const sub of due) {
      const res = await readFeed(this.app.spapi, ctx, sub.feedId ?? '');
      r.polled++;
      const status = res?.feed.processingStatus ?? null;
      if (status === 'IN_QUEUE' || status === 'IN_PROGRESS' || (status === 'DONE' && !res?.report)) {
        await q.updateSubmission(this.db, sub.id, {
          processing_status: status,
          polls: sub.polls + 1,
          next_poll_at: toDbTime(new Date(nowMs + nextPollDelayMs(sub.polls + 1))),
        });
        continue;
      }
      if (status === 'DONE' && res?.report) {
        await this.applyReport(sub, res.report, r);
        r.completedFeeds++;
        continue;
      }
      const issues: SyncIssue[] = (res?.report?.issues ?? []).map((i) => ({ code: i.code, message: i.message, severity: i.severity }));
      const reason = !res ? `Amazon does not know feed ${sub.feedId}` : `feed ${sub.feedId} ended ${status}`;
      await q.updateSubmission(this.db, sub.id, { processing_status: status, last_error: JSON.stringify({ reason, issues }) });
      await this.closeSubmission(sub, status === 'CANCELLED' ? 'feed_cancelled' : 'feed_fatal', { kind: 'retry', issues, reason }, r);
      r.completedFeeds++;
    }
  }

  /** The processing report, message by message: accepted ones are acknowledged, errors fail or retry. */
  private async applyReport(sub: q.SubmissionRow, report: FeedProcessingReport, r: DrainResult): Promise<void> {
    const reader = readReport(report);
    const items = await q.openItems(this.db, sub.id);
    await this.applyInBatches(
      items.map((item) => ({ item, result: reader.resultFor(item, sub.feedId) })),
      sub.submittedAt,
      r,
    );
    await this.moveSubmission(this.db, sub, 'report_applied', { processing_status: 'DONE', completed_at: toDbTime(this.now()) });
  }

  /**
   * Answers applied APPLY_BATCH per transaction, a handful of statements each (outcomes.ts). A crash between
   * batches leaves the rest of the items open: the next pass applies them (answered items are skipped).
   */
  private async applyInBatches(answers: ItemAnswer[], submittedAt: string | null, r: DrainResult): Promise<void> {
    for (const part of chunk(answers, APPLY_BATCH)) {
      const applied = await this.db.transaction((trx) => applyItemResults(trx, this.applyCtx(submittedAt), part));
      for (const a of applied) count(r, a);
    }
  }

  // ---- 3. What is due ----

  private async sendDue(ctx: StoreCtx, r: DrainResult, gather: boolean): Promise<void> {
    // An unresolved feed (Amazon unreachable while we looked for it) blocks new feeds: the search must stay unambiguous.
    const open = await q.openSubmissions(this.db, ctx.storeId);
    const preparingFeed = open.some((s) => s.method === 'feed' && s.status === 'preparing');
    for (let round = 0; round < MAX_FEEDS_PER_PASS; round++) {
      const due = await q.dueListings(this.db, ctx.storeId, toDbTime(this.now()), this.maxFeedMessages);
      if (gather && round === 0 && this.gathering(due)) {
        r.gathered = due.length;
        return;
      }
      const planned = await this.plan(ctx, due);
      if (planned.length === 0) return;
      if (routeFor(planned.length, this.directThreshold) === 'direct') return this.sendDirectBatch(ctx, planned, r);
      if (preparingFeed) return;
      await this.sendFeed(ctx, planned, r);
      if (due.length < this.maxFeedMessages) return;
    }
  }

  private gathering(due: q.DueRow[]): boolean {
    const ms = (t: string | null) => Date.parse(fromDbTime(t) ?? '') || 0;
    const limits = { directThreshold: this.directThreshold, maxFeedMessages: this.maxFeedMessages };
    // Due rows come oldest change first; desired_at is when the engine last took a new desired state.
    const newestDirtyMs = Math.max(...due.map((d) => ms(d.desiredAt)));
    return shouldGather({ count: due.length, newestDirtyMs, oldestChangeMs: ms(due[0]?.dirtySince ?? null) }, this.now().getTime(), limits);
  }

  /** Decides put/patch/delete per listing; acknowledges at once what never existed and should not. */
  private async plan(ctx: StoreCtx, due: q.DueRow[]): Promise<Planned[]> {
    const planned: Planned[] = [];
    const absent: q.DueRow[] = [];
    const mp = ctx.marketplaceId ?? '';
    for (const row of due) {
      const p = planFor(row.desired, row.acknowledged, row.lastSubmittedAt !== null);
      if (p.operation === 'forget') {
        absent.push(row);
        continue;
      }
      const op: SyncOperation = p.operation;
      const messageId = planned.length + 1;
      const desired: DesiredListing | null = row.desired;
      const direct: DirectRequest =
        op === 'delete' || !desired
          ? { operation: 'delete' }
          : op === 'patch' && row.acknowledged
            ? { operation: 'patch', body: toPatchBody(desired, row.acknowledged, mp) }
            : { operation: 'put', body: toPutBody(desired, mp) };
      planned.push({
        submissionId: 0,
        messageId,
        listingId: row.listingId,
        sellerSku: row.sellerSku,
        operation: direct.operation,
        desired,
        desiredHash: row.desiredHash,
        dirtySince: row.dirtySince,
        outcome: null,
        direct,
        message: toFeedMessage(messageId, row.sellerSku, direct.operation, desired, row.acknowledged, mp),
      });
    }
    if (absent.length) await this.db.transaction((trx) => acknowledgeAbsent(trx, this.applyCtx(null), absent));
    return planned;
  }

  /** Writes the submission and its items and marks the listings in flight, in one transaction. */
  private async record(storeId: number, method: 'feed' | 'api', planned: Planned[]): Promise<number> {
    return this.db.transaction(async (trx) => {
      const id = await q.insertSubmission(trx, { storeId, method, itemCount: planned.length, createdAt: toDbTime(this.now()) });
      for (const p of planned) p.submissionId = id;
      await q.insertItems(trx, planned);
      await q.markInFlight(
        trx,
        id,
        planned.map((p) => p.listingId),
      );
      if (method === 'api') await this.markSent(trx, id, null, planned, (p) => p.direct);
      return id;
    });
  }

  private async markSent(
    trx: Knex.Transaction,
    id: number,
    feedId: string | null,
    planned: Planned[],
    sentOf: (p: Planned) => unknown,
  ): Promise<void> {
    const at = toDbTime(this.now());
    await this.moveSubmission(trx, { id, status: 'preparing' }, 'sent', {
      submitted_at: at,
      ...(feedId
        ? { feed_id: feedId, processing_status: 'IN_QUEUE', next_poll_at: toDbTime(new Date(this.now().getTime() + nextPollDelayMs(0))) }
        : {}),
    });
    await q.stampSubmitted(
      trx,
      planned.map((p) => p.listingId),
      at,
    );
    await recordActivity(
      trx,
      planned.map((p) => ({
        listingId: p.listingId,
        at: this.now(),
        source: 'sync' as const,
        kind: feedId ? 'sent_in_feed' : `sent_${p.operation}`,
        summary: feedId
          ? `Sent ${operationWords(p.operation, p.sellerSku)} to Amazon in a feed (feed ${feedId}, message ${p.messageId})`
          : `Sent ${operationWords(p.operation, p.sellerSku)} to Amazon`,
        sent: sentOf(p),
      })),
    );
  }

  private async sendDirectBatch(ctx: StoreCtx, planned: Planned[], r: DrainResult): Promise<void> {
    const id = await this.record(ctx.storeId, 'api', planned);
    let stop: StopPass | null = null;
    await pool(planned, this.directConcurrency, async (p) => {
      if (stop) return;
      let result: ItemResult;
      try {
        result = await sendDirect(this.app.spapi, ctx, p.sellerSku, p.direct);
      } catch (err) {
        if (err instanceof StopPass) {
          stop = err;
          return;
        }
        throw err;
      }
      r.sentDirect++;
      const submittedAt = toDbTime(this.now());
      await this.db.transaction(async (trx) => count(r, await applyItemResult(trx, this.applyCtx(submittedAt), p, result)));
    });
    // What was not answered (a stop, or a call that never went) goes back to the queue as it was.
    await this.closeSubmission({ id, status: 'submitted' }, 'report_applied', { kind: 'release', reason: 'not sent in this pass' }, r);
    if (stop) throw stop;
  }

  private async sendFeed(ctx: StoreCtx, planned: Planned[], r: DrainResult): Promise<void> {
    const id = await this.record(ctx.storeId, 'feed', planned);
    let feedId: string;
    try {
      feedId = await submitFeed(
        this.app.spapi,
        ctx,
        planned.map((p) => p.message),
      );
    } catch (err) {
      // Whether Amazon created the feed is unknown: the submission stays 'preparing' and the next pass asks Amazon.
      await q.updateSubmission(this.db, id, { last_error: JSON.stringify({ reason: (err as Error).message }) });
      const reason = stopReasonOf(err) ?? (err instanceof AppError ? 'unavailable' : null);
      if (!reason) throw err;
      throw new StopPass(reason, err);
    }
    await this.db.transaction((trx) => this.markSent(trx, id, feedId, planned, (p) => p.message));
    r.feedsCreated++;
    r.sentInFeeds += planned.length;
  }
}
