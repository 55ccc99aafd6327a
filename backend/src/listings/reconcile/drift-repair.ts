/**
 * Admin repair of drift the reconciliation listed: "Push ours" requeues our desired state (the next check
 * confirms and closes the row); "Accept Amazon's" makes Amazon's quantity the listing's manual quantity
 * through the overrides action (desired state, activity, audit) and closes the row. All-or-nothing: one
 * refused row (not a quantity, no manual quantity) refuses the whole request with a 409 naming it.
 */
import type { FastifyInstance } from 'fastify';
import type { AuditActor } from '../../audit/index';
import { toDbTime } from '../../db/time';
import { conflict, notFound } from '../../platform/errors';
import type { ListingActions } from '../actions.service';
import { storeContext } from '../store-context';
import { recordActivity } from '../sync/activity.queries';
import { syncOf } from '../sync-contract';
import * as q from './reconcile.queries';

export class DriftRepair {
  constructor(
    private readonly app: FastifyInstance,
    private readonly actions: ListingActions,
  ) {}

  private now = () => toDbTime(this.app.clock.now());

  /** Admin repair of chosen open drift rows; all-or-nothing: a refused row refuses the whole request. */
  async repair(actor: AuditActor, storeId: number, driftIds: readonly number[], action: 'push_ours' | 'accept_amazon') {
    await storeContext(this.app, storeId);
    const rows = await q.driftByIds(this.app.db, storeId, driftIds);
    const missing = driftIds.find((id) => !rows.some((r) => r.id === id));
    if (missing) throw notFound('Drift', missing);
    const closed = rows.filter((r) => !r.open);
    if (closed.length)
      throw conflict(`Drift ${closed.map((r) => r.id).join(', ')} is already resolved`, { driftIds: closed.map((r) => r.id) });
    if (action === 'push_ours') await this.pushChosen(actor, storeId, rows);
    else await this.acceptAmazon(actor, storeId, rows);
    return { action, repaired: rows.map((r) => r.id) };
  }

  private async pushChosen(actor: AuditActor, storeId: number, rows: readonly q.DriftRow[]): Promise<void> {
    const sync = syncOf(this.app);
    if (!sync?.requeue) throw conflict('The sync engine is not running: nothing can be sent to Amazon');
    const now = this.now();
    await this.app.db.transaction(async (trx) => {
      await sync.requeue!(trx, [...new Set(rows.map((r) => r.listingId))]);
      await q.markRepaired(
        trx,
        rows.map((r) => r.id),
        'pushed_ours',
        now,
        false,
      );
      for (const r of rows)
        await recordActivity(trx, {
          listingId: r.listingId,
          source: 'listings',
          kind: 'reconcile_push',
          summary: `Push ours asked: Amazon shows ${r.field} ${r.amazon ?? 'nothing'}, we want ${r.ours}`,
        });
      await this.app.audit.record(
        actor,
        { action: 'listings.drift_push_ours', entityType: 'store', entityId: storeId, details: { driftIds: rows.map((r) => r.id) } },
        trx,
      );
    });
  }

  /** Amazon's quantity becomes the manual quantity (through the overrides action: desired state, activity, audit). */
  private async acceptAmazon(actor: AuditActor, storeId: number, rows: readonly q.DriftRow[]): Promise<void> {
    const refused = rows
      .filter((r) => r.field !== 'quantity' || r.manualQuantity === null || r.amazon === null)
      .map((r) => ({
        driftId: r.id,
        sellerSku: r.sellerSku,
        reason: r.field !== 'quantity' ? `${r.field} drift: only a quantity can be accepted` : 'the listing has no manual quantity',
      }));
    if (refused.length)
      throw conflict(
        `Accept Amazon's applies to quantity drift of listings with a manual quantity; not to ${refused.map((r) => r.sellerSku).join(', ')} — push ours instead`,
        { refused },
      );
    for (const r of rows) {
      await this.actions.setOverrides(actor, storeId, r.listingId, { manualQuantity: Number(r.amazon) });
      await this.app.db.transaction(async (trx) => {
        await q.markRepaired(trx, [r.id], 'accepted_amazon', this.now(), true);
        await recordActivity(trx, {
          listingId: r.listingId,
          source: 'listings',
          kind: 'reconcile_accept',
          summary: `Accepted Amazon's quantity ${r.amazon} (listings report) as the manual quantity; it was ${r.manualQuantity}`,
        });
        await this.app.audit.record(
          actor,
          {
            action: 'listing.drift_accept_amazon',
            entityType: 'listing',
            entityId: r.listingId,
            details: { driftId: r.id, quantity: Number(r.amazon) },
          },
          trx,
        );
      });
    }
  }
}
