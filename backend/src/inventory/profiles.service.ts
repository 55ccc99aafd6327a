/**
 * Stock profiles of a store: create, change, delete, the store default, assignment to listings by hand and by
 * rule, and a rule's preview. Each write is one transaction with its audit record and the recomputed desired
 * state of exactly the listings it affects — those whose followed profile changes, and those following a profile
 * whose policy changes — handed to the sync engine through the listings domain's `pushDesired` (coalesced).
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { AuditActor } from '../audit/index';
import { pushDesired } from '../listings/desired';
import { OFFER_STATUSES } from '../listings/lifecycle';
import { listingsByIds, listingsOfStore } from '../listings/listings.queries';
import { storeContext, type StoreContext } from '../listings/store-context';
import type { ListingSettings } from '../../../schema/listings';
import { conflict, invalid, notFound } from '../platform/errors';
import type { RuleNode } from '../../../schema/listing-rules';
import { validateConditions } from '../listings/rules/conditions';
import { ruleCatalog } from '../listings/rules/rule-context';
import { DEFAULT_STOCK_POLICY, validatePolicy, type StockPolicy } from './policy';
import { rulePreview } from './profile-rules';
import * as q from './profiles.queries';
import { offeringListings, siblingStores } from './shared-skus';

export interface ProfileBody extends Partial<StockPolicy> {
  name: string;
  conditions?: RuleNode | null;
  priority?: number;
}

/** What a write changed: `policyOf` names a profile whose policy moved (its followers are recomputed). */
interface WriteResult {
  id: number;
  policyOf: number | null;
}

/** Listings whose offer a policy can move (published or on their way; ended ones hold quantity 0). */
const AFFECTED = [...OFFER_STATUSES, 'ended', 'ineligible'] as const;

export class StockProfilesService {
  constructor(private readonly app: FastifyInstance) {}

  async list(storeId: number): Promise<{ defaultProfileId: number | null; items: q.StockProfile[] }> {
    await storeContext(this.app, storeId);
    return { defaultProfileId: await q.defaultProfileId(this.app.db, storeId), items: await q.listProfiles(this.app.db, storeId) };
  }

  async get(storeId: number, id: number): Promise<q.StockProfile> {
    const p = await q.profileById(this.app.db, storeId, id);
    if (!p) throw notFound('Stock profile', id);
    return p;
  }

  async create(actor: AuditActor, storeId: number, body: ProfileBody): Promise<q.StockProfile> {
    const { policy, rule } = await this.checked(storeId, null, body, {
      ...DEFAULT_STOCK_POLICY,
      conditions: null,
      priority: q.DEFAULT_PRIORITY,
    });
    const id = await this.write(storeId, async (trx) => {
      const id = await q.insertProfile(trx, storeId, body.name.trim(), policy, rule);
      await this.app.audit.record(
        actor,
        { action: 'stock_profile.create', entityType: 'stock_profile', entityId: id, details: { storeId, ...policy, ...rule } },
        trx,
      );
      // A new profile with a rule takes the listings it matches (the before/after comparison finds them).
      return { id, policyOf: null };
    });
    return this.get(storeId, id);
  }

  async update(actor: AuditActor, storeId: number, id: number, body: ProfileBody): Promise<q.StockProfile> {
    const before = await this.get(storeId, id);
    const { policy, rule } = await this.checked(storeId, id, body, before);
    // A custom quantity set again (even to the same number) restarts its count of Amazon sales (amazon-sales.ts).
    const policyMoved =
      policy.mode === 'custom' ||
      (Object.keys(policy) as (keyof StockPolicy)[]).some((k) => JSON.stringify(policy[k]) !== JSON.stringify(before[k]));
    await this.write(storeId, async (trx) => {
      await q.updateProfile(trx, id, body.name.trim(), policy, rule);
      await this.app.audit.record(
        actor,
        {
          action: 'stock_profile.update',
          entityType: 'stock_profile',
          entityId: id,
          details: { before, after: { name: body.name, ...policy, ...rule } },
        },
        trx,
      );
      return { id, policyOf: policyMoved ? id : null };
    });
    return this.get(storeId, id);
  }

  async remove(actor: AuditActor, storeId: number, id: number): Promise<void> {
    const before = await this.get(storeId, id);
    await this.write(storeId, async (trx) => {
      await q.deleteProfile(trx, id);
      await this.app.audit.record(
        actor,
        { action: 'stock_profile.delete', entityType: 'stock_profile', entityId: id, details: { before } },
        trx,
      );
      return { id, policyOf: null };
    });
  }

  async setDefault(actor: AuditActor, storeId: number, profileId: number | null): Promise<{ defaultProfileId: number | null }> {
    if (profileId !== null && !(await q.profileById(this.app.db, storeId, profileId)))
      throw invalid([{ field: 'body.profileId', message: `stock profile ${profileId} is not a profile of this store` }]);
    await this.write(storeId, async (trx) => {
      const before = await q.defaultProfileId(trx, storeId);
      await q.setDefaultProfile(trx, storeId, profileId);
      await this.app.audit.record(
        actor,
        { action: 'stock_profile.default', entityType: 'store', entityId: storeId, details: { before, after: profileId } },
        trx,
      );
      return { id: profileId ?? 0, policyOf: null };
    });
    return { defaultProfileId: profileId };
  }

  /** Assigns listings to a profile by hand (profileId null: back to the store default). */
  async assign(actor: AuditActor, storeId: number, profileId: number | null, listingIds: number[]): Promise<{ assigned: number }> {
    if (profileId !== null && !(await q.profileById(this.app.db, storeId, profileId)))
      throw invalid([{ field: 'body.profileId', message: `stock profile ${profileId} is not a profile of this store` }]);
    const found = await listingsByIds(this.app.db, listingIds);
    const foreign = listingIds.filter((id) => !found.some((l) => l.id === id && l.storeId === storeId));
    if (foreign.length) throw invalid([{ field: 'body.listingIds', message: `not listings of this store: ${foreign.join(', ')}` }]);
    await this.write(storeId, async (trx) => {
      await q.assignListings(trx, listingIds, profileId);
      await this.app.audit.record(
        actor,
        { action: 'stock_profile.assign', entityType: 'store', entityId: storeId, details: { profileId, listingIds } },
        trx,
      );
      return { id: profileId ?? 0, policyOf: null };
    });
    return { assigned: listingIds.length };
  }

  /** How many listings the profile's saved rule gives it now, and a few of them. */
  async preview(storeId: number, id: number) {
    const ctx = await storeContext(this.app, storeId);
    await this.get(storeId, id);
    return rulePreview(this.app.db, ctx, await q.ruleProfiles(this.app.db, storeId), id);
  }

  /** Validates the body against the policy and rule it changes; field names as sent. */
  private async checked(
    storeId: number,
    id: number | null,
    body: ProfileBody,
    base: StockPolicy & q.ProfileRule,
  ): Promise<{ policy: StockPolicy; rule: q.ProfileRule }> {
    const policy: StockPolicy = {
      mode: body.mode ?? base.mode,
      value: body.value !== undefined ? body.value : body.mode && body.mode !== base.mode ? null : base.value,
      sources: body.sources ?? base.sources,
      placeholderQty: body.placeholderQty ?? base.placeholderQty,
      maxQty: body.maxQty !== undefined ? body.maxQty : base.maxQty,
      updateOnCatalogChange: body.updateOnCatalogChange ?? base.updateOnCatalogChange,
      noQuantity: body.noQuantity ?? base.noQuantity,
    };
    const rule: q.ProfileRule = {
      conditions: body.conditions !== undefined ? body.conditions : base.conditions,
      priority: body.priority ?? base.priority,
    };
    const problems = validatePolicy(policy);
    if (!body.name.trim()) problems.push({ field: 'body.name', message: 'a name is needed' });
    if (rule.conditions !== null) problems.push(...validateConditions(rule.conditions, await ruleCatalog(this.app), 'body.conditions'));
    const known = new Set((await this.app.catalog.structure.sources()).map((s) => s.code));
    const unknown = policy.sources.filter((c) => !known.has(c));
    if (unknown.length) problems.push({ field: 'body.sources', message: `unknown sources: ${unknown.join(', ')}` });
    if (problems.length) throw invalid(problems);
    const clash = await q.profileByName(this.app.db, storeId, body.name.trim());
    if (clash !== null && clash !== id)
      throw conflict(`a stock profile named "${body.name.trim()}" exists already`, { field: 'body.name' });
    return { policy, rule };
  }

  /**
   * One transaction: the write, then the desired state of the listings it affects: the store's listings whose
   * followed profile differs after the write (assignment by hand or rule, the default, a deleted profile), and
   * those following a profile whose policy moved.
   */
  private async write(storeId: number, work: (trx: Knex) => Promise<WriteResult>): Promise<number> {
    // Gathered before the transaction: app.* reads would wait for SQLite's one connection. Sibling stores
    // (same seller and region) follow this store's quantity for shared seller SKUs, so they are recomputed too.
    const ctx = await storeContext(this.app, storeId);
    const settings = await this.app.listings.settings.settingsFor(ctx);
    const siblings: { ctx: StoreContext; settings: ListingSettings }[] = [];
    for (const s of await siblingStores(this.app.db, storeId)) {
      const sctx = await storeContext(this.app, s.storeId);
      siblings.push({ ctx: sctx, settings: await this.app.listings.settings.settingsFor(sctx) });
    }
    return this.app.db.transaction(async (trx) => {
      const all = await listingsOfStore(trx, storeId, { statuses: AFFECTED });
      const followedBefore = await followedProfiles(trx, ctx, all);
      const { id, policyOf } = await work(trx);
      const followedAfter = await followedProfiles(trx, ctx, all);
      const listings = all.filter((l) => {
        const after = followedAfter.get(l.id);
        return after !== followedBefore.get(l.id) || (policyOf !== null && after === policyOf);
      });
      if (listings.length) {
        await pushDesired(this.app, trx, ctx, settings, listings);
        const sellerSkus = listings.map((l) => l.sellerSku);
        for (const s of siblings) {
          // Unchanged desired states are no-ops in the sync engine: recomputing all sharers is safe.
          await pushDesired(this.app, trx, s.ctx, s.settings, await offeringListings(trx, [s.ctx.storeId], sellerSkus));
        }
      }
      return id;
    });
  }
}

/** The profile id each listing follows (null: the built-in policy). */
async function followedProfiles(trx: Knex, ctx: StoreContext, listings: readonly { id: number }[]): Promise<Map<number, number | null>> {
  const ids = listings.map((l) => l.id);
  const { byListing, fallback } = await q.policiesOf(trx, ctx, ids);
  return new Map(ids.map((id) => [id, byListing.get(id)?.profileId ?? fallback?.profileId ?? null]));
}
