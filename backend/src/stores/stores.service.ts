/**
 * Store use cases: list (the cards), one store, add, edit, activate/deactivate, disconnect, delete.
 * Each write is one transaction with its audit line. Connect/renew live in amazon-auth/ and land
 * through StoreAuthorizations (authorization.service.ts).
 */
import type { Knex } from 'knex';
import { DEFAULT_STORE_SETTINGS, type ProductIdType, type StoreSettings } from '../../../schema/stores';
import type { AuditActor, AuditLog } from '../audit/index';
import type { CatalogModule } from '../catalog/index';
import type { Clock } from '../jobs/clock';
import { toDbTime } from '../db/time';
import { AppError, conflict, invalid, notFound } from '../platform/errors';
import { transition, type StoreEvent } from './lifecycle';
import { knownMarketplace, type Marketplace } from './marketplaces';
import { checkStoreInput, type StoreInput } from './store-input';
import type { StoreSales } from '../sales/store-sales';
import {
  authorizationView,
  NO_LISTINGS,
  NO_SALES,
  storeView,
  type ListingCounts,
  type StoreAuthorizationView,
  type StoreView,
} from './store-view';
import * as q from './stores.queries';

export interface CreateStoreInput {
  name: string;
  email: string;
  websiteCode: string;
  country: string;
  productIdType: ProductIdType;
  productIdAttribute: string;
  settings?: Partial<StoreSettings>;
}

export type UpdateStoreInput = Partial<CreateStoreInput>;

/** What forgets a seller's cached API client (spapi) when a token is dropped. */
export type ForgetToken = (row: q.StoreRow) => void;

/** What removes the store's logs kept by other domains (the spapi Communication Log), inside the deletion's transaction. */
export type DeleteStoreLogs = (storeId: number, trx: Knex) => Promise<unknown>;

/** Tells the store's followers (the ORDER_CHANGE subscription) that its authorization ended, with the row as it was. */
export type AuthorizationEnded = (type: 'disconnected' | 'deleted' | 'lost', before: q.StoreRow) => void;

/** Counts a store's listings for its card; the listings domain provides it (stores must not read listing tables). */
export type ListingCounter = (storeId: number) => Promise<ListingCounts>;

/** Counts a store's Amazon orders needing attention for its card; the order import provides it. */
export type AttentionCounter = (storeId: number) => Promise<number>;

/** A store's sales for its card; the sales domain provides it (stores must not read order tables). */
export type SalesReader = (storeId: number, now: Date) => Promise<StoreSales>;

export class StoresService {
  private listingCounter: ListingCounter = async () => NO_LISTINGS;
  private attentionCounter: AttentionCounter = async () => 0;
  private salesReader: SalesReader = async () => NO_SALES;

  constructor(
    private readonly db: Knex,
    private readonly audit: AuditLog,
    private readonly catalog: CatalogModule,
    private readonly clock: Clock,
    private readonly forgetToken: ForgetToken,
    private readonly deleteStoreLogs: DeleteStoreLogs = async () => undefined,
    private readonly ended: AuthorizationEnded = () => undefined,
  ) {}

  /** Called by the listings domain when it registers, so the cards show real listing counts. */
  countListingsWith(counter: ListingCounter): void {
    this.listingCounter = counter;
  }

  /** Called when the app is assembled, so the cards show the store's real Amazon sales. */
  readSalesWith(reader: SalesReader): void {
    this.salesReader = reader;
  }

  /** Called by the Amazon order import when it registers, so the cards show orders needing attention. */
  countOrdersNeedingAttentionWith(counter: AttentionCounter): void {
    this.attentionCounter = counter;
  }

  /** The store connected to this seller in this marketplace (a notification names only those), or null. */
  async storeIdForSeller(sellerId: string, marketplaceId: string | null): Promise<number | null> {
    const row = await this.db('amazon_stores')
      .where(marketplaceId ? { seller_marketplace_key: q.sellerKey(sellerId, marketplaceId) } : { seller_id: sellerId })
      .orderBy('id')
      .first('id');
    return row ? Number(row.id) : null;
  }

  async list(): Promise<StoreView[]> {
    const [rows, websites] = await Promise.all([q.listStores(this.db), this.catalog.structure.websites()]);
    const now = this.clock.now();
    const counts = await Promise.all(rows.map((r) => this.listingCounter(r.id)));
    const attention = await Promise.all(rows.map((r) => this.attentionCounter(r.id)));
    const sales = await Promise.all(rows.map((r) => this.salesReader(r.id, now)));
    return rows.map((r, i) =>
      storeView(
        r,
        websites.find((w) => w.id === r.websiteId),
        now,
        counts[i],
        sales[i],
        attention[i],
      ),
    );
  }

  async get(id: number): Promise<StoreView> {
    const row = await this.row(id);
    const now = this.clock.now();
    const [websites, counts, sales, attention] = await Promise.all([
      this.catalog.structure.websites(),
      this.listingCounter(id),
      this.salesReader(id, now),
      this.attentionCounter(id),
    ]);
    return storeView(
      row,
      websites.find((w) => w.id === row.websiteId),
      now,
      counts,
      sales,
      attention,
    );
  }

  async authorization(id: number): Promise<StoreAuthorizationView> {
    return authorizationView(await this.row(id), this.clock.now());
  }

  /**
   * Refuses (409, saying why) a consent the store's state does not allow: Connect on a connected store,
   * Renew on a store never connected. Returns the store's marketplace for the consent URL.
   */
  async consentTarget(id: number, purpose: 'connect' | 'renew'): Promise<{ name: string; marketplace: Marketplace }> {
    const row = await this.row(id);
    const r = transition({ status: row.status, authorization: row.authorization }, purpose === 'connect' ? 'connected' : 'renewed');
    if (!r.ok) throw new AppError('CONFLICT', r.reason, { status: row.status, authorization: row.authorization });
    return { name: row.name, marketplace: knownMarketplace(row.marketplaceId) };
  }

  async row(id: number, db: Knex = this.db, forUpdate = false): Promise<q.StoreRow> {
    const row = await q.storeById(db, id, forUpdate);
    if (!row) throw notFound('Store', id);
    return row;
  }

  async create(actor: AuditActor, input: CreateStoreInput): Promise<StoreView> {
    const { problems, checked } = await checkStoreInput(this.db, this.catalog, input, null);
    if (problems.length || !checked.websiteId || !checked.marketplace) throw invalid(problems);
    const now = toDbTime();
    const id = await this.db.transaction(async (trx) => {
      const storeId = await q.insertStore(trx, {
        name: input.name.trim(),
        email: input.email,
        website_id: checked.websiteId!,
        marketplace_id: checked.marketplace!.marketplaceId,
        status: 'in_setup',
        authorization_state: 'not_connected',
        sync_paused_reason: 'not_connected',
        sync_paused_at: now,
        product_id_type: input.productIdType,
        product_id_attribute: input.productIdAttribute,
        settings: JSON.stringify({ ...DEFAULT_STORE_SETTINGS, ...input.settings }),
        created_at: now,
        updated_at: now,
      });
      await this.audit.record(actor, { action: 'store.create', entityType: 'amazon_store', entityId: storeId, details: { ...input } }, trx);
      return storeId;
    });
    return this.get(id);
  }

  async update(actor: AuditActor, id: number, input: UpdateStoreInput): Promise<StoreView> {
    const current = await this.row(id);
    const { problems, checked } = await checkStoreInput(this.db, this.catalog, input as StoreInput, current);
    if (problems.length) throw invalid(problems);
    const locked = current.sellerId !== null || current.authorization !== 'not_connected';
    const moved = [
      ...(checked.websiteId !== undefined && checked.websiteId !== current.websiteId ? ['websiteCode'] : []),
      ...(checked.marketplace && checked.marketplace.marketplaceId !== current.marketplaceId ? ['country'] : []),
    ];
    if (locked && moved.length) {
      throw conflict('The website and country are fixed once the store is connected to Amazon; disconnect the store to change them.', {
        fields: moved.map((f) => ({ field: `body.${f}`, message: 'cannot change after the store is connected' })),
      });
    }
    const columns: q.StoreColumns = {};
    if (input.name !== undefined) columns.name = input.name.trim();
    if (input.email !== undefined) columns.email = input.email;
    if (checked.websiteId !== undefined) columns.website_id = checked.websiteId;
    if (checked.marketplace) columns.marketplace_id = checked.marketplace.marketplaceId;
    if (input.productIdType !== undefined) columns.product_id_type = input.productIdType;
    if (input.productIdAttribute !== undefined) columns.product_id_attribute = input.productIdAttribute;
    if (input.settings) columns.settings = JSON.stringify({ ...current.settings, ...input.settings });
    await this.db.transaction(async (trx) => {
      await q.updateStore(trx, id, columns);
      await this.audit.record(actor, { action: 'store.update', entityType: 'amazon_store', entityId: id, details: { ...input } }, trx);
    });
    return this.get(id);
  }

  activate(actor: AuditActor, id: number): Promise<StoreView> {
    return this.apply(actor, id, 'activate', 'store.activate');
  }

  deactivate(actor: AuditActor, id: number): Promise<StoreView> {
    return this.apply(actor, id, 'deactivate', 'store.deactivate');
  }

  /** Forgets the token (and the seller, so the store can be connected to another account); keeps the settings. */
  async disconnect(actor: AuditActor, id: number): Promise<StoreView> {
    const before = await this.row(id);
    await this.apply(actor, id, 'disconnect', 'store.disconnect', {
      seller_id: null,
      seller_marketplace_key: null,
      refresh_token_sealed: null,
      authorized_at: null,
      expires_at: null,
      authorization_error: null,
    });
    this.forgetToken(before);
    if (before.sellerId) this.ended('disconnected', before);
    return this.get(id);
  }

  /** Deletes the store with its settings, listings (by cascade) and logs; imported orders stay in the catalog. */
  async delete(actor: AuditActor, id: number, confirm: string): Promise<void> {
    const row = await this.row(id);
    if (confirm !== row.name) {
      throw invalid([{ field: 'body.confirm', message: `type the store name "${row.name}" exactly to delete it` }]);
    }
    await this.db.transaction(async (trx) => {
      await this.deleteStoreLogs(id, trx);
      await q.deleteStore(trx, id);
      await this.audit.record(
        actor,
        {
          action: 'store.delete',
          entityType: 'amazon_store',
          entityId: id,
          details: { name: row.name, marketplaceId: row.marketplaceId, sellerId: row.sellerId },
        },
        trx,
      );
    });
    this.forgetToken(row);
    if (row.sellerId) this.ended('deleted', row);
  }

  private async apply(actor: AuditActor, id: number, event: StoreEvent, action: string, extra: q.StoreColumns = {}): Promise<StoreView> {
    await this.db.transaction(async (trx) => {
      const row = await this.row(id, trx, true);
      const r = transition({ status: row.status, authorization: row.authorization }, event);
      if (!r.ok) throw new AppError('CONFLICT', r.reason, { status: row.status, authorization: row.authorization });
      await q.updateStore(trx, id, {
        status: r.state.status,
        authorization_state: r.state.authorization,
        ...pauseColumns(row, r.pause),
        ...extra,
      });
      await this.audit.record(
        actor,
        { action, entityType: 'amazon_store', entityId: id, details: { from: row.status, to: r.state.status } },
        trx,
      );
    });
    return this.get(id);
  }
}

/** The pause columns for a new reason (the pause time is kept while the store stays paused). */
export function pauseColumns(row: q.StoreRow, reason: q.StoreRow['syncPausedReason']): q.StoreColumns {
  if (reason === null) return { sync_paused_reason: null, sync_paused_at: null };
  return { sync_paused_reason: reason, sync_paused_at: row.syncPausedAt ?? toDbTime() };
}
