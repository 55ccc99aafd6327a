/**
 * Writes Amazon's answers for submitted listings, inside the caller's transaction: the acknowledged state,
 * the queue flag, retries with backoff, each item's outcome and latency, the activity log — and calls the
 * listings domain's outcome handlers in the same transaction. Works on a batch (a feed report is applied
 * 500 messages per transaction) with a handful of statements per batch: one read of the sync rows, one
 * UPDATE each for the sync rows and the items (outcome.queries.ts), multi-row activity inserts, one handler
 * call. A rolled-back batch leaves its items open, so the next pass applies it again.
 */
import type { Knex } from 'knex';
import { fromDbTime, toDbTime } from '../../db/time';
import { recordActivity } from './activity.queries';
import { operationWords } from './mapping';
import { backoffMs } from './policy';
import { syncRows, type ItemRow, type SyncRow } from './sync.queries';
import { closeItems, updateSyncRows } from './outcome.queries';
import type { ActivityEntry, OutcomesHandler, SyncIssue, SyncOutcome } from './types';

export type ItemResult =
  /** Amazon took the message/submission (issues may hold warnings, or errors found while processing). */
  | { kind: 'accepted'; issues: SyncIssue[]; amazonStatus: string[]; answer?: unknown }
  /** Our data was refused: failed until the desired state changes. */
  | { kind: 'rejected'; issues: SyncIssue[]; answer?: unknown }
  /** Amazon's trouble (retryable issue, FATAL feed, 5xx): back to the queue after a backoff. */
  | { kind: 'retry'; issues: SyncIssue[]; reason: string; answer?: unknown }
  /** A PATCH for a SKU Amazon does not hold: forget what we thought was acknowledged; the next try is a PUT. */
  | { kind: 'unknown_on_amazon'; issues: SyncIssue[]; answer?: unknown }
  /** Never reached Amazon (crash before sending, throttled): back to the queue as it was. */
  | { kind: 'release'; reason: string };

export type AppliedAs = 'published' | 'deleted' | 'failed' | 'retry' | 'released';

export interface ApplyContext {
  now: Date;
  handlers: readonly OutcomesHandler[];
  /** When the submission was sent (DB time text); null when it never was. */
  submittedAt: string | null;
}

export interface ItemAnswer {
  item: ItemRow;
  result: ItemResult;
}

type ItemPatch = { outcome: string; acknowledged_at?: string; latency_ms?: number | null };

/** What one answer writes: the sync row's patch, the item's, an activity entry and an outcome for the handlers. */
interface Effect {
  applied: AppliedAs;
  sync: Record<string, unknown>;
  item: ItemPatch;
  activity?: ActivityEntry;
  outcome?: SyncOutcome;
}

const describe = (item: ItemRow) => operationWords(item.operation, item.sellerSku);
const firstIssue = (issues: SyncIssue[]) => issues.find((i) => i.severity === 'ERROR') ?? issues[0];

function effectOf(ctx: ApplyContext, row: SyncRow, item: ItemRow, result: ItemResult): Effect {
  const now = toDbTime(ctx.now);
  const base = { in_flight_submission_id: null };
  const times = { submittedAt: fromDbTime(ctx.submittedAt ?? now) ?? '', acknowledgedAt: fromDbTime(now) ?? '' };
  const activity = (kind: string, summary: string, answer: unknown): ActivityEntry => ({
    listingId: item.listingId,
    at: ctx.now,
    source: 'sync',
    kind,
    summary,
    answer,
  });
  const moved = row.desiredHash !== item.desiredHash;
  switch (result.kind) {
    case 'accepted': {
      const kind = item.desired === null ? 'deleted' : 'published';
      const latency = item.dirtySince ? ctx.now.getTime() - Date.parse(fromDbTime(item.dirtySince) ?? '') : null;
      return {
        applied: kind,
        sync: {
          ...base,
          acknowledged: JSON.stringify(item.desired),
          acknowledged_hash: item.desiredHash,
          last_acknowledged_at: now,
          pending: moved,
          // The change that arrived while this one was in flight starts its own wait.
          dirty_since: moved ? row.desiredAt : null,
          attempts: 0,
          next_attempt_at: null,
          last_error: null,
          failed_hash: null,
        },
        item: { outcome: kind, acknowledged_at: now, latency_ms: latency !== null && latency >= 0 ? latency : null },
        activity: activity(
          kind === 'deleted' ? 'amazon_deleted' : 'amazon_accepted',
          `Amazon accepted ${describe(item)}${result.issues.length ? ` with ${result.issues.length} issue(s)` : ''}`,
          result.answer ?? { issues: result.issues, status: result.amazonStatus },
        ),
        outcome: { listingId: item.listingId, kind, amazonStatus: result.amazonStatus, issues: result.issues, ...times },
      };
    }
    case 'rejected': {
      const top = firstIssue(result.issues);
      return {
        applied: 'failed',
        sync: {
          ...base,
          // Same data would fail the same way: wait for a new desired state (then it goes at once).
          pending: moved,
          dirty_since: moved ? row.desiredAt : row.dirtySince,
          attempts: row.attempts + 1,
          next_attempt_at: null,
          last_error: JSON.stringify({ kind: 'failed', issues: result.issues }),
          failed_hash: item.desiredHash,
        },
        item: { outcome: 'failed', acknowledged_at: now },
        activity: activity(
          'amazon_rejected',
          `Amazon refused ${describe(item)}${top ? `: ${top.code} ${top.message}` : ''}`,
          result.answer ?? { issues: result.issues },
        ),
        outcome: { listingId: item.listingId, kind: 'failed', amazonStatus: [], issues: result.issues, ...times },
      };
    }
    case 'retry':
    case 'unknown_on_amazon': {
      const attempts = row.attempts + 1;
      const unknown = result.kind === 'unknown_on_amazon';
      return {
        applied: 'retry',
        sync: {
          ...base,
          pending: true,
          ...(unknown ? { acknowledged: null, acknowledged_hash: null } : {}),
          attempts,
          next_attempt_at: unknown ? null : toDbTime(new Date(ctx.now.getTime() + backoffMs(attempts))),
          last_error: JSON.stringify({
            kind: 'error',
            issues: result.issues,
            message: result.kind === 'retry' ? result.reason : undefined,
          }),
        },
        item: { outcome: 'retry', acknowledged_at: now },
        activity: activity(
          unknown ? 'amazon_unknown_sku' : 'retry_scheduled',
          unknown
            ? `Amazon does not hold ${item.sellerSku}: it will be sent in full`
            : `${describe(item)} will be retried (attempt ${attempts}): ${result.kind === 'retry' ? result.reason : ''}`,
          result.answer ?? { issues: result.issues },
        ),
      };
    }
    case 'release':
      // Taking it into the submission left `pending` as it was; only the in-flight mark goes.
      return { applied: 'released', sync: base, item: { outcome: 'released' } };
  }
}

/** Applies a batch of answers (each listing at most once) in the caller's transaction; returns what each became. */
export async function applyItemResults(trx: Knex.Transaction, ctx: ApplyContext, answers: ItemAnswer[]): Promise<AppliedAs[]> {
  const rows = new Map(
    (
      await syncRows(
        trx,
        answers.map((a) => a.item.listingId),
        true,
      )
    ).map((r) => [r.listingId, r]),
  );
  const effects = answers.map(({ item, result }) => {
    const row = rows.get(item.listingId);
    // The listing is gone (its items went with it): nothing to write.
    return row ? { item, effect: effectOf(ctx, row, item, result) } : null;
  });
  const done = effects.filter((e) => e !== null);
  await updateSyncRows(
    trx,
    done.map((e) => ({ listingId: e.item.listingId, patch: e.effect.sync })),
  );
  await closeItems(
    trx,
    done.map((e) => ({ submissionId: e.item.submissionId, messageId: e.item.messageId, patch: e.effect.item })),
  );
  await recordActivity(
    trx,
    done.flatMap((e) => (e.effect.activity ? [e.effect.activity] : [])),
  );
  await callHandlers(
    trx,
    ctx,
    done.flatMap((e) => (e.effect.outcome ? [e.effect.outcome] : [])),
  );
  return effects.map((e) => e?.effect.applied ?? 'released');
}

/** One answer: a batch of one (direct calls answer one listing at a time). */
export async function applyItemResult(trx: Knex.Transaction, ctx: ApplyContext, item: ItemRow, result: ItemResult): Promise<AppliedAs> {
  const [applied] = await applyItemResults(trx, ctx, [{ item, result }]);
  return applied ?? 'released';
}

/** Listings that should not exist and were never sent: nothing to ask Amazon, acknowledge the absence now. */
export async function acknowledgeAbsent(
  trx: Knex.Transaction,
  ctx: ApplyContext,
  planned: { listingId: number; desiredHash: string }[],
): Promise<void> {
  // Only rows whose desired state is still the planned absence: one changed since stays pending for the next pass.
  const current = new Map(
    (
      await syncRows(
        trx,
        planned.map((l) => l.listingId),
        true,
      )
    ).map((r) => [r.listingId, r.desiredHash]),
  );
  const listings = planned.filter((l) => current.get(l.listingId) === l.desiredHash);
  if (!listings.length) return;
  const now = toDbTime(ctx.now);
  await updateSyncRows(
    trx,
    listings.map((l) => ({
      listingId: l.listingId,
      patch: {
        acknowledged: 'null',
        acknowledged_hash: l.desiredHash,
        last_acknowledged_at: now,
        pending: false,
        dirty_since: null,
        attempts: 0,
        next_attempt_at: null,
        last_error: null,
        failed_hash: null,
      },
    })),
  );
  await recordActivity(
    trx,
    listings.map((l) => ({
      listingId: l.listingId,
      at: ctx.now,
      source: 'sync' as const,
      kind: 'nothing_to_delete',
      summary: 'Never sent to Amazon: nothing to delete',
    })),
  );
  const at = fromDbTime(now) ?? '';
  await callHandlers(
    trx,
    ctx,
    listings.map((l) => ({
      listingId: l.listingId,
      kind: 'deleted' as const,
      amazonStatus: [],
      issues: [],
      submittedAt: at,
      acknowledgedAt: at,
    })),
  );
}

async function callHandlers(trx: Knex.Transaction, ctx: ApplyContext, outcomes: SyncOutcome[]): Promise<void> {
  if (!outcomes.length) return;
  for (const h of ctx.handlers) await h(trx, outcomes);
}
