/**
 * Writes Amazon's answer for one submitted listing, inside the caller's transaction: the acknowledged
 * state, the queue flag, retries with backoff, the item's outcome and latency, the activity log — and
 * calls the listings domain's outcome handlers in the same transaction.
 */
import type { Knex } from 'knex';
import { fromDbTime, toDbTime } from '../../db/time';
import { recordActivity } from './activity.queries';
import { backoffMs } from './policy';
import { closeItem, syncRow, updateSyncRow, type ItemRow } from './sync.queries';
import type { OutcomeHandler, SyncIssue } from './types';

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
  handlers: readonly OutcomeHandler[];
  /** When the submission was sent (DB time text); null when it never was. */
  submittedAt: string | null;
}

const describe = (item: ItemRow) => `${item.operation.toUpperCase()} ${item.sellerSku}`;
const firstIssue = (issues: SyncIssue[]) => issues.find((i) => i.severity === 'ERROR') ?? issues[0];

export async function applyItemResult(trx: Knex.Transaction, ctx: ApplyContext, item: ItemRow, result: ItemResult): Promise<AppliedAs> {
  const row = await syncRow(trx, item.listingId);
  const now = toDbTime(ctx.now);
  const base = { in_flight_submission_id: null };
  if (!row) return 'released';
  switch (result.kind) {
    case 'accepted': {
      const kind = item.desired === null ? 'deleted' : 'published';
      const moved = row.desiredHash !== item.desiredHash;
      await updateSyncRow(trx, item.listingId, {
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
      });
      const latency = item.dirtySince ? ctx.now.getTime() - Date.parse(fromDbTime(item.dirtySince) ?? '') : null;
      await closeItem(trx, item, { outcome: kind, acknowledged_at: now, latency_ms: latency !== null && latency >= 0 ? latency : null });
      await recordActivity(trx, {
        listingId: item.listingId,
        at: ctx.now,
        source: 'sync',
        kind: kind === 'deleted' ? 'amazon_deleted' : 'amazon_accepted',
        summary: `Amazon accepted ${describe(item)}${result.issues.length ? ` with ${result.issues.length} issue(s)` : ''}`,
        answer: result.answer ?? { issues: result.issues, status: result.amazonStatus },
      });
      for (const h of ctx.handlers)
        await h(trx, {
          listingId: item.listingId,
          kind,
          amazonStatus: result.amazonStatus,
          issues: result.issues,
          submittedAt: fromDbTime(ctx.submittedAt ?? now) ?? '',
          acknowledgedAt: fromDbTime(now) ?? '',
        });
      return kind;
    }
    case 'rejected': {
      const moved = row.desiredHash !== item.desiredHash;
      await updateSyncRow(trx, item.listingId, {
        ...base,
        // Same data would fail the same way: wait for a new desired state (then it goes at once).
        pending: moved,
        dirty_since: moved ? row.desiredAt : row.dirtySince,
        attempts: row.attempts + 1,
        next_attempt_at: null,
        last_error: JSON.stringify({ kind: 'failed', issues: result.issues }),
        failed_hash: item.desiredHash,
      });
      await closeItem(trx, item, { outcome: 'failed', acknowledged_at: now });
      const top = firstIssue(result.issues);
      await recordActivity(trx, {
        listingId: item.listingId,
        at: ctx.now,
        source: 'sync',
        kind: 'amazon_rejected',
        summary: `Amazon refused ${describe(item)}${top ? `: ${top.code} ${top.message}` : ''}`,
        answer: result.answer ?? { issues: result.issues },
      });
      for (const h of ctx.handlers)
        await h(trx, {
          listingId: item.listingId,
          kind: 'failed',
          amazonStatus: [],
          issues: result.issues,
          submittedAt: fromDbTime(ctx.submittedAt ?? now) ?? '',
          acknowledgedAt: fromDbTime(now) ?? '',
        });
      return 'failed';
    }
    case 'retry':
    case 'unknown_on_amazon': {
      const attempts = row.attempts + 1;
      const unknown = result.kind === 'unknown_on_amazon';
      await updateSyncRow(trx, item.listingId, {
        ...base,
        pending: true,
        ...(unknown ? { acknowledged: null, acknowledged_hash: null } : {}),
        attempts,
        next_attempt_at: unknown ? null : toDbTime(new Date(ctx.now.getTime() + backoffMs(attempts))),
        last_error: JSON.stringify({ kind: 'error', issues: result.issues, message: result.kind === 'retry' ? result.reason : undefined }),
      });
      await closeItem(trx, item, { outcome: 'retry', acknowledged_at: now });
      await recordActivity(trx, {
        listingId: item.listingId,
        at: ctx.now,
        source: 'sync',
        kind: unknown ? 'amazon_unknown_sku' : 'retry_scheduled',
        summary: unknown
          ? `Amazon does not hold ${item.sellerSku}: it will be sent in full`
          : `${describe(item)} will be retried (attempt ${attempts}): ${result.kind === 'retry' ? result.reason : ''}`,
        answer: result.answer ?? { issues: result.issues },
      });
      return 'retry';
    }
    case 'release': {
      // Taking it into the submission left `pending` as it was; only the in-flight mark goes.
      await updateSyncRow(trx, item.listingId, base);
      await closeItem(trx, item, { outcome: 'released' });
      return 'released';
    }
  }
}

/** A listing that should not exist and was never sent: nothing to ask Amazon, acknowledge the absence now. */
export async function acknowledgeAbsent(trx: Knex.Transaction, ctx: ApplyContext, listingId: number, desiredHash: string): Promise<void> {
  const now = toDbTime(ctx.now);
  await updateSyncRow(trx, listingId, {
    acknowledged: 'null',
    acknowledged_hash: desiredHash,
    last_acknowledged_at: now,
    pending: false,
    dirty_since: null,
    attempts: 0,
    next_attempt_at: null,
    last_error: null,
    failed_hash: null,
  });
  await recordActivity(trx, {
    listingId,
    at: ctx.now,
    source: 'sync',
    kind: 'nothing_to_delete',
    summary: 'Never sent to Amazon: nothing to delete',
  });
  for (const h of ctx.handlers)
    await h(trx, {
      listingId,
      kind: 'deleted',
      amazonStatus: [],
      issues: [],
      submittedAt: fromDbTime(now) ?? '',
      acknowledgedAt: fromDbTime(now) ?? '',
    });
}
