/**
 * A small, known catalog for the browser tests, written straight to the tables: one website selling
 * from the Default Stock with two sources, a `color` attribute, 44 simple products (three grid pages
 * at 20 a page) and one configurable with three color children.
 */
import type { Knex } from 'knex';
import { toDbTime } from '../../src/db/time';

export const COLORS = ['Black', 'Blue', 'Red'] as const;
const MODELS = ['Voyager Backpack', 'Summit Duffle', 'Metro Tote', 'Trail Sling', 'Harbor Messenger', 'Ridge Daypack', 'Canyon Hip Pack'];
const SIMPLE_COUNT = 44;

export interface SeededCatalog {
  websiteCode: string;
  stockId: number;
  simpleSkus: string[];
  configurable: { id: number; sku: string; childSkus: string[] };
  /** The product the quantity scenario edits: 10 at us-east, 5 at us-west. */
  editable: { id: number; sku: string };
}

export const skuOf = (i: number) => `E2E-BAG-${String(i).padStart(3, '0')}`;

export async function seedCatalog(db: Knex): Promise<SeededCatalog> {
  const now = toDbTime();
  await db('websites').insert({ code: 'base', name: 'Main Website', base_currency: 'USD', is_default: true, created_at: now });
  const website = await db('websites').where({ code: 'base' }).first('id');
  await db('store_views').insert({ website_id: website.id, code: 'default', name: 'Default Store View', locale: 'en_US', is_active: true });
  await db('attribute_sets').insert({ code: 'default', name: 'Default' });
  const set = await db('attribute_sets').where({ code: 'default' }).first('id');
  await db('attributes').insert({
    code: 'color',
    label: 'Color',
    type: 'select',
    scope: 'global',
    is_required: false,
    is_system: false,
    created_at: now,
  });
  const color = await db('attributes').where({ code: 'color' }).first('id');
  await db('attribute_options').insert(COLORS.map((value, i) => ({ attribute_id: color.id, value, sort_order: i })));
  await db('attribute_set_attributes').insert({ attribute_set_id: set.id, attribute_id: color.id });

  await db('sources').insert([
    { code: 'us-east', name: 'US East Warehouse', enabled: true, country: 'US' },
    { code: 'us-west', name: 'US West Warehouse', enabled: true, country: 'US' },
  ]);
  await db('stocks').insert({ name: 'Default Stock' });
  const stock = await db('stocks').where({ name: 'Default Stock' }).first('id');
  await db('stock_sources').insert([
    { stock_id: stock.id, source_code: 'us-east', priority: 1 },
    { stock_id: stock.id, source_code: 'us-west', priority: 2 },
  ]);
  await db('stock_websites').insert({ website_id: website.id, stock_id: stock.id });

  const product = (sku: string, name: string, type: 'simple' | 'configurable', price: number, visibility = 'catalog_search') => ({
    sku,
    type,
    attribute_set_id: set.id,
    status: 'enabled',
    visibility,
    name,
    price,
    created_at: now,
    updated_at: now,
  });
  const simpleSkus: string[] = [];
  const rows = [];
  for (let i = 1; i <= SIMPLE_COUNT; i++) {
    const sku = skuOf(i);
    simpleSkus.push(sku);
    const row = product(sku, `${MODELS[i % MODELS.length]} ${COLORS[i % COLORS.length]} #${i}`, 'simple', 20 + i);
    // Every fifth product is disabled, so the status filter has something to find.
    rows.push(i % 5 === 0 ? { ...row, status: 'disabled' } : row);
  }
  await db('products').insert(rows);
  await db('products').insert(product('E2E-CONF-TOTE', 'Configurable Weekender Tote', 'configurable', 79));
  const childSkus = COLORS.map((c) => `E2E-CONF-TOTE-${c.toUpperCase()}`);
  await db('products').insert(COLORS.map((c, i) => product(childSkus[i]!, `Weekender Tote ${c}`, 'simple', 79, 'not_visible')));

  const ids = new Map<string, number>();
  for (const p of await db('products').select('id', 'sku')) ids.set(p.sku, Number(p.id));
  const id = (sku: string) => ids.get(sku)!;
  await db('product_websites').insert([...ids.values()].map((product_id) => ({ product_id, website_id: website.id })));
  await db('product_stock_settings').insert(
    [...ids.entries()].map(([sku, product_id]) => ({ product_id, manage_stock: sku !== 'E2E-CONF-TOTE', backorders: 'no', min_qty: 0 })),
  );
  await db('product_attribute_values').insert([
    ...simpleSkus.map((sku, i) => ({ product_id: id(sku), attribute_id: color.id, value: COLORS[(i + 1) % COLORS.length] })),
    ...childSkus.map((sku, i) => ({ product_id: id(sku), attribute_id: color.id, value: COLORS[i] })),
  ]);
  await db('product_super_attributes').insert({ product_id: id('E2E-CONF-TOTE'), attribute_id: color.id, label: 'Color', position: 0 });
  await db('product_relations').insert(childSkus.map((sku) => ({ parent_id: id('E2E-CONF-TOTE'), child_id: id(sku) })));

  // Quantities: product i holds i at us-east and half of it at us-west; product 1 is the editable one.
  const items = [];
  for (const [i, sku] of simpleSkus.entries()) {
    const n = i + 1;
    items.push({ source_code: 'us-east', sku, quantity: n === 1 ? 10 : n, in_stock: true });
    items.push({ source_code: 'us-west', sku, quantity: n === 1 ? 5 : Math.floor(n / 2), in_stock: true });
  }
  for (const sku of childSkus) items.push({ source_code: 'us-east', sku, quantity: 7, in_stock: true });
  await db('source_items').insert(items);

  return {
    websiteCode: 'base',
    stockId: Number(stock.id),
    simpleSkus,
    configurable: { id: id('E2E-CONF-TOTE'), sku: 'E2E-CONF-TOTE', childSkus },
    editable: { id: id(skuOf(1)), sku: skuOf(1) },
  };
}

/** A global text attribute (e.g. `ean`) the Amazon scenarios read identifiers from; returns its id. */
export async function addTextAttribute(db: Knex, code: string, label: string): Promise<number> {
  await db('attributes').insert({
    code,
    label,
    type: 'text',
    scope: 'global',
    is_required: false,
    is_system: false,
    created_at: toDbTime(),
  });
  return Number((await db('attributes').where({ code }).first('id')).id);
}

/**
 * One enabled simple product on the base website with 10 units at us-east and, when given, an EAN (an `ean`
 * attribute must exist): the products whose EANs the simulator's catalog knows. Returns its id.
 */
export async function addEanProduct(db: Knex, sku: string, name: string, price: number, ean: string | null): Promise<number> {
  const now = toDbTime();
  const setId = Number((await db('attribute_sets').where({ code: 'default' }).first('id')).id);
  const base = Number((await db('websites').where({ code: 'base' }).first('id')).id);
  const [id] = await db('products').insert({
    sku,
    type: 'simple',
    name,
    price,
    attribute_set_id: setId,
    status: 'enabled',
    visibility: 'catalog_search',
    created_at: now,
    updated_at: now,
  });
  await db('product_websites').insert({ product_id: id, website_id: base });
  if (ean) {
    const eanId = Number((await db('attributes').where({ code: 'ean' }).first('id')).id);
    await db('product_attribute_values').insert({ product_id: id, attribute_id: eanId, value: ean });
  }
  await db('source_items').insert({ sku, source_code: 'us-east', quantity: 10, in_stock: true });
  return Number(id);
}
