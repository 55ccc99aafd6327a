/**
 * Seller Central consent (website authorization workflow) for Connect and yearly Renew:
 * `start` signs a one-time `state` bound to the admin's session and the store and builds the consent
 * URL; `callback` checks that state, exchanges the code through the gateway, checks the seller sells in
 * the store's marketplace, and lands the token on the store (app.stores). Every outcome is a Page.
 */
import type { Knex } from 'knex';
import type { AuditActor, AuditLog } from '../audit/index';
import type { AdminPrincipal } from '../auth/auth.service';
import { can } from '../auth/permissions';
import { fromDbTime } from '../db/time';
import type { Clock } from '../jobs/clock';
import { AppError } from '../platform/errors';
import { AuthorizationCodeError, type SpApiGateway } from '../spapi/index';
import type { StoresModule } from '../stores/index';
import { consentStateByHash, consumeConsentState, insertConsentState } from './consent-states.queries';
import { page, type Page } from './pages';
import { createState, STATE_TTL_MS, stateHash, verifyState } from './state';

export interface CallbackQuery {
  state?: string;
  spapi_oauth_code?: string;
  selling_partner_id?: string;
  error?: string;
  error_description?: string;
}

export interface ConsentDeps {
  db: Knex;
  audit: AuditLog;
  stores: StoresModule;
  spapi: SpApiGateway;
  clock: Clock;
  stateKey: Buffer;
  /** PUBLIC_URL + the callback path, read when used: with PORT=0 PUBLIC_URL is only known once the server listens. */
  redirectUri: () => string;
  /** Draft apps need `version=beta` on the consent URL (the simulator's app is a draft). */
  betaConsent: boolean;
}

export class ConsentService {
  constructor(private readonly d: ConsentDeps) {}

  async start(
    actor: AuditActor & { admin: AdminPrincipal | null },
    storeId: number,
    purpose: 'connect' | 'renew',
  ): Promise<{ consentUrl: string; expiresAt: string }> {
    const admin = actor.admin;
    if (!admin) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
    const target = await this.d.stores.service.consentTarget(storeId, purpose);
    const now = this.d.clock.now();
    const expiresAt = new Date(now.getTime() + STATE_TTL_MS);
    const state = createState(this.d.stateKey, storeId);
    await this.d.db.transaction(async (trx) => {
      await insertConsentState(trx, {
        stateHash: stateHash(state),
        storeId,
        purpose,
        adminUserId: admin.id,
        adminEmail: admin.email,
        sessionHash: admin.tokenHash,
        createdAt: now,
        expiresAt,
      });
      await this.d.audit.record(
        actor,
        {
          action: `store.${purpose}_started`,
          entityType: 'amazon_store',
          entityId: storeId,
          details: { marketplaceId: target.marketplace.marketplaceId },
        },
        trx,
      );
    });
    const consentUrl = this.d.spapi.buildConsentUrl({
      sellerCentralHost: target.marketplace.sellerCentralHost,
      state,
      redirectUri: this.d.redirectUri(),
      ...(this.d.betaConsent ? { version: 'beta' as const } : {}),
    });
    return { consentUrl, expiresAt: expiresAt.toISOString() };
  }

  /**
   * `session`: the admin signed in in the browser that Amazon sent back (from its cookie), or null.
   * A valid state alone is not enough: whoever holds the callback link (a log, a browser history, a
   * page that tricked the admin into opening someone else's link) must also be that admin. The same
   * admin in a new session is accepted, so signing in again and reloading finishes the consent.
   */
  async callback(query: CallbackQuery, session: AdminPrincipal | null, ip: string): Promise<Page> {
    if (!query.state) return page('missing_state');
    const signedFor = verifyState(this.d.stateKey, query.state);
    const row = signedFor === null ? null : await consentStateByHash(this.d.db, stateHash(query.state));
    if (!row || row.storeId !== signedFor) return page('invalid_state');
    // Neither refusal consumes the state: the right admin may still finish within its 10 minutes.
    if (!session) return page('signed_out');
    const sameAdmin = session.tokenHash === row.sessionHash || session.id === row.adminUserId;
    if (!sameAdmin || !can(session.role, 'stores.manage')) return page('other_session');
    if (row.usedAt) return page('reused_state');
    const now = this.d.clock.now();
    if (new Date(fromDbTime(row.expiresAt)!).getTime() <= now.getTime()) return page('expired_state');
    if (!(await consumeConsentState(this.d.db, row.id, now))) return page('reused_state');

    const actor: AuditActor = { admin: row.adminUserId === null ? null : { id: row.adminUserId, email: row.adminEmail }, ip };
    if (query.error) {
      await this.d.audit.record(actor, {
        action: 'store.consent_denied',
        entityType: 'amazon_store',
        entityId: row.storeId,
        details: { error: query.error },
      });
      return page('denied', query.error_description ? `Amazon said: ${query.error_description}` : undefined);
    }
    const sellerId = query.selling_partner_id;
    if (!query.spapi_oauth_code || !sellerId) return page('missing_code');
    const store = await this.d.stores.service.get(row.storeId).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
      throw err;
    });
    if (!store) return page('store_gone');

    let refreshToken: string;
    try {
      refreshToken = (
        await this.d.spapi.exchangeAuthorizationCode(query.spapi_oauth_code, this.d.redirectUri(), { storeId: row.storeId, sellerId })
      ).refreshToken;
    } catch (err) {
      if (err instanceof AuthorizationCodeError) return page('bad_code');
      if (err instanceof AppError) return page('amazon_unavailable', err.message);
      throw err;
    }

    const m = store.marketplace;
    const ctx = { storeId: row.storeId, sellerId, region: m.region, refreshToken, marketplaceId: m.marketplaceId };
    try {
      const participations = await this.d.spapi.getMarketplaceParticipations(ctx);
      const here = participations.find((p) => p.marketplace.id === m.marketplaceId && p.participation.isParticipating);
      if (!here) {
        const sells = participations.filter((p) => p.participation.isParticipating).map((p) => p.marketplace.countryCode);
        return page(
          'wrong_marketplace',
          `Seller ${sellerId} sells in: ${sells.join(', ') || 'no marketplace of this region'}; the store is for ${m.name}.`,
        );
      }
    } catch (err) {
      if (err instanceof AppError) return page('amazon_unavailable', err.message);
      throw err;
    } finally {
      // The token is not kept unless the consent completes below (which caches nothing either).
      this.d.spapi.forget(ctx);
    }

    const result = await this.d.stores.authorizations.completeConsent(actor, {
      storeId: row.storeId,
      purpose: row.purpose,
      sellerId,
      refreshToken,
    });
    if (!result.ok) return page(result.reason, result.message);
    return { ...page(result.renewed ? 'renewed' : 'connected', `"${result.storeName}"`), storeId: row.storeId };
  }
}
