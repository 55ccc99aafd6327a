/**
 * A store's Amazon authorization as the rest of the service uses it: the consent result landing on the
 * store (connect, reconnect, yearly renewal), the decrypted SellerContext for workers, the sync pause,
 * what happens when Amazon stops accepting a token, and the expiry sweep with its reminders.
 * The refresh token is sealed before it is written and opened only in `sellerContext`.
 */
import type { Knex } from 'knex';
import type { FastifyBaseLogger } from 'fastify';
import { AUTHORIZATION_VALID_DAYS } from '../../../schema/stores';
import type { AuditActor, AuditLog } from '../audit/index';
import { DAY_MS, type Clock } from '../jobs/clock';
import { fromDbTime, toDbTime } from '../db/time';
import { AppError, notFound } from '../platform/errors';
import type { SecretBox } from '../platform/secrets';
import { AmazonError, AuthorizationRevokedError, type SellerContext } from '../spapi/index';
import { coveringThresholds, crossedThreshold, expiryNoticeKey } from './expiry-notices';
import { pauseReasonOf, transition, type StoreEvent } from './lifecycle';
import { knownMarketplace } from './marketplaces';
import type { NotificationsService } from './notifications.service';
import { authorizationView, syncPauseOf, type StoreAuthorizationView } from './store-view';
import { pauseColumns, type AuthorizationEnded } from './stores.service';
import * as q from './stores.queries';

export type ConsentResult =
  | { ok: true; storeId: number; storeName: string; renewed: boolean; expiresAt: string }
  | { ok: false; reason: 'different_seller' | 'seller_taken' | 'not_allowed'; message: string };

const SYSTEM: AuditActor = {};

function isUniqueViolation(err: unknown): boolean {
  return /UNIQUE constraint failed|Duplicate entry|ER_DUP_ENTRY/i.test(String((err as Error)?.message ?? ''));
}

export class StoreAuthorizations {
  constructor(
    private readonly db: Knex,
    private readonly audit: AuditLog,
    private readonly secrets: SecretBox,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly forgetToken: (row: q.StoreRow) => void,
    private readonly log: FastifyBaseLogger,
    private readonly events: { connected(storeId: number): void; ended: AuthorizationEnded } = {
      connected: () => undefined,
      ended: () => undefined,
    },
  ) {}

  private async row(storeId: number, db: Knex = this.db, forUpdate = false): Promise<q.StoreRow> {
    const row = await q.storeById(db, storeId, forUpdate);
    if (!row) throw notFound('Store', storeId);
    return row;
  }

  /** Who to call Amazon as for this store (decrypts the token). Throws CONFLICT when the store holds no token. */
  async sellerContext(storeId: number): Promise<SellerContext> {
    const row = await this.row(storeId);
    if (!row.sellerId || !row.refreshTokenSealed) {
      throw new AppError('CONFLICT', `Store "${row.name}" is not connected to Amazon.`, { storeId, authorization: row.authorization });
    }
    const m = knownMarketplace(row.marketplaceId);
    return {
      storeId,
      sellerId: row.sellerId,
      region: m.region,
      refreshToken: this.secrets.open(row.refreshTokenSealed),
      marketplaceId: m.marketplaceId,
    };
  }

  /** Sync workers ask this before working for a store; a paused store's pending work stays where it is. */
  async syncState(storeId: number): Promise<{ paused: boolean; reason: q.StoreRow['syncPausedReason'] }> {
    const reason = syncPauseOf(await this.row(storeId), this.clock.now());
    return { paused: reason !== null, reason };
  }

  /** The consent came back with a working token for `sellerId` (already checked against the marketplace). */
  async completeConsent(
    actor: AuditActor,
    input: { storeId: number; purpose: 'connect' | 'renew'; sellerId: string; refreshToken: string },
  ): Promise<ConsentResult> {
    const now = this.clock.now();
    let previous: q.StoreRow | null = null;
    try {
      const result = await this.db.transaction(async (trx): Promise<ConsentResult> => {
        const row = await this.row(input.storeId, trx, true);
        previous = row;
        if (row.sellerId && row.sellerId !== input.sellerId) {
          return {
            ok: false,
            reason: 'different_seller',
            message: `This store belongs to the Amazon seller account ${row.sellerId}, but you signed in to Seller Central as ${input.sellerId}. Sign in with the store’s own account (or disconnect the store first to connect another account).`,
          };
        }
        const holder = await q.storeHoldingSeller(trx, input.sellerId, row.marketplaceId, row.id);
        if (holder) {
          return {
            ok: false,
            reason: 'seller_taken',
            message: `The store "${holder.name}" is already connected to this seller account in this marketplace. One seller account sells in a marketplace through one store.`,
          };
        }
        const event: StoreEvent = row.authorization === 'connected' ? 'renewed' : 'connected';
        const t = transition({ status: row.status, authorization: row.authorization }, event);
        if (!t.ok) return { ok: false, reason: 'not_allowed', message: t.reason };
        const expiresAt = new Date(now.getTime() + AUTHORIZATION_VALID_DAYS * DAY_MS);
        await q.updateStore(trx, row.id, {
          status: t.state.status,
          authorization_state: t.state.authorization,
          seller_id: input.sellerId,
          seller_marketplace_key: q.sellerKey(input.sellerId, row.marketplaceId),
          refresh_token_sealed: this.secrets.seal(input.refreshToken),
          authorized_at: toDbTime(now),
          expires_at: toDbTime(expiresAt),
          authorization_checked_at: toDbTime(now),
          authorization_error: null,
          ...pauseColumns(row, t.pause),
        });
        const action = input.purpose === 'renew' || event === 'renewed' ? 'store.renew_authorization' : 'store.connect';
        await this.audit.record(
          actor,
          {
            action,
            entityType: 'amazon_store',
            entityId: row.id,
            details: { sellerId: input.sellerId, marketplaceId: row.marketplaceId, expiresAt: expiresAt.toISOString() },
          },
          trx,
        );
        return { ok: true, storeId: row.id, storeName: row.name, renewed: event === 'renewed', expiresAt: expiresAt.toISOString() };
      });
      const before: q.StoreRow | null = previous;
      if (result.ok && before) this.forgetToken(before);
      if (result.ok) this.events.connected(result.storeId);
      return result;
    } catch (err) {
      // Two consents finishing at once for the same seller and marketplace: the unique key decides.
      if (isUniqueViolation(err)) {
        return {
          ok: false,
          reason: 'seller_taken',
          message: 'Another store was connected to this seller account in this marketplace at the same moment.',
        };
      }
      throw err;
    }
  }

  /**
   * A worker's call failed: when Amazon no longer accepts the token (revoked, expired, refused), the
   * store shows it at once, sync pauses with its pending work kept, and admins are told. Transient
   * errors (throttling, outages) change nothing. Returns the authorization as it is now.
   */
  async reportAuthorizationFailure(storeId: number, error: unknown): Promise<StoreAuthorizationView> {
    const now = this.clock.now();
    let event: StoreEvent | null = null;
    let message = '';
    if (error instanceof AuthorizationRevokedError) {
      const row = await this.row(storeId);
      const expired = row.expiresAt !== null && new Date(fromDbTime(row.expiresAt)!).getTime() <= now.getTime();
      event = expired ? 'expired' : 'revoked';
      message = expired
        ? 'The yearly authorization expired.'
        : 'Amazon refused the authorization: the app was removed in Seller Central or the authorization is no longer valid.';
    } else if (error instanceof AmazonError && [401, 403].includes(error.amazon.status ?? 0)) {
      event = 'failed';
      message = `Amazon refused the call: ${error.amazon.amazonCode ?? error.amazon.status} ${error.amazon.amazonMessage ?? ''}`.trim();
    }
    if (event) await this.lose(storeId, event, message, now);
    return authorizationView(await this.row(storeId), now);
  }

  /** Stores whose stored authorization is connected (the periodic check calls Amazon for each). */
  connectedStoreIds(): Promise<number[]> {
    return q.storesWithAuthorization(this.db, ['connected']).then((rows) => rows.map((r) => r.id));
  }

  async markChecked(storeId: number): Promise<void> {
    await this.db('amazon_stores')
      .where({ id: storeId })
      .update({ authorization_checked_at: toDbTime(this.clock.now()) });
  }

  /** The expiry sweep: past the deadline → Expired (paused); otherwise the due 30/7/1-day reminder, once. */
  async sweepExpiry(): Promise<{ expired: number; reminders: number }> {
    const now = this.clock.now();
    let expired = 0;
    let reminders = 0;
    for (const row of await q.storesWithAuthorization(this.db, ['connected'])) {
      if (!row.expiresAt || !row.authorizedAt) continue;
      const expiresAt = new Date(fromDbTime(row.expiresAt)!);
      if (expiresAt.getTime() <= now.getTime()) {
        await this.lose(row.id, 'expired', 'The yearly authorization expired.', now);
        expired += 1;
        continue;
      }
      const threshold = crossedThreshold(expiresAt, now);
      if (threshold !== null && (await this.remind(row, threshold, expiresAt, now))) reminders += 1;
    }
    return { expired, reminders };
  }

  private async remind(row: q.StoreRow, threshold: number, expiresAt: Date, now: Date): Promise<boolean> {
    const authorizedAt = row.authorizedAt!;
    return this.db.transaction(async (trx) => {
      for (const t of coveringThresholds(threshold)) {
        if (await this.notifications.hasNotice(trx, expiryNoticeKey(row.id, authorizedAt, t))) return false;
      }
      const left = Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS));
      const when = `${left} day${left === 1 ? '' : 's'}`;
      const m = knownMarketplace(row.marketplaceId);
      return this.notifications.notifyOnce(
        trx,
        {
          kind: 'authorization_expiring',
          severity: threshold <= 7 ? 'error' : 'warning',
          storeId: row.id,
          title: `Renew the Amazon authorization of "${row.name}" within ${when}`,
          message: `The authorization of the Amazon store "${row.name}" (${m.name}) expires on ${expiresAt.toISOString().slice(0, 10)}. Click "Renew ${row.name}" in the banner at the top of the admin; otherwise sync stops when it expires.`,
          dedupeKey: expiryNoticeKey(row.id, authorizedAt, threshold),
        },
        now,
        {
          to: row.email,
          subject: `Amazon store "${row.name}": authorization expires in ${when}`,
          body: `Hello,\n\nthe Amazon authorization of the store "${row.name}" (${m.name}) expires on ${expiresAt.toISOString().slice(0, 10)}.\nSign in to the admin and click "Renew ${row.name}" in the banner at the top of the page; Seller Central opens to confirm.\n`,
        },
      );
    });
  }

  private async lose(storeId: number, event: StoreEvent, message: string, now: Date): Promise<void> {
    let lost: q.StoreRow | null = null;
    await this.db.transaction(async (trx) => {
      const row = await this.row(storeId, trx, true);
      const t = transition({ status: row.status, authorization: row.authorization }, event);
      if (!t.ok) return; // already revoked/expired: the first reason stays
      lost = row;
      await q.updateStore(trx, row.id, {
        authorization_state: t.state.authorization,
        authorization_error: message,
        authorization_checked_at: toDbTime(now),
        ...pauseColumns(row, pauseReasonOf(t.state)),
      });
      const actionByEvent: Partial<Record<StoreEvent, string>> = {
        expired: 'store.authorization_expired',
        revoked: 'store.authorization_revoked',
      };
      await this.audit.record(
        SYSTEM,
        {
          action: actionByEvent[event] ?? 'store.authorization_failed',
          entityType: 'amazon_store',
          entityId: row.id,
          details: { message },
        },
        trx,
      );
      const title =
        event === 'expired'
          ? `The Amazon authorization of "${row.name}" expired`
          : `Amazon stopped accepting the authorization of "${row.name}"`;
      const text = `${message} Sync for this store is paused and its pending work is kept. Click "Reconnect ${row.name}" in the banner at the top of the admin to resume.`;
      await this.notifications.notifyOnce(
        trx,
        {
          kind: `authorization_${t.state.authorization}`,
          severity: 'error',
          storeId: row.id,
          title,
          message: text,
          dedupeKey: `auth-lost:${row.id}:${row.authorizedAt ?? ''}`,
        },
        now,
        { to: row.email, subject: title, body: `Hello,\n\n${text}\n` },
      );
    });
    if (lost) {
      this.forgetToken(lost);
      this.events.ended('lost', lost);
      this.log.warn({ storeId, event }, 'store authorization lost; sync paused');
    }
  }
}
