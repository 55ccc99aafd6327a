/**
 * Variants by hand: an admin looks at every child product of a parent listing's configurable, removes single
 * variants from the listing (ended on Amazon the way End Listing does: quantity 0) or adds them (back). A removed
 * variant is remembered in `listing_variant_exclusions`, which rule application reads, so neither a rule apply
 * nor a catalog change brings it back. Each call is one transaction with the activity entries, one audit record
 * and the desired state handed to the sync engine; products that cannot be done are reported with the reason.
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { ListingSettings, ListingStatus } from '../../../schema/listings';
import type { VariantState } from '../../../schema/listing-variants';
import { statusWords } from '../../../schema/words';
import type { AuditActor } from '../audit/index';
import { toDbTime } from '../db/time';
import { conflict, invalid, notFound } from '../platform/errors';
import { productFacts, variationFamily, type ProductFacts } from './catalog-reads';
import { pushDesired } from './desired';
import { transition, type Guards } from './lifecycle';
import { deleteListings, insertListings, listingById, listingsOfStore, updateListings, type ListingRow } from './listings.queries';
import { storeContext, type StoreContext } from './store-context';
import { recordActivity } from './sync/activity.queries';
import type { ActivityEntry } from './sync/types';
import { syncOf } from './sync-contract';
import { addExclusions, exclusionsOf, removeExclusions, sellerSkuOwners, type Exclusion } from './variants.queries';

export interface VariantView {
  productId: number;
  sku: string;
  name: string;
  type: string;
  enabled: boolean;
  attributes: Record<string, string | null>;
  state: VariantState;
  listing: { id: number; status: ListingStatus; asin: string | null } | null;
  removedAt: string | null;
  removedBy: string | null;
  cannotAdd: string | null;
}

export interface VariantsView {
  parentListingId: number;
  variationTheme: string | null;
  superAttributes: string[];
  variants: VariantView[];
}

export interface VariantsResult {
  done: number[];
  skipped: { productId: number; reason: string }[];
  variants: VariantsView;
}

/** What one family looks like now: the catalog's children, their listings in the store, the hand removals. */
interface Family {
  parent: ListingRow;
  supers: string[];
  facts: Map<number, ProductFacts>;
  childIds: number[];
  /** Listings of the child products anywhere in the store (under this parent or not). */
  listingOf: Map<number, ListingRow>;
  /** Seller SKUs in use by listings outside this family. */
  skuTakenBy: Map<string, number>;
  exclusions: Map<number, Exclusion>;
}

// Same as rule application (rules/apply.ts CHILD_TYPES): Amazon variations are simple products.
const CHILD_TYPE = 'simple';
const PARENT_BLOCKS: readonly ListingStatus[] = ['ineligible', 'deleting'];
const guardsOf = (l: ListingRow): Guards => ({
  hasAsin: !!l.asin,
  linkedFromAmazon: l.linkedFromAmazon,
  published: l.publishedAt !== null,
});
const actorName = (a: AuditActor) => (a.admin ?? a.user)?.email ?? null;
const MATCHING_JOB = 'listings.matching';

export class ListingVariantsService {
  constructor(private readonly app: FastifyInstance) {}

  async view(storeId: number, id: number): Promise<VariantsView> {
    await storeContext(this.app, storeId);
    return viewOf(await this.family(this.app.db, storeId, id));
  }

  async remove(actor: AuditActor, storeId: number, id: number, productIds: readonly number[]): Promise<VariantsResult> {
    const { ctx, settings } = await this.prepare(storeId);
    const result = await this.app.db.transaction(async (trx) => {
      const f = await this.family(trx, storeId, id, productIds);
      const out: Omit<VariantsResult, 'variants'> = { done: [], skipped: [] };
      const push: ListingRow[] = [];
      const gone: number[] = [];
      const activity: ActivityEntry[] = [];
      for (const productId of productIds) {
        const l = f.listingOf.get(productId);
        const reason = f.exclusions.has(productId)
          ? 'already removed by hand'
          : l && l.parentListingId !== f.parent.id
            ? `listed on its own (listing ${l.id}), not under this parent`
            : l?.status === 'deleting'
              ? 'being deleted from Amazon'
              : null;
        if (reason) {
          out.skipped.push({ productId, reason });
          continue;
        }
        out.done.push(productId);
        if (!l) continue;
        const end = transition(l.status, 'end', guardsOf(l));
        if (end.ok && end.to !== 'removed') {
          // Exactly what End Listing does: Ending In Progress, quantity 0 on Amazon.
          await updateListings(trx, [l.id], { status: end.to, status_reason: 'Removed from the variation by hand: quantity 0 on Amazon' });
          push.push({ ...l, status: end.to });
          activity.push({
            listingId: l.id,
            source: 'listings',
            kind: 'variant_removed',
            summary: 'Removed from the variation by hand: quantity 0',
          });
        } else if (l.publishedAt === null)
          gone.push(l.id); // never on Amazon: nothing to end there
        else activity.push({ listingId: l.id, source: 'listings', kind: 'variant_removed', summary: 'Removed from the variation by hand' });
      }
      await deleteListings(trx, gone);
      await addExclusions(trx, storeId, id, out.done, actorName(actor));
      await pushDesired(this.app, trx, ctx, settings, push);
      await this.record(trx, actor, f, 'remove', out, activity);
      return out;
    });
    return { ...result, variants: await this.view(storeId, id) };
  }

  async add(actor: AuditActor, storeId: number, id: number, productIds: readonly number[]): Promise<VariantsResult> {
    const { ctx, settings } = await this.prepare(storeId);
    let created = 0;
    const result = await this.app.db.transaction(async (trx) => {
      const f = await this.family(trx, storeId, id, productIds);
      const out: Omit<VariantsResult, 'variants'> = { done: [], skipped: [] };
      const push: ListingRow[] = [];
      const requeue: number[] = [];
      const activity: ActivityEntry[] = [];
      const now = toDbTime();
      for (const productId of productIds) {
        const v = variantOf(f, productId);
        const reason = v.state === 'listed' ? `already listed (${statusWords(v.listing?.status ?? '')})` : v.cannotAdd;
        if (reason) {
          out.skipped.push({ productId, reason });
          continue;
        }
        out.done.push(productId);
        const l = f.listingOf.get(productId);
        if (!l) {
          // Never listed (or removed before it had a listing): a new child, through matching like rule-created children.
          const ids = await insertListings(trx, [
            { storeId, productId, sku: v.sku, sellerSku: v.sku, status: 'validating_asin', parentListingId: id },
          ]);
          const childId = ids.get(v.sku)!;
          created++;
          activity.push({
            listingId: childId,
            source: 'listings',
            kind: 'created',
            summary: 'Added to the variation by hand: looking up its ASIN',
          });
          continue;
        }
        // Listed before: straight back to Amazon when it had an offer (as a rule's "selected again" does), else matching.
        const next = this.nextStatus(l);
        if (next === null) continue; // listed again meanwhile (e.g. published from its own page): only the removal goes
        const columns = { status: next, status_reason: null, ...(next === 'list_in_progress' ? { published_at: now } : {}) };
        await updateListings(trx, [l.id], columns);
        if (next === 'list_in_progress') push.push({ ...l, status: next, publishedAt: now });
        else created++;
        if (l.status === 'error') requeue.push(l.id);
        activity.push({
          listingId: l.id,
          source: 'listings',
          kind: 'variant_added',
          summary: `Added back to the variation by hand: ${statusWords(next)}`,
        });
      }
      await removeExclusions(trx, id, out.done);
      await pushDesired(this.app, trx, ctx, settings, push);
      // After a refusal the same desired state would not be sent again by itself (as Publish does).
      if (requeue.length) await syncOf(this.app)?.requeue?.(trx, requeue);
      await this.record(trx, actor, f, 'add', out, activity);
      return out;
    });
    if (created && this.app.jobs.running)
      this.app.jobs.runNow(MATCHING_JOB).catch((err: unknown) => this.app.log.error({ err, job: MATCHING_JOB }, 'job failed'));
    return { ...result, variants: await this.view(storeId, id) };
  }

  /** The status a variant removed by hand goes back to, or null when it is on Amazon already. */
  private nextStatus(l: ListingRow): ListingStatus | null {
    if (l.status === 'ineligible') return l.publishedAt && l.asin ? 'list_in_progress' : 'validating_asin';
    const t = transition(l.status, 'publish', guardsOf(l));
    if (t.ok) return t.to as ListingStatus;
    return l.asin ? null : 'validating_asin';
  }

  private async prepare(storeId: number): Promise<{ ctx: StoreContext; settings: ListingSettings }> {
    const ctx = await storeContext(this.app, storeId);
    return { ctx, settings: await this.app.listings.settings.settingsFor(ctx) };
  }

  private async family(db: Knex, storeId: number, id: number, asked?: readonly number[]): Promise<Family> {
    const parent = await listingById(db, id, asked !== undefined);
    if (!parent || parent.storeId !== storeId) throw notFound('Listing', id);
    if (!parent.isParent)
      throw conflict(`Listing ${id} (${parent.sellerSku}) is not a variation parent: only a configurable product's listing has variants`, {
        listingId: id,
      });
    const tree = await variationFamily(db, parent.productId ? [parent.productId] : []);
    const childIds = parent.productId ? (tree.children.get(parent.productId) ?? []) : [];
    const supers = parent.productId ? (tree.superAttributes.get(parent.productId) ?? []) : [];
    if (asked) {
      const unknown = asked.map((p, i) => ({ p, i })).filter(({ p }) => !childIds.includes(p));
      if (unknown.length)
        throw invalid(
          unknown.map(({ p, i }) => ({
            field: `body.productIds[${i}]`,
            message: `product ${p} is not a child of this listing's configurable product`,
          })),
        );
    }
    const facts = await productFacts(db, childIds, supers);
    const listingOf = new Map<number, ListingRow>();
    for (const l of await listingsOfStore(db, storeId, { productIds: childIds }))
      if (!listingOf.has(l.productId!) || l.parentListingId === id) listingOf.set(l.productId!, l);
    const skuTakenBy = new Map<string, number>();
    const owners = await sellerSkuOwners(
      db,
      storeId,
      [...facts.values()].map((x) => x.sku),
    );
    for (const [sku, owner] of owners) if (owner.parentListingId !== id) skuTakenBy.set(sku, owner.id);
    return { parent, supers, facts, childIds, listingOf, skuTakenBy, exclusions: await exclusionsOf(db, id) };
  }

  private async record(
    trx: Knex,
    actor: AuditActor,
    f: Family,
    what: 'add' | 'remove',
    out: Omit<VariantsResult, 'variants'>,
    activity: ActivityEntry[],
  ): Promise<void> {
    if (out.done.length) {
      const skus = out.done.map((p) => f.facts.get(p)?.sku ?? String(p)).join(', ');
      const summary = what === 'add' ? `Variants added by hand: ${skus}` : `Variants removed by hand: ${skus}`;
      await recordActivity(trx, [...activity, { listingId: f.parent.id, source: 'listings', kind: `variants_${what}`, summary }]);
    }
    await this.app.audit.record(
      actor,
      {
        action: `listing.variants_${what}`,
        entityType: 'listing',
        entityId: f.parent.id,
        details: { productIds: out.done, skipped: out.skipped },
      },
      trx,
    );
  }
}

function viewOf(f: Family): VariantsView {
  return {
    parentListingId: f.parent.id,
    variationTheme: f.parent.variationTheme,
    superAttributes: f.supers,
    variants: f.childIds.filter((p) => f.facts.has(p)).map((p) => variantOf(f, p)),
  };
}

function variantOf(f: Family, productId: number): VariantView {
  const p = f.facts.get(productId)!;
  const l = f.listingOf.get(productId) ?? null;
  const removed = f.exclusions.get(productId) ?? null;
  const own = l && l.parentListingId === f.parent.id ? l : null;
  const state: VariantState = removed ? 'removed' : own ? 'listed' : 'not_listed';
  return {
    productId,
    sku: p.sku,
    name: p.name,
    type: p.type,
    enabled: p.status === 'enabled',
    attributes: Object.fromEntries(f.supers.map((c) => [c, p.attributes[c] ?? null])),
    state,
    listing: own ? { id: own.id, status: own.status, asin: own.asin } : null,
    removedAt: removed?.removedAt ?? null,
    removedBy: removed?.removedBy ?? null,
    cannotAdd: state === 'listed' ? null : whyNot(f, p, l),
  };
}

/** Why a variant cannot be added to the listing, in words an admin can act on; null when it can. */
function whyNot(f: Family, p: ProductFacts, l: ListingRow | null): string | null {
  if (PARENT_BLOCKS.includes(f.parent.status)) return `the parent listing is ${statusWords(f.parent.status)}`;
  if (p.type !== CHILD_TYPE) return `a ${p.type} product cannot be a variation: only simple products can`;
  if (p.status !== 'enabled') return 'the product is disabled in the catalog';
  const missing = f.supers.filter((c) => !p.attributes[c]?.trim());
  if (missing.length) return `no ${missing.join(', ')} value: the variation theme needs one`;
  if (l && l.parentListingId !== f.parent.id) return `the product is listed on its own (listing ${l.id})`;
  if (l?.status === 'ending_in_progress') return 'still ending on Amazon: add it back once it has ended';
  if (l?.status === 'deleting') return 'being deleted from Amazon';
  const taken = !l ? f.skuTakenBy.get(p.sku) : undefined;
  if (taken !== undefined) return `seller SKU ${p.sku} is used by listing ${taken}`;
  return null;
}
