/**
 * Listing rule benchmark: generates a 100,000-product catalog (the catalog bench's generator and importers),
 * then times Preview Changes of a realistic nested rule — the three counts plus page 1 of New Listings and of
 * Ineligible — on SQLite, and on MySQL/MariaDB when BENCH_MYSQL_URL is set. Prints figures; fails on nothing but errors.
 *
 *   npx tsx scripts/bench/listings-rules.ts            # BENCH_CATALOG_SIZE=20000 for a quicker run
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import type { RuleNode } from '../../schema/listings';
import { createDemoStructure, importProductsCsv, importSourceItemsCsv } from '../../backend/src/catalog/import/index';
import { createKnex, migrateLatest } from '../../backend/src/db/connection';
import { salableSql } from '../../backend/src/listings/catalog-reads';
import { previewCounts, previewPage } from '../../backend/src/listings/rules/preview';
import { validateConditions, type RuleCatalog } from '../../backend/src/listings/rules/conditions';
import { compileRule, usesSalable } from '../../backend/src/listings/rules/rule-sql';
import { writeCatalog, type CatalogOptions } from '../generate-demo-catalog';

const SIZE = Number(process.env.BENCH_CATALOG_SIZE ?? 100_000);
const RUNS = 7;
const STORE_ID = 1; // no listings yet: every eligible product is a New Listing

// simple or configurable, enabled, price ≥ 10, and (salable qty > 0 OR color is Red/Navy) AND NOT (ean empty)
const RULE: RuleNode = {
  kind: 'combine',
  aggregator: 'all',
  value: true,
  conditions: [
    { kind: 'condition', field: 'product_type', operator: 'in', value: ['simple', 'configurable', 'bundle'] },
    { kind: 'condition', field: 'status', operator: 'eq', value: 'enabled' },
    { kind: 'condition', field: 'price', operator: 'gte', value: 10 },
    {
      kind: 'combine',
      aggregator: 'any',
      value: true,
      conditions: [
        { kind: 'condition', field: 'salable_qty', operator: 'gt', value: 0 },
        { kind: 'condition', field: 'attribute', attribute: 'color', operator: 'in', value: ['Red', 'Navy'] },
      ],
    },
    {
      kind: 'combine',
      aggregator: 'all',
      value: false,
      conditions: [{ kind: 'condition', field: 'attribute', attribute: 'ean', operator: 'is_empty' }],
    },
  ],
};

async function ruleCatalog(db: Knex): Promise<RuleCatalog & { categoryPaths: Map<number, string> }> {
  const attrs = await db('attributes').select('id', 'code', 'type');
  const options = await db('attribute_options').select('attribute_id', 'value');
  const cats = await db('categories').select('id', 'path');
  return {
    attributes: new Map(
      attrs.map((a) => [
        a.code,
        { id: Number(a.id), type: a.type, options: options.filter((o) => Number(o.attribute_id) === Number(a.id)).map((o) => o.value) },
      ]),
    ),
    attributeSets: new Set((await db('attribute_sets').pluck('code')) as string[]),
    categoryIds: new Set(cats.map((c) => Number(c.id))),
    categoryPaths: new Map(cats.map((c) => [Number(c.id), String(c.path)])),
  };
}

async function benchEngine(engine: string, db: Knex, files: { products: string; sourceItems: string }) {
  await migrateLatest(db);
  await createDemoStructure(db);
  let t = performance.now();
  const imported = await importProductsCsv(db, files.products, { createMissing: true });
  await importSourceItemsCsv(db, files.sourceItems);
  console.log(`[${engine}] imported ${imported.imported} products in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const website = await db('websites').where({ code: 'base' }).first('id');
  const stock = await db('stock_websites').where({ website_id: website.id }).first('stock_id');
  const catalog = await ruleCatalog(db);
  const problems = validateConditions(RULE, catalog);
  if (problems.length) throw new Error(`rule does not validate: ${JSON.stringify(problems)}`);
  const times: number[] = [];
  let counts = { eligible: 0, newListings: 0, ineligible: 0, dropped: 0 };
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    const salable = usesSalable(RULE) ? await salableSql(db, Number(stock.stock_id)) : { sql: '0', bindings: [] };
    const scope = { websiteId: Number(website.id), rule: compileRule(RULE, { ...catalog, salable }), joinStock: usesSalable(RULE) };
    counts = await previewCounts(db, STORE_ID, scope);
    await previewPage(db, STORE_ID, scope, 'new', 1, 50, counts.dropped, Number(stock.stock_id));
    await previewPage(db, STORE_ID, scope, 'ineligible', 1, 50, counts.dropped, Number(stock.stock_id));
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { engine, products: imported.imported, counts, p50: times[Math.floor(RUNS / 2)]!, max: times[RUNS - 1]! };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-listing-rules-'));
  const configurables = Math.round(SIZE * 0.03);
  const options: CatalogOptions = { seed: 42, simples: SIZE - configurables * 5, configurables, minVariants: 4, maxVariants: 4 };
  const results = [];
  try {
    const written = writeCatalog(dir, options);
    const files = { products: written.productsFile, sourceItems: written.sourceItemsFile };
    const sqlite = createKnex(`sqlite:${path.join(dir, 'bench.db')}`);
    try {
      results.push(await benchEngine('sqlite', sqlite, files));
    } finally {
      await sqlite.destroy();
    }
    if (process.env.BENCH_MYSQL_URL) {
      const server = new URL(process.env.BENCH_MYSQL_URL);
      server.pathname = '/';
      const admin = createKnex(server.toString());
      const name = `asc_bench_rules_${process.pid}`;
      await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
      server.pathname = `/${name}`;
      const mysql = createKnex(server.toString());
      try {
        results.push(await benchEngine('mysql', mysql, files));
      } finally {
        await mysql.destroy();
        await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
        await admin.destroy();
      }
    } else console.log('(MySQL skipped: set BENCH_MYSQL_URL=mysql://root@127.0.0.1:3306 to include it)');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nlisting rule preview — ${os.cpus().length} CPU(s), Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`);
  for (const r of results) {
    console.log(
      `  ${r.engine.padEnd(7)} ${r.products} products: preview (3 counts + 2 pages) p50 ${r.p50.toFixed(0)} ms, max ${r.max.toFixed(0)} ms over ${RUNS} runs — eligible ${r.counts.eligible}, new ${r.counts.newListings}, ineligible ${r.counts.ineligible}`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
