/**
 * The stores harness (app + in-process simulator + seeded catalog) with a store connected to the simulator's
 * seller A2SIMOUTDOOR01 (US), plus catalog products whose identifiers hit the simulator's catalog:
 *   BOTTLE  EAN 4006381333931 → one ASIN (B0SIM00001)
 *   BOWL    EAN 4006381333993 → two ASINs (B0SIM00017, B0SIM00018)
 *   NOPE    EAN 4000000000006 → none
 *   SHIRT   no EAN, amazon_asin B0SIM00022 → a variation parent
 *   SPRAY   EAN 5050505050500 → B0SIM00030, gated (restricted)
 * each with 10 units on wh_a (Main Stock, website base), plus the seeded BAG-1, TEE family, KIT (bundle), PEN (virtual), LAMP.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { OUTDOOR, startStoresHarness, type StoresHarness } from './stores-harness';

export const NOW = '2026-11-20 10:00:00.000';

export interface ListingsHarness extends StoresHarness {
  storeId: number;
  products: Record<string, number>;
  api(opts: InjectOptions, cookie?: string): Promise<LightMyRequestResponse>;
  /** Saves a rule (202, a rule run), drives the run to its end like the job would, and returns the finished run. */
  saveRule(conditions: unknown): Promise<RuleRunBody>;
  /** Drives a rule run with the rule-runs job until it is no longer queued or running (under inject the scheduler is off). */
  finishRun(run: RuleRunBody): Promise<RuleRunBody>;
  listingBySku(sku: string): Promise<Record<string, unknown> & { id: number; status: string; asin: string | null }>;
}

export interface RuleRunBody {
  id: number;
  status: string;
  total: number;
  done: number;
  created: number;
  madeIneligible: number;
  madeEligible: number;
  error: string | null;
}

export const ALL = (conditions: unknown[] = []) => ({ kind: 'combine', aggregator: 'all', value: true, conditions });
export const cond = (field: string, operator: string, value?: unknown, attribute?: string) => ({
  kind: 'condition',
  field,
  operator,
  ...(value !== undefined ? { value } : {}),
  ...(attribute ? { attribute } : {}),
});

export async function startListingsHarness(): Promise<ListingsHarness> {
  const h = await startStoresHarness();
  const db = h.db.knex;
  const ids = async (table: string, where: Record<string, unknown>) => Number((await db(table).where(where).first('id')).id);
  const [asinAttr] = await db('attributes').insert({
    code: 'amazon_asin',
    label: 'Amazon ASIN',
    type: 'text',
    scope: 'global',
    is_required: 0,
    is_system: 0,
    created_at: NOW,
  });
  const ean = await ids('attributes', { code: 'ean' });
  const setId = await ids('attribute_sets', { code: 'default' });
  const base = await ids('websites', { code: 'base' });
  const products: Record<string, number> = {};
  const add = async (sku: string, name: string, price: number, values: Record<number, string>) => {
    const [id] = await db('products').insert({
      sku,
      type: 'simple',
      name,
      price,
      attribute_set_id: setId,
      status: 'enabled',
      visibility: 'catalog_search',
      created_at: NOW,
      updated_at: NOW,
    });
    products[sku] = Number(id);
    await db('product_websites').insert({ product_id: id, website_id: base });
    for (const [attributeId, value] of Object.entries(values))
      await db('product_attribute_values').insert({ product_id: id, attribute_id: Number(attributeId), value });
    await db('source_items').insert({ sku, source_code: 'wh_a', quantity: 10, in_stock: 1 });
  };
  await add('BOTTLE', 'Water Bottle', 19.99, { [ean]: '4006381333931' });
  await add('BOWL', 'Silicone Bowl', 9.5, { [ean]: '4006381333993' });
  await add('NOPE', 'Unknown Thing', 5, { [ean]: '4000000000006' });
  await add('SHIRT', 'Trail Shirt', 25, { [Number(asinAttr)]: 'B0SIM00022' });
  await add('SPRAY', 'Bear Spray', 30, { [ean]: '5050505050500' });
  for (const sku of ['BAG-1', 'TEE', 'TEE-RED-S', 'TEE-BLUE-M', 'KIT', 'MUG', 'PEN', 'LAMP'])
    products[sku] = await ids('products', { sku });

  const store = await h.createStore({ productIdType: 'ean', productIdAttribute: 'ean' });
  const connected = await h.connect(store.id, OUTDOOR);
  if (connected.statusCode >= 400) throw new Error(`connect: ${connected.statusCode} ${connected.body}`);
  const api = (opts: InjectOptions, cookie = h.admin) => h.as(cookie)(opts);
  const finishRun = async (run: RuleRunBody): Promise<RuleRunBody> => {
    for (let i = 0; i < 1000 && (run.status === 'queued' || run.status === 'running'); i++) {
      await h.app.jobs.runNow('listings.rule-runs');
      run = (await api({ method: 'GET', url: `/api/stores/${store.id}/listing-rule/runs/${run.id}` })).json();
    }
    return run;
  };
  const res = await api({
    method: 'PATCH',
    url: `/api/stores/${store.id}/listing-settings`,
    payload: {
      identifierOrder: [
        { type: 'ean', attribute: 'ean' },
        { type: 'asin', attribute: 'amazon_asin' },
      ],
      listAutomatically: false,
    },
  });
  if (res.statusCode !== 200) throw new Error(`settings: ${res.statusCode} ${res.body}`);
  return {
    ...h,
    storeId: store.id,
    products,
    api,
    async saveRule(conditions) {
      const r = await api({ method: 'PUT', url: `/api/stores/${store.id}/listing-rule`, payload: { conditions } });
      if (r.statusCode !== 202) throw new Error(`rule: ${r.statusCode} ${r.body}`);
      return finishRun(r.json());
    },
    finishRun,
    async listingBySku(sku) {
      const row = await db('listings').where({ store_id: store.id, sku }).first();
      if (!row) throw new Error(`no listing for ${sku}`);
      return { ...row, id: Number(row.id) };
    },
  };
}
