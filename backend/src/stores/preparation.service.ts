/**
 * Learning and Preparation: the pre-setup checklist. Manual items (Seller Central settings) are ticked by
 * an admin and stored globally; automatic items are checked by the service each time (identifiers in the
 * catalog, a condition attribute, currency, workers running). A store gives the automatic checks their subject.
 */
import type { FastifyInstance } from 'fastify';
import type { AuditActor } from '../audit/index';
import { fromDbTime, toDbTime } from '../db/time';
import { invalid } from '../platform/errors';
import { identifierCoverage } from './catalog-reads';
import { knownMarketplace } from './marketplaces';
import type { StoresService } from './stores.service';

export interface PreparationItem {
  key: string;
  title: string;
  description: string;
  kind: 'manual' | 'automatic';
  checked: boolean;
  detail: string | null;
  link: string | null;
  checkedBy: string | null;
  checkedAt: string | null;
}

interface ManualItem {
  key: string;
  title: string;
  description: string;
  path: string;
}

export const MANUAL_ITEMS: readonly ManualItem[] = [
  {
    key: 'professional_account',
    title: 'Professional seller account',
    description: 'The SP-API needs a Professional selling plan (not Individual).',
    path: '/sw/AccountInfo/SellingPlan',
  },
  {
    key: 'approved_seller',
    title: 'Approved seller',
    description: 'Your account is approved, and approved in the categories you want to list in.',
    path: '/approvalrequest/',
  },
  {
    key: 'return_settings',
    title: 'Return settings',
    description: 'Return address and return policy set in Seller Central.',
    path: '/returns/settings',
  },
  {
    key: 'tax_settings',
    title: 'Tax settings',
    description: 'Tax registration and collection settings done in Seller Central.',
    path: '/tax/settings',
  },
  {
    key: 'shipping_settings',
    title: 'Shipping settings',
    description: 'Shipping templates and handling times set in Seller Central.',
    path: '/sbr/ship-settings',
  },
];

/** A job run finished within this long counts as "workers running". */
const WORKERS_RECENT_MS = 2 * 3_600_000;

export class PreparationService {
  constructor(
    private readonly app: Pick<FastifyInstance, 'db' | 'catalog' | 'jobs' | 'audit'>,
    private readonly stores: StoresService,
  ) {}

  async checklist(storeId: number | null): Promise<{ storeId: number | null; items: PreparationItem[]; done: number; total: number }> {
    const store = storeId === null ? null : await this.stores.row(storeId);
    const host = store ? knownMarketplace(store.marketplaceId).sellerCentralHost : 'sellercentral.amazon.com';
    const ticks = new Map((await this.app.db('store_preparation_checks')).map((r) => [String(r.item_key), r]));
    const manual = MANUAL_ITEMS.map((m): PreparationItem => {
      const tick = ticks.get(m.key);
      const checked = tick ? Boolean(Number(tick.checked)) : false;
      return {
        key: m.key,
        title: m.title,
        description: m.description,
        kind: 'manual',
        checked,
        detail: null,
        link: `https://${host}${m.path}`,
        checkedBy: checked ? (tick?.checked_by_email ?? null) : null,
        checkedAt: checked ? fromDbTime(tick?.checked_at) : null,
      };
    });
    const items = [...manual, ...(await this.automatic(store))];
    return { storeId, items, done: items.filter((i) => i.checked).length, total: items.length };
  }

  async tick(actor: AuditActor & { admin?: { id: number; email: string } | null }, key: string, checked: boolean): Promise<void> {
    if (!MANUAL_ITEMS.some((m) => m.key === key)) {
      throw invalid([
        { field: 'params.key', message: `"${key}" is not a manual checklist item; one of ${MANUAL_ITEMS.map((m) => m.key).join(', ')}` },
      ]);
    }
    await this.app.db.transaction(async (trx) => {
      const row = { checked, checked_by: actor.admin?.id ?? null, checked_by_email: actor.admin?.email ?? null, checked_at: toDbTime() };
      await trx('store_preparation_checks')
        .insert({ item_key: key, ...row })
        .onConflict('item_key')
        .merge(row);
      await this.app.audit.record(
        actor,
        { action: 'preparation.tick', entityType: 'preparation_item', entityId: key, details: { checked } },
        trx,
      );
    });
  }

  private async automatic(store: Awaited<ReturnType<StoresService['row']>> | null): Promise<PreparationItem[]> {
    const auto = (key: string, title: string, description: string, checked: boolean, detail: string | null): PreparationItem => ({
      key,
      title,
      description,
      kind: 'automatic',
      checked,
      detail,
      link: null,
      checkedBy: null,
      checkedAt: null,
    });
    const items: PreparationItem[] = [];
    if (store) {
      const { total, withValue } = await identifierCoverage(this.app.db, store.productIdAttribute, store.websiteId);
      items.push(
        auto(
          'identifiers',
          'Product identifiers in the catalog',
          `Products carry the identifier the store matches on (${store.productIdType.toUpperCase()} in "${store.productIdAttribute}").`,
          total > 0 && withValue > 0,
          `${withValue} of ${total} products of the website carry a value in "${store.productIdAttribute}".`,
        ),
      );
      const website = (await this.app.catalog.structure.websites()).find((w) => w.id === store.websiteId);
      const m = knownMarketplace(store.marketplaceId);
      items.push(
        auto(
          'currency',
          'Currency',
          'The website’s base currency is the marketplace currency (otherwise prices need a conversion rule).',
          website?.baseCurrency === m.currency,
          `Website ${website?.code ?? '?'}: ${website?.baseCurrency ?? '?'}; ${m.name}: ${m.currency}.`,
        ),
      );
    } else {
      items.push(
        auto(
          'identifiers',
          'Product identifiers in the catalog',
          'Add a store to check how many products carry its identifier.',
          false,
          'No store picked.',
        ),
      );
      items.push(
        auto(
          'currency',
          'Currency',
          'Add a store to compare its website currency with the marketplace currency.',
          false,
          'No store picked.',
        ),
      );
    }
    const conditions = (await this.app.catalog.structure.attributes({ q: 'condition' })).map((a) => a.code);
    items.push(
      auto(
        'condition_attribute',
        'Condition attribute',
        'A catalog attribute holds each product’s condition (else every offer uses the store’s default condition).',
        conditions.length > 0,
        conditions.length ? `Found: ${conditions.join(', ')}.` : 'No attribute with "condition" in its code or label.',
      ),
    );
    const leases = await this.app.jobs.leases();
    const recent = leases.some((l) => l.lastFinishedAt && Date.now() - new Date(l.lastFinishedAt).getTime() < WORKERS_RECENT_MS);
    const running = this.app.jobs.running || recent;
    items.push(
      auto(
        'workers',
        'Workers running',
        'Background jobs (authorization checks, renewal reminders, and later sync) run.',
        running,
        running ? 'Jobs ran recently.' : 'No job has run in the last 2 hours: start the service with `npm start`.',
      ),
    );
    return items;
  }
}
