/**
 * The matching job: listings in Validating ASIN get their ASIN looked up with `searchCatalogItems` by the
 * identifiers of the settings' search order (20 identifiers per call, pages followed), the result decides
 * the status (Ready to List, Multiple Matches Found, Unable to Assign, Has Variants, Missing Condition),
 * a single match is checked for listing restrictions (Listings Restrictions), and with automatic listing on
 * a Ready to List listing is published at once. Amazon calls happen outside transactions; each store's
 * batch of results is written in one.
 */
import type { FastifyInstance } from 'fastify';
import type { ListingSettings } from '../../../../schema/listings';
import { AmazonThrottledError, AmazonUnavailableError, type CatalogItem, type SellerContext } from '../../spapi/index';
import { productFacts } from '../catalog-reads';
import { listingsOfStore, type ListingRow } from '../listings.queries';
import { conditionOf } from '../pipelines';
import { amazonIdentifierType } from '../settings';
import type { StoreContext } from '../store-context';
import { storeContext } from '../store-context';
import type { ListingSettingsService } from '../settings.service';
import { identifierValues, restrictionOf, verdict } from './matcher';
import { writeMatchResults, type MatchResult } from './results';

export const MATCH_BATCH = 200;
const SEARCH_IDS = 20;
const INCLUDED = ['identifiers', 'summaries', 'relationships', 'productTypes'];

export class MatchingService {
  constructor(
    private readonly app: FastifyInstance,
    private readonly settings: ListingSettingsService,
  ) {}

  /** One pass over every store with listings waiting for a match. */
  async run(): Promise<Record<string, number>> {
    const storeIds = (await this.app.db('listings').where('status', 'validating_asin').distinct('store_id').pluck('store_id')).map(Number);
    const summary = { stores: 0, matched: 0, skipped: 0 };
    for (const storeId of storeIds) {
      const state = await this.app.stores.syncState(storeId);
      if (state.paused) {
        summary.skipped++;
        continue;
      }
      summary.stores++;
      summary.matched += await this.matchStore(storeId);
    }
    return summary;
  }

  async matchStore(storeId: number): Promise<number> {
    const ctx = await storeContext(this.app, storeId);
    const settings = await this.settings.settingsFor(ctx);
    const listings = (await listingsOfStore(this.app.db, storeId, { statuses: ['validating_asin'] })).slice(0, MATCH_BATCH);
    if (!listings.length) return 0;
    let seller: SellerContext;
    try {
      seller = await this.app.stores.sellerContext(storeId);
    } catch {
      return 0; // not connected: the listings wait in Validating ASIN
    }
    let results: MatchResult[];
    try {
      results = await this.lookUp(seller, ctx, settings, listings);
    } catch (err) {
      if (err instanceof AmazonThrottledError || err instanceof AmazonUnavailableError) return 0; // next run retries
      await this.app.stores.reportAuthorizationFailure(storeId, err);
      throw err;
    }
    await writeMatchResults(this.app, ctx, settings, results);
    return results.length;
  }

  private async lookUp(
    seller: SellerContext,
    ctx: StoreContext,
    settings: ListingSettings,
    listings: ListingRow[],
  ): Promise<MatchResult[]> {
    const condAttr = settings.condition.mode === 'attribute' ? settings.condition.attribute : null;
    const facts = await productFacts(
      this.app.db,
      listings.map((l) => l.productId).filter((x): x is number => x !== null),
      [...settings.identifierOrder.map((s) => s.attribute), ...(condAttr ? [condAttr] : [])],
    );
    // Each listing's identifiers in search order (only those with a value and an Amazon identifier type).
    const queue = new Map<number, { type: string; value: string; label: string }[]>();
    const results: MatchResult[] = [];
    for (const l of listings) {
      const f = l.productId !== null ? facts.get(l.productId) : undefined;
      const ids = settings.identifierOrder
        .map((s) => ({
          type: amazonIdentifierType(s.type),
          value: f?.attributes[s.attribute]?.trim() ?? '',
          label: `${s.type.toUpperCase()} (${s.attribute})`,
        }))
        .filter((x): x is { type: string; value: string; label: string } => !!x.type && !!x.value);
      if (!ids.length) {
        const tried = settings.identifierOrder.map((s) => `${s.type.toUpperCase()} (${s.attribute})`).join(', ');
        results.push({
          listing: l,
          verdict: { kind: 'none' },
          reason: `The product has no identifier value to search Amazon with: ${tried}`,
          tried: [],
        });
      } else queue.set(l.id, ids);
    }
    const byId = new Map(listings.map((l) => [l.id, l]));
    const tried = new Map<number, string[]>();
    while (queue.size) {
      // One round: every queued listing's next identifier, grouped by type, 20 values per search.
      const round = new Map<string, Map<string, number[]>>();
      for (const [id, ids] of queue) {
        const next = ids[0]!;
        const group = round.get(next.type) ?? new Map<string, number[]>();
        group.set(next.value, [...(group.get(next.value) ?? []), id]);
        round.set(next.type, group);
        tried.set(id, [...(tried.get(id) ?? []), `${next.label} ${next.value}`]);
      }
      for (const [type, values] of round) {
        const found = await this.search(seller, ctx.marketplaceId, type, [...values.keys()]);
        for (const [value, ids] of values) {
          const items = found.get(value) ?? [];
          for (const id of ids) {
            const rest = queue.get(id)!.slice(1);
            const listing = byId.get(id)!;
            const v = verdict(items, listing.isParent);
            if (v.kind === 'none' && rest.length) {
              queue.set(id, rest);
              continue;
            }
            queue.delete(id);
            results.push({ listing, verdict: v, reason: null, tried: tried.get(id) ?? [], answer: items.map((i) => i.asin) });
          }
        }
      }
    }
    // Single matches: condition known? may the seller list it?
    for (const r of results) {
      if (r.verdict.kind !== 'single') continue;
      const f = r.listing.productId !== null ? facts.get(r.listing.productId) : undefined;
      const cond = conditionOf(settings.condition, condAttr ? (f?.attributes[condAttr] ?? null) : null, {
        condition: r.listing.overrideCondition,
        note: null,
      });
      if (!cond.condition) {
        r.missingCondition = true;
        continue;
      }
      r.restriction = restrictionOf(
        await this.app.spapi.getListingsRestrictions(seller, {
          asin: r.verdict.asin,
          marketplaceIds: [ctx.marketplaceId],
          conditionType: cond.condition,
        }),
      );
    }
    return results;
  }

  private async search(seller: SellerContext, marketplaceId: string, type: string, values: string[]): Promise<Map<string, CatalogItem[]>> {
    const out = new Map<string, CatalogItem[]>();
    for (let i = 0; i < values.length; i += SEARCH_IDS) {
      const part = values.slice(i, i + SEARCH_IDS);
      let pageToken: string | undefined;
      do {
        const res = await this.app.spapi.searchCatalogItems(seller, {
          marketplaceIds: [marketplaceId],
          identifiers: part,
          identifiersType: type,
          includedData: INCLUDED,
          pageSize: 20,
          ...(pageToken ? { pageToken } : {}),
        });
        for (const item of res.items)
          for (const value of type === 'ASIN' ? [item.asin] : identifierValues(item, type))
            if (part.includes(value)) out.set(value, [...(out.get(value) ?? []), item]);
        pageToken = res.pagination?.nextToken;
      } while (pageToken);
    }
    return out;
  }
}
