/**
 * Listing settings per store (defaults seeded from the store) and the listing rule: read, preview, save.
 * A settings change recomputes the offers of the store's listings in one transaction with the audit record.
 * Saving a rule is validated and stored at once (with the audit record and a queued rule run); the apply
 * itself is the run's work (rules/runs.service.ts), done in the request when it fits in one chunk.
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { ListingSettings, RuleNode } from '../../../schema/listings';
import type { AuditActor } from '../audit/index';
import { invalid } from '../platform/errors';
import { pushDesired } from './desired';
import { OFFER_STATUSES } from './lifecycle';
import { listingsOfStore } from './listings.queries';
import { applyRule, type ApplyResult } from './rules/apply';
import { RuleRunsService, type RuleRun } from './rules/runs.service';
import { previewCounts, previewPage, type PreviewItem, type PreviewList } from './rules/preview';
import type { EligibilityScope } from './catalog-reads';
import { eligibilityScope, ruleCatalog } from './rules/rule-context';
import { defaultListingSettings, mergeSettings, validateSettings } from './settings';
import * as sq from './settings.queries';
import { storeContext, type StoreContext } from './store-context';

export interface RuleView {
  storeId: number;
  websiteCode: string;
  conditions: RuleNode;
  updatedAt: string | null;
  updatedBy: string | null;
  appliedAt: string | null;
}

export interface PreviewResult {
  counts: { eligible: number; newListings: number; ineligible: number };
  list: PreviewList;
  page: number;
  pageSize: number;
  total: number;
  items: PreviewItem[];
  tookMs: number;
}

const actorName = (a: AuditActor) => (a.admin ?? a.user)?.email ?? null;

export class ListingSettingsService {
  readonly runs: RuleRunsService;

  constructor(
    private readonly app: FastifyInstance,
    /** Called after a rule created listings (wakes the matching job). */
    onCreated: () => void,
    /** Asks the rule-runs job to drive a large run soon. */
    wakeRuns: () => void = () => {},
  ) {
    this.runs = new RuleRunsService(app, this, onCreated, wakeRuns);
  }

  private get db(): Knex {
    return this.app.db;
  }

  async settingsFor(ctx: StoreContext, db: Knex = this.db): Promise<ListingSettings> {
    const stored = await sq.storedSettings(db, ctx.storeId);
    return mergeSettings(defaultListingSettings(ctx), stored ?? {});
  }

  async getSettings(storeId: number): Promise<ListingSettings> {
    return this.settingsFor(await storeContext(this.app, storeId));
  }

  async updateSettings(actor: AuditActor, storeId: number, patch: Partial<ListingSettings>): Promise<ListingSettings> {
    const ctx = await storeContext(this.app, storeId);
    const before = await this.settingsFor(ctx);
    const next = mergeSettings(before, patch);
    const catalog = await ruleCatalog(this.app);
    const problems = validateSettings(next, catalog.attributes);
    if (problems.length) throw invalid(problems);
    await this.db.transaction(async (trx) => {
      await sq.saveSettings(trx, storeId, next);
      await this.app.audit.record(
        actor,
        { action: 'listing_settings.update', entityType: 'store', entityId: storeId, details: { before, after: next } },
        trx,
      );
      // Price source, rate, condition and handling time feed every offer: recompute them.
      const offers = await listingsOfStore(trx, storeId, { statuses: [...OFFER_STATUSES, 'ended', 'ineligible'] });
      await pushDesired(this.app, trx, ctx, next, offers);
    });
    return next;
  }

  async getRule(storeId: number): Promise<RuleView> {
    const ctx = await storeContext(this.app, storeId);
    const row = await sq.ruleOf(this.db, storeId);
    return {
      storeId,
      websiteCode: ctx.websiteCode,
      conditions: row?.conditions ?? sq.EMPTY_RULE,
      updatedAt: row?.updatedAt ?? null,
      updatedBy: row?.updatedBy ?? null,
      appliedAt: row?.appliedAt ?? null,
    };
  }

  async preview(storeId: number, conditions: RuleNode, list: PreviewList, page: number, pageSize: number): Promise<PreviewResult> {
    const started = Date.now();
    const ctx = await storeContext(this.app, storeId);
    const scope = await eligibilityScope(this.app, this.db, ctx, conditions);
    const counts = await previewCounts(this.db, storeId, scope);
    const items = await previewPage(this.db, storeId, scope, list, page, pageSize, counts.dropped, ctx.stockId);
    const total = list === 'eligible' ? counts.eligible : list === 'new' ? counts.newListings : counts.ineligible;
    return {
      counts: { eligible: counts.eligible, newListings: counts.newListings, ineligible: counts.ineligible },
      list,
      page,
      pageSize,
      total,
      items,
      tookMs: Date.now() - started,
    };
  }

  /** Validates (400, nothing saved) and saves the rule, then starts its run: the answer is the run. */
  async saveRule(actor: AuditActor, storeId: number, conditions: RuleNode): Promise<RuleRun> {
    const ctx = await storeContext(this.app, storeId);
    const scope = await eligibilityScope(this.app, this.db, ctx, conditions);
    const plan = await this.runs.plan(storeId, scope.websiteId);
    const runId = await this.db.transaction(async (trx) => {
      await sq.saveRule(trx, storeId, conditions, actorName(actor));
      const id = await this.runs.queue(trx, storeId, plan.total, actorName(actor));
      await this.app.audit.record(
        actor,
        { action: 'listing_rule.save', entityType: 'store', entityId: storeId, details: { conditions, runId: id, products: plan.total } },
        trx,
      );
      return id;
    });
    return this.runs.start(runId, plan);
  }

  /**
   * What re-evaluating the stored rule needs, gathered outside any transaction (SQLite has one connection:
   * `app.stores`/`app.catalog` reads would wait for it). null: no rule, or one that no longer validates
   * (an attribute it names was deleted) — left for an admin to fix.
   */
  async prepareReapply(storeId: number): Promise<Reapply | null> {
    const row = await sq.ruleOf(this.db, storeId);
    if (!row) return null;
    const ctx = await storeContext(this.app, storeId);
    const scope = await eligibilityScope(this.app, this.db, ctx, row.conditions).catch(() => null);
    if (!scope) return null;
    return { ctx, scope, settings: await this.settingsFor(ctx) };
  }

  /** Re-evaluates the stored rule for some products (catalog changes), inside `trx`. */
  reapply(trx: Knex, prepared: Reapply, productIds: readonly number[]): Promise<ApplyResult> {
    return applyRule(this.app, trx, prepared.ctx, prepared.settings, prepared.scope, productIds);
  }
}

export interface Reapply {
  ctx: StoreContext;
  scope: EligibilityScope;
  settings: ListingSettings;
}
