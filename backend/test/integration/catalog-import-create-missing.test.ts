/**
 * A merchant's Magento export into a catalog that lacks its attribute sets, attributes and options
 * (fixtures/magento-export/products.csv, Luma-shaped: sets Top, Bottom and Gear; color, size,
 * activity, material… in additional_attributes and configurable_variations), and Magento's own
 * fixture files: without createMissing the rows fail naming what is missing; with it everything is
 * created once, typed from the values, and the products carry their values and children.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { describePlan, importProductsCsv } from '../../src/catalog/import/index';
import { toDbTime } from '../../src/db/time';
import { createTestDb, type TestDb } from '../helpers/db';
import { createAttribute, emptyCatalog, outcome } from './catalog-import-helpers';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const EXPORT = path.join(ROOT, 'fixtures/magento-export/products.csv');
const MAGENTO = (name: string) => path.join(ROOT, 'fixtures/magento-import-csv', name);
const HINT = 'import with --create-missing (or through Catalog > Import in the admin) to create them';

const count = async (db: Knex, table: string) => Number((await db(table).count({ n: '*' }).first())?.n);

async function attribute(db: Knex, code: string) {
  const a = await db('attributes').where({ code }).first();
  if (!a) return undefined;
  const options = await db('attribute_options').where({ attribute_id: a.id }).orderBy('sort_order').pluck('value');
  return { type: a.type as string, scope: a.scope as string, label: a.label as string, options };
}

async function valueOf(db: Knex, sku: string, code: string): Promise<string | undefined> {
  const row = await db('product_attribute_values as v')
    .join('products as p', 'p.id', 'v.product_id')
    .join('attributes as a', 'a.id', 'v.attribute_id')
    .where({ 'p.sku': sku, 'a.code': code })
    .first('v.value');
  return row?.value;
}

async function setOf(db: Knex, sku: string): Promise<string> {
  return (await db('products as p').join('attribute_sets as s', 's.id', 'p.attribute_set_id').where('p.sku', sku).first('s.name')).name;
}

async function setAttributes(db: Knex, setName: string): Promise<string[]> {
  return db('attribute_set_attributes as sa')
    .join('attribute_sets as s', 's.id', 'sa.attribute_set_id')
    .join('attributes as a', 'a.id', 'sa.attribute_id')
    .where('s.name', setName)
    .orderBy('a.code')
    .pluck('a.code');
}

async function childrenOf(db: Knex, sku: string): Promise<string[]> {
  return db('product_relations as r')
    .join('products as parent', 'parent.id', 'r.parent_id')
    .join('products as child', 'child.id', 'r.child_id')
    .where('parent.sku', sku)
    .orderBy('child.sku')
    .pluck('child.sku');
}

/** Everything an import may create, counted: a second run must leave these alone. */
async function structureCounts(db: Knex) {
  const tables = ['attribute_sets', 'attributes', 'attribute_options', 'attribute_set_attributes', 'categories', 'product_relations'];
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(db, t)] as const)));
}

describe('catalog import: creating missing attribute sets, attributes and options', () => {
  let t: TestDb;
  let db: Knex;
  before(async () => {
    t = await createTestDb();
    db = t.knex;
  });
  after(async () => t.drop());
  beforeEach(async () => {
    await emptyCatalog(db);
    await db('websites').insert({ code: 'base', name: 'Main Website', base_currency: 'USD', is_default: true, created_at: toDbTime() });
  });

  it('without createMissing: every row fails naming the set, attributes and options it needs; nothing is created', async () => {
    const result = await importProductsCsv(db, EXPORT);
    assert.deepEqual([result.imported, result.failed], [0, 27]);
    assert.equal(
      result.errors[0]!.reason,
      `the catalog has no attribute set "Top"; no attributes color, eco_collection, erin_recommends, new, performance_fabric and 2 more — ${HINT}`,
    );
    assert.deepEqual(result.missing?.attributeSets, ['Top', 'Bottom', 'Gear']);
    for (const code of ['color', 'size', 'activity', 'material', 'climate', 'features_bags', 'warranty_years']) {
      assert.ok(result.missing?.attributes.includes(code), code);
    }
    assert.deepEqual(await structureCounts(db), {
      attribute_sets: 0,
      attributes: 0,
      attribute_options: 0,
      attribute_set_attributes: 0,
      categories: 0,
      product_relations: 0,
    });
    assert.equal(await count(db, 'products'), 0);
  });

  it('dry run: the plan and what the rows would do, and nothing written', async () => {
    const result = await importProductsCsv(db, EXPORT, { dryRun: true });
    assert.equal(result.dryRun, true);
    assert.deepEqual(outcome(result), { imported: 27, updated: 0, failed: 0, errors: [] });
    assert.deepEqual(
      result.created?.attributeSets.map((s) => [s.code, s.name]),
      [
        ['top', 'Top'],
        ['bottom', 'Bottom'],
        ['gear', 'Gear'],
      ],
    );
    assert.match(
      describePlan(result.created!, 'would create'),
      /^would create attribute sets: Top, Bottom, Gear; attributes: color \(select, 5 options\)/,
    );
    for (const table of ['attribute_sets', 'attributes', 'products', 'sources', 'categories'])
      assert.equal(await count(db, table), 0, table);
  });

  it('with createMissing: sets made from Default, attributes typed from their values, products with values and children', async () => {
    // Default exists with one attribute: the new sets start with it, as sets made from Default in Magento do.
    await db('attribute_sets').insert({ code: 'default', name: 'Default' });
    const ean = await createAttribute(db, 'ean', 'text');
    const defaultSet = Number((await db('attribute_sets').where({ code: 'default' }).first('id')).id);
    await db('attribute_set_attributes').insert({ attribute_set_id: defaultSet, attribute_id: ean });

    const result = await importProductsCsv(db, EXPORT, { createMissing: true });
    assert.deepEqual(outcome(result), { imported: 27, updated: 0, failed: 0, errors: [] });
    assert.match(
      describePlan(result.created!, 'created'),
      /^created attribute sets: Top, Bottom, Gear; attributes: color \(select, 5 options\), eco_collection \(boolean\), .*size \(select, 6 options\), activity \(multiselect, 8 options\)/,
    );
    assert.deepEqual(await attribute(db, 'color'), {
      type: 'select',
      scope: 'global',
      label: 'Color',
      options: ['Black', 'Gray', 'Blue', 'Green', 'Red'],
    });
    assert.deepEqual((await attribute(db, 'size'))?.options, ['XS', 'S', 'M', '32', '33', '34']);
    assert.deepEqual(await attribute(db, 'activity'), {
      type: 'multiselect',
      scope: 'global',
      label: 'Activity',
      options: ['Gym', 'Hiking', 'Trail', 'Urban', 'Yoga', 'Recreation', 'Running', 'School'],
    });
    const types = Object.fromEntries(
      await Promise.all(
        ['eco_collection', 'pattern', 'warranty_years', 'volume_liters', 'release_date', 'mpn', 'style_bottom', 'material'].map(
          async (code) => [code, (await attribute(db, code))?.type] as const,
        ),
      ),
    );
    assert.deepEqual(types, {
      eco_collection: 'boolean',
      pattern: 'select',
      warranty_years: 'int',
      volume_liters: 'decimal',
      release_date: 'date',
      mpn: 'text',
      style_bottom: 'text',
      material: 'multiselect',
    });

    assert.equal(await setOf(db, 'MH01-XS-Black'), 'Top');
    assert.equal(await setOf(db, 'MP01'), 'Bottom');
    assert.equal(await setOf(db, '24-MB01'), 'Gear');
    const gear = await setAttributes(db, 'Gear');
    assert.ok(gear.includes('ean'), "Default's attributes are in the new set");
    assert.ok(gear.includes('features_bags') && !gear.includes('size'), 'and those its products use');

    assert.equal(await valueOf(db, 'MH01-XS-Black', 'color'), 'Black');
    assert.equal(await valueOf(db, 'MP01-33-Gray', 'size'), '33');
    assert.equal(await valueOf(db, 'MH01', 'activity'), 'Gym,Hiking,Trail,Urban');
    assert.equal(await valueOf(db, 'MH01', 'eco_collection'), '0');
    assert.equal(await valueOf(db, '24-MB01', 'release_date'), '2023-02-15');
    assert.equal(await valueOf(db, '24-MB03', 'volume_liters'), '30.75');
    assert.deepEqual(await childrenOf(db, 'MSH02'), ['MSH02-32-Black', 'MSH02-32-Red', 'MSH02-33-Black', 'MSH02-33-Red']);
    assert.equal((await childrenOf(db, 'MH01')).length, 6);
    const supers = await db('product_super_attributes as s')
      .join('products as p', 'p.id', 's.product_id')
      .join('attributes as a', 'a.id', 's.attribute_id')
      .where('p.sku', 'MP01')
      .orderBy('s.position')
      .select('a.code', 's.label');
    assert.deepEqual(
      supers.map((s) => [s.code, s.label]),
      [
        ['color', 'Color'],
        ['size', 'Size'],
      ],
    );
  });

  it('re-import is idempotent: nothing is created twice, every product is updated', async () => {
    await importProductsCsv(db, EXPORT, { createMissing: true });
    const before = await structureCounts(db);
    const again = await importProductsCsv(db, EXPORT, { createMissing: true });
    assert.deepEqual(outcome(again), { imported: 0, updated: 27, failed: 0, errors: [] });
    assert.deepEqual(again.created, { attributeSets: [], attributes: [], options: [] });
    assert.deepEqual(await structureCounts(db), before);
    // Without the option too: the catalog now has all the file needs.
    assert.deepEqual(await importProductsCsv(db, EXPORT), { imported: 0, updated: 27, failed: 0, errors: [] });
    assert.deepEqual(await structureCounts(db), before);
  });

  it('adds unknown options of existing selects and multiselects only with createMissing; labels match ignoring case', async () => {
    await importProductsCsv(db, EXPORT, { createMissing: true });
    const csv = () =>
      Readable.from([
        'sku,attribute_set_code,product_type,name,product_websites,additional_attributes\n' +
          'NEW-1,Top,simple,Purple tee,base,"color=Purple,activity=Yoga|Pilates,pattern=solid"\n' +
          'NEW-2,Top,simple,Black tee,base,"color=black,activity=gym"\n',
      ]);
    const without = await importProductsCsv(db, csv());
    assert.deepEqual(outcome(without), {
      imported: 1,
      updated: 0,
      failed: 1,
      errors: [{ row: 2, sku: 'NEW-1', reason: `the catalog has no option "Purple" of color; no option "Pilates" of activity — ${HINT}` }],
    });
    assert.deepEqual(without.missing?.options, [
      { code: 'color', values: ['Purple'] },
      { code: 'activity', values: ['Pilates'] },
    ]);
    assert.equal(await valueOf(db, 'NEW-2', 'color'), 'Black', 'stored as the option spells it');
    assert.equal(await valueOf(db, 'NEW-2', 'activity'), 'Gym');

    const withOption = await importProductsCsv(db, csv(), { createMissing: true });
    assert.deepEqual([withOption.imported, withOption.updated, withOption.failed], [1, 1, 0]);
    assert.deepEqual(withOption.created, {
      attributeSets: [],
      attributes: [],
      options: [
        { code: 'color', values: ['Purple'] },
        { code: 'activity', values: ['Pilates'] },
      ],
    });
    assert.deepEqual((await attribute(db, 'color'))?.options, ['Black', 'Gray', 'Blue', 'Green', 'Red', 'Purple']);
    assert.equal(await valueOf(db, 'NEW-1', 'activity'), 'Yoga,Pilates');
    assert.equal(await valueOf(db, 'NEW-1', 'pattern'), 'Solid');
  });

  it("Magento's own files: rows fail naming test_configurable until createMissing makes it a select", async () => {
    const without = await importProductsCsv(db, MAGENTO('import_configurable_product_multistore.csv'));
    assert.equal(without.imported, 0);
    assert.equal(without.errors[0]!.reason, `the catalog has no attribute test_configurable — ${HINT}`);
    assert.deepEqual(without.missing, { attributeSets: [], attributes: ['test_configurable'], options: [] });

    const created = await importProductsCsv(db, MAGENTO('products_multiple_stores.csv'), { createMissing: true });
    assert.deepEqual(
      created.created?.attributes.map((a) => [a.code, a.type, a.options]),
      [
        ['attribute_with_option', 'text', []],
        ['test_configurable', 'select', ['Option 1', 'Option 2']],
        // The fixturestore row's name is a store-view value of the standard "name" attribute.
        ['name', 'text', []],
      ],
    );
  });

  describe('npm run catalog:import', function () {
    // Four runs of the command, each starting TypeScript afresh.
    this.timeout(90_000);
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/catalog-import.ts', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: 'silent' },
      });

    it('names what is missing without --create-missing, shows the plan with --dry-run, creates it with --create-missing', async () => {
      const plain = run([EXPORT]);
      assert.equal(plain.status, 0, plain.stderr);
      const plainLines = plain.stdout.trim().split('\n');
      assert.match(plainLines.at(-2)!, /^missing in the catalog: attribute sets Top, Bottom, Gear; attributes color, .* --create-missing/);
      assert.equal(plainLines.at(-1), 'imported 0 products, updated 0, failed 27');

      const dry = run([EXPORT, '--dry-run']);
      assert.equal(dry.status, 0, dry.stderr);
      assert.match(dry.stdout, /^would create attribute sets: Top, Bottom, Gear; attributes: color \(select, 5 options\)/);
      assert.match(dry.stdout, /dry run, nothing written: would import 27 products, update 0, fail 0\n$/);
      assert.equal(await count(db, 'products'), 0);

      const created = run([EXPORT, '--create-missing']);
      assert.equal(created.status, 0, created.stderr);
      const lines = created.stdout.trim().split('\n');
      assert.match(
        lines[0]!,
        /^created attribute sets: Top, Bottom, Gear; attributes: color \(select, 5 options\), eco_collection \(boolean\)/,
      );
      assert.equal(lines.at(-1), 'imported 27 products, updated 0, failed 0');
      assert.equal(run([EXPORT, '--sources', EXPORT, '--dry-run']).status, 2, 'a dry run takes a products file alone');
    });
  });
});
