/** Reading listings: the grid by tab with counts, and a listing's page (issues with advice, pipelines, activity). */
import type { FastifyInstance } from 'fastify';
import type { ListingTab } from '../../../schema/listings';
import { notFound } from '../platform/errors';
import type { ProfileSource } from '../inventory/profile-rules';
import { followedProfileOf } from '../inventory/profiles.queries';
import { openQtyUpdates, pendingQtyUpdate } from '../inventory/qty-updates';
import { computeDesired } from './desired';
import { gridPage, productNames, tabCounts, type GridQuery } from './grid.queries';
import { adviceFor } from './issue-advice';
import { listingById, listingsOfStore, type ListingRow } from './listings.queries';
import { listingsOverview } from './overview.queries';
import type { ListingSettingsService } from './settings.service';
import { storeContext, type StoreContext } from './store-context';
import { listActivity } from './sync/activity.queries';
import { syncOf, type ListingSyncState } from './sync-contract';

export interface ListingView {
  id: number;
  storeId: number;
  productId: number | null;
  sku: string;
  sellerSku: string;
  asin: string | null;
  name: string | null;
  status: ListingRow['status'];
  statusReason: string | null;
  amazonProductType: string | null;
  amazonStatus: string[];
  parentListingId: number | null;
  isParent: boolean;
  variationTheme: string | null;
  linkedFromAmazon: boolean;
  price: string | null;
  quantity: number | null;
  manualQuantity: number | null;
  overrides: { price: string | null; handlingTimeDays: number | null; condition: string | null; conditionNote: string | null };
  hasOverrides: boolean;
  issueCount: number;
  pending: boolean | null;
  /** A quantity change (or an Update quantity request) waits for Amazon's answer. */
  pendingQtyUpdate: boolean;
  /** The stock profile the listing follows (null: the built-in policy) and how it was chosen. */
  stockProfile: { id: number; name: string } | null;
  profileSource: ProfileSource;
  lastSyncAt: string | null;
  updatedAt: string;
}

/** The inventory domain's view of a listing's quantity (profile, pending quantity update). */
type QuantityView = Pick<ListingView, 'pendingQtyUpdate' | 'stockProfile' | 'profileSource'>;

export function viewOf(l: ListingRow, name: string | null, sync: ListingSyncState | undefined | null, qty: QuantityView): ListingView {
  return {
    id: l.id,
    storeId: l.storeId,
    productId: l.productId,
    sku: l.sku,
    sellerSku: l.sellerSku,
    asin: l.asin,
    name,
    status: l.status,
    statusReason: l.statusReason,
    amazonProductType: l.amazonProductType,
    amazonStatus: l.amazonStatus,
    parentListingId: l.parentListingId,
    isParent: l.isParent,
    variationTheme: l.variationTheme,
    linkedFromAmazon: l.linkedFromAmazon,
    price: l.desiredPrice,
    quantity: l.desiredQty,
    manualQuantity: l.manualQty,
    overrides: {
      price: l.overridePrice,
      handlingTimeDays: l.overrideHandlingTime,
      condition: l.overrideCondition,
      conditionNote: l.overrideConditionNote,
    },
    hasOverrides: l.hasOverrides,
    issueCount: l.issues.length,
    pending: sync ? sync.pending : null,
    ...qty,
    lastSyncAt: sync?.lastAcknowledgedAt ?? null,
    updatedAt: l.updatedAt,
  };
}

export class ListingsReadService {
  constructor(
    private readonly app: FastifyInstance,
    private readonly settings: ListingSettingsService,
  ) {}

  private async syncStates(ids: number[]): Promise<Map<number, ListingSyncState> | null> {
    const sync = syncOf(this.app);
    return sync && ids.length ? sync.state(ids) : null;
  }

  /** Profiles and pending quantity updates of a page of listings: a few queries for the page, not per row. */
  private async quantityViews(ctx: StoreContext, ids: number[], states: Map<number, ListingSyncState> | null) {
    const [profiles, requests] = await Promise.all([followedProfileOf(this.app.db, ctx, ids), openQtyUpdates(this.app.db, ids)]);
    return (id: number): QuantityView => {
      const p = profiles.get(id);
      return {
        pendingQtyUpdate: pendingQtyUpdate(states?.get(id), requests.has(id)),
        stockProfile: p?.profile ?? null,
        profileSource: p?.source ?? 'built-in',
      };
    };
  }

  async page(storeId: number, query: GridQuery) {
    const ctx = await storeContext(this.app, storeId);
    const { total, rows } = await gridPage(this.app.db, storeId, query);
    const ids = rows.map((r) => r.id);
    const states = await this.syncStates(ids);
    const qty = await this.quantityViews(ctx, ids, states);
    return {
      tab: query.tab,
      page: query.page,
      pageSize: query.pageSize,
      total,
      items: rows.map((r) => viewOf(r, r.name, states?.get(r.id), qty(r.id))),
    };
  }

  async counts(storeId: number): Promise<Record<ListingTab | 'new_third_party', number>> {
    await storeContext(this.app, storeId);
    return tabCounts(this.app.db, storeId);
  }

  /** Every store's listings by status and whether its rule was saved (the landing dashboard). */
  async overview() {
    return { items: await listingsOverview(this.app.db) };
  }

  async detail(storeId: number, id: number) {
    const l = await listingById(this.app.db, id);
    if (!l || l.storeId !== storeId) throw notFound('Listing', id);
    const ctx = await storeContext(this.app, storeId);
    const settings = await this.settings.settingsFor(ctx);
    const children = l.isParent ? await listingsOfStore(this.app.db, storeId, { parentListingIds: [l.id] }) : [];
    const names = await productNames(
      this.app.db,
      [l, ...children].map((x) => x.productId).filter((x): x is number => x !== null),
    );
    const ids = [l.id, ...children.map((c) => c.id)];
    const states = await this.syncStates(ids);
    const qty = await this.quantityViews(ctx, ids, states);
    const computed = (await computeDesired(this.app, this.app.db, ctx, settings, [l])).get(l.id);
    const own = qty(l.id);
    return {
      listing: viewOf(l, l.productId ? (names.get(l.productId) ?? null) : null, states?.get(l.id), own),
      issues: l.issues.map((i) => ({ ...i, advice: adviceFor(i) })),
      candidates: l.candidates,
      pricing: computed?.pricing ?? [],
      quantity: computed?.quantity ?? [],
      stockProfile: own.stockProfile,
      profileSource: own.profileSource,
      desired: computed?.desired ?? null,
      activity: (await listActivity(this.app.db, l.id, 100)).map((a) => ({ ...a, source: a.source as 'listings' | 'sync' })),
      children: children.map((c) => viewOf(c, c.productId ? (names.get(c.productId) ?? null) : null, states?.get(c.id), qty(c.id))),
      storefrontUrl: l.asin ? `https://${ctx.domain}/dp/${l.asin}` : null,
    };
  }
}
