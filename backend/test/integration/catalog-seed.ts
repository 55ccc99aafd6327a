/**
 * A small catalog written through knex for the catalog tests: two websites, a stock with two
 * enabled sources and a disabled one, a second stock with its own source, custom attributes
 * (ean text, color/size select, material multiselect, pack_size int, eco boolean, launch_date date),
 * simple products, a configurable with two children, a bundle, and reservations.
 *
 * Salable quantities it is built to give (Main Stock, id MAIN):
 *   BAG-1       10 (wh_a) + 5 (wh_b) [+100 on disabled wh_off, +7 on eu_wh not in stock] − threshold 2 − 3 + 1 = 11
 *   TEE-RED-S   4 (wh_a) [wh_b 6 is out of stock] − 1 reserved = 3
 *   TEE-BLUE-M  no source items = 0
 *   MUG         0, backorders allowed → salable
 *   PEN         no source items, stock not managed → salable
 *   LAMP        only on eu_wh (not in Main Stock) = 0; EU Stock: 9
 */
import type { Knex } from 'knex';

export const NOW = '2026-11-20 10:00:00.000';

export interface SeededCatalog {
  websites: { base: number; eu: number };
  stocks: { main: number; eu: number };
  products: Record<'BAG-1' | 'TEE' | 'TEE-RED-S' | 'TEE-BLUE-M' | 'KIT' | 'MUG' | 'PEN' | 'LAMP', number>;
  attributes: Record<string, number>;
}

async function insertId(db: Knex, table: string, row: Record<string, unknown>): Promise<number> {
  const [id] = await db(table).insert(row);
  return Number(id);
}

export async function seedCatalog(db: Knex): Promise<SeededCatalog> {
  const base = await insertId(db, 'websites', { code: 'base', name: 'Main Website', base_currency: 'USD', is_default: 1, created_at: NOW });
  const eu = await insertId(db, 'websites', { code: 'eu', name: 'EU Website', base_currency: 'EUR', is_default: 0, created_at: NOW });
  await db('store_views').insert([
    { website_id: base, code: 'default', name: 'Default Store View', locale: 'en_US', is_active: 1 },
    { website_id: eu, code: 'de', name: 'German', locale: 'de_DE', is_active: 1 },
  ]);

  await db('sources').insert([
    { code: 'wh_a', name: 'Warehouse A', enabled: 1, country: 'US' },
    { code: 'wh_b', name: 'Warehouse B', enabled: 1, country: 'US' },
    { code: 'wh_off', name: 'Closed Warehouse', enabled: 0, country: 'US' },
    { code: 'eu_wh', name: 'EU Warehouse', enabled: 1, country: 'DE' },
  ]);
  const main = await insertId(db, 'stocks', { name: 'Main Stock' });
  const euStock = await insertId(db, 'stocks', { name: 'EU Stock' });
  await db('stock_sources').insert([
    { stock_id: main, source_code: 'wh_a', priority: 1 },
    { stock_id: main, source_code: 'wh_b', priority: 2 },
    { stock_id: main, source_code: 'wh_off', priority: 3 },
    { stock_id: euStock, source_code: 'eu_wh', priority: 1 },
  ]);
  await db('stock_websites').insert([
    { website_id: base, stock_id: main },
    { website_id: eu, stock_id: euStock },
  ]);

  const defaultSet = await insertId(db, 'attribute_sets', { code: 'default', name: 'Default' });
  const apparel = await insertId(db, 'attribute_sets', { code: 'apparel', name: 'Apparel' });
  const attributes: Record<string, number> = {};
  const attr = async (code: string, label: string, type: string, options: string[] = [], extra: Record<string, unknown> = {}) => {
    attributes[code] = await insertId(db, 'attributes', {
      code,
      label,
      type,
      scope: 'store_view',
      is_required: 0,
      is_system: 0,
      created_at: NOW,
      ...extra,
    });
    if (options.length)
      await db('attribute_options').insert(options.map((value, i) => ({ attribute_id: attributes[code], value, sort_order: i })));
  };
  await attr('name', 'Product Name', 'text', [], { is_system: 1, is_required: 1 });
  await attr('ean', 'EAN', 'text', [], { scope: 'global' });
  await attr('color', 'Color', 'select', ['Red', 'Blue']);
  await attr('size', 'Size', 'select', ['S', 'M', 'L']);
  await attr('material', 'Material', 'multiselect', ['Cotton', 'Wool', 'Silk']);
  await attr('pack_size', 'Pack Size', 'int');
  await attr('eco', 'Eco Friendly', 'boolean');
  await attr('launch_date', 'Launch Date', 'date');
  await attr('care', 'Care Instructions', 'textarea');
  const inSet = (setId: number, codes: string[]) => codes.map((c) => ({ attribute_set_id: setId, attribute_id: attributes[c] }));
  await db('attribute_set_attributes').insert([
    ...inSet(defaultSet, ['name', 'ean', 'color', 'material', 'pack_size', 'eco']),
    ...inSet(apparel, ['name', 'ean', 'color', 'size', 'care']),
  ]);

  const root = await insertId(db, 'categories', { parent_id: null, name: 'Default Category', path: 'Default Category', level: 1 });
  const gear = await insertId(db, 'categories', { parent_id: root, name: 'Gear', path: 'Default Category/Gear', level: 2 });
  const bags = await insertId(db, 'categories', { parent_id: gear, name: 'Bags', path: 'Default Category/Gear/Bags', level: 3 });

  const product = (sku: string, type: string, name: string, price: number | null, extra: Record<string, unknown> = {}, minute = 0) =>
    insertId(db, 'products', {
      sku,
      type,
      name,
      price,
      attribute_set_id: defaultSet,
      status: 'enabled',
      visibility: 'catalog_search',
      created_at: NOW,
      updated_at: `2026-11-20 10:${String(minute).padStart(2, '0')}:00.000`,
      ...extra,
    });
  const products = {
    'BAG-1': await product('BAG-1', 'simple', 'Joust Duffle Bag', 34, { special_price: 29.5, weight: 1.2 }, 1),
    TEE: await product('TEE', 'configurable', 'Strive Tee', 20, { attribute_set_id: apparel }, 2),
    'TEE-RED-S': await product('TEE-RED-S', 'simple', 'Strive Tee Red S', 21, { attribute_set_id: apparel, visibility: 'not_visible' }, 3),
    'TEE-BLUE-M': await product(
      'TEE-BLUE-M',
      'simple',
      'Strive Tee Blue M',
      22,
      { attribute_set_id: apparel, visibility: 'not_visible' },
      4,
    ),
    KIT: await product('KIT', 'bundle', 'Yoga Kit', 50, {}, 5),
    MUG: await product('MUG', 'simple', 'Coffee Mug', 8, { status: 'disabled', visibility: 'catalog' }, 6),
    PEN: await product('PEN', 'virtual', 'Gift Pen', null, { visibility: 'search' }, 7),
    LAMP: await product('LAMP', 'simple', 'Desk Lamp', 45, {}, 8),
  };
  const p = products;
  await db('product_websites').insert([
    ...[p['BAG-1'], p.TEE, p['TEE-RED-S'], p['TEE-BLUE-M'], p.KIT, p.PEN, p.LAMP].map((id) => ({ product_id: id, website_id: base })),
    ...[p['BAG-1'], p.MUG, p.LAMP].map((id) => ({ product_id: id, website_id: eu })),
  ]);
  await db('product_categories').insert([
    { product_id: p['BAG-1'], category_id: bags },
    { product_id: p['BAG-1'], category_id: gear },
  ]);
  const de = (await db('store_views').where({ code: 'de' }).first('id')).id;
  await db('product_attribute_values').insert([
    { product_id: p['BAG-1'], attribute_id: attributes.ean, value: '0123456789012' },
    { product_id: p['BAG-1'], attribute_id: attributes.color, value: 'Blue' },
    { product_id: p['BAG-1'], attribute_id: attributes.material, value: 'Cotton,Wool' },
    { product_id: p['BAG-1'], attribute_id: attributes.pack_size, value: '1' },
    { product_id: p.LAMP, attribute_id: attributes.material, value: 'Wool' },
    { product_id: p.LAMP, attribute_id: attributes.color, value: 'Red' },
    { product_id: p['TEE-RED-S'], attribute_id: attributes.color, value: 'Red' },
    { product_id: p['TEE-RED-S'], attribute_id: attributes.size, value: 'S' },
    { product_id: p['TEE-BLUE-M'], attribute_id: attributes.color, value: 'Blue' },
    { product_id: p['TEE-BLUE-M'], attribute_id: attributes.size, value: 'M' },
  ]);
  await db('product_attribute_store_values').insert({
    product_id: p['BAG-1'],
    attribute_id: attributes.color,
    store_view_id: de,
    value: 'Red',
  });
  await db('product_super_attributes').insert([
    { product_id: p.TEE, attribute_id: attributes.color, label: 'Colour', position: 0 },
    { product_id: p.TEE, attribute_id: attributes.size, label: null, position: 1 },
  ]);
  await db('product_relations').insert([
    { parent_id: p.TEE, child_id: p['TEE-RED-S'] },
    { parent_id: p.TEE, child_id: p['TEE-BLUE-M'] },
  ]);

  await db('source_items').insert([
    { sku: 'BAG-1', source_code: 'wh_a', quantity: 10, in_stock: 1 },
    { sku: 'BAG-1', source_code: 'wh_b', quantity: 5, in_stock: 1 },
    { sku: 'BAG-1', source_code: 'wh_off', quantity: 100, in_stock: 1 },
    { sku: 'BAG-1', source_code: 'eu_wh', quantity: 7, in_stock: 1 },
    { sku: 'TEE-RED-S', source_code: 'wh_a', quantity: 4, in_stock: 1 },
    { sku: 'TEE-RED-S', source_code: 'wh_b', quantity: 6, in_stock: 0 },
    { sku: 'MUG', source_code: 'wh_a', quantity: 0, in_stock: 0 },
    { sku: 'LAMP', source_code: 'eu_wh', quantity: 9, in_stock: 1 },
  ]);
  await db('product_stock_settings').insert([
    { product_id: p['BAG-1'], manage_stock: 1, backorders: 'no', min_qty: 2 },
    { product_id: p.MUG, manage_stock: 1, backorders: 'allow', min_qty: 0 },
    { product_id: p.PEN, manage_stock: 0, backorders: 'no', min_qty: 0 },
  ]);
  await db('reservations').insert([
    { sku: 'BAG-1', stock_id: main, quantity: -3, reason: 'order_placed', reference: '000000001', created_at: NOW },
    { sku: 'BAG-1', stock_id: main, quantity: 1, reason: 'order_canceled', reference: '000000001', created_at: NOW },
    { sku: 'TEE-RED-S', stock_id: main, quantity: -1, reason: 'order_placed', reference: '000000002', created_at: NOW },
  ]);
  return { websites: { base, eu }, stocks: { main, eu: euStock }, products, attributes };
}
