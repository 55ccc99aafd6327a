/**
 * Catalog benchmark: generates a 100,000-product catalog in Magento CSV (temp dir), imports it into a
 * fresh SQLite database (and a fresh MySQL/MariaDB database when BENCH_MYSQL_URL is set, e.g.
 * mysql://root@127.0.0.1:3306), then times the product grid query and a 10,000-SKU salable-quantity
 * query. Prints figures only; nothing here fails on time.
 *
 *   npm run bench:catalog                     # BENCH_CATALOG_SIZE=20000 for a quicker run
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { createDemoStructure, importProductsCsv, importSourceItemsCsv } from '../../backend/src/catalog/import/index';
import { salableQty } from '../../backend/src/catalog/inventory.queries';
import { countProducts, productIds, productRowsByIds, type ProductFilter } from '../../backend/src/catalog/products.queries';
import { createKnex, migrateLatest } from '../../backend/src/db/connection';
import { prng, writeCatalog, type CatalogOptions } from '../generate-demo-catalog';

const SIZE = Number(process.env.BENCH_CATALOG_SIZE ?? 100_000);
const GRID_RUNS = 60;
const SALABLE_RUNS = 15;
const SALABLE_SKUS = 10_000;
/** Name fragments the generator uses, so each grid run filters on a different, realistic term. */
const NAME_TERMS = ['Summit', 'Harbor', 'Aero', 'Nordic', 'Urban', 'Trail', 'Coastal', 'Alpine', 'Metro', 'Canyon', 'Polar', 'Ember'];

const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);
/** CPU seconds of this process (SQLite works in-process; for MySQL this is the client side only). */
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};
const load = () => os.loadavg()[0]!.toFixed(1);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timeRuns(runs: number, fn: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  await fn(0); // warm-up: statement preparation and page cache
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

interface Figures {
  engine: string;
  productRows: number;
  importSeconds: number;
  importCpu: number;
  sourceRows: number;
  sourceSeconds: number;
  failed: number;
  grid: { p50: number; p99: number; matches: number };
  salable: { p50: number; p99: number };
  rssMb: number;
}

async function benchEngine(
  engine: string,
  db: Knex,
  files: { products: string; sourceItems: string; productRows: number; sourceRows: number },
  skus: string[],
): Promise<Figures> {
  await migrateLatest(db);
  await createDemoStructure(db);
  console.log(`[${engine}] importing ${files.productRows} product rows…`);
  let started = performance.now();
  const cpu = process.cpuUsage();
  let lastReport = 0;
  const products = await importProductsCsv(db, files.products, {
    createMissing: true,
    onProgress: (rows) => {
      if (rows - lastReport >= 20_000) {
        lastReport = rows;
        console.log(`[${engine}]   ${rows} rows, ${Math.round(rows / ((performance.now() - started) / 1000))} rows/s, RSS peak ${mb()} MB`);
      }
    },
  });
  const importSeconds = (performance.now() - started) / 1000;
  const importCpu = cpuSeconds(cpu);
  console.log(
    `[${engine}] products: imported ${products.imported}, updated ${products.updated}, failed ${products.failed} in ${seconds(importSeconds * 1000)}`,
  );
  started = performance.now();
  const sources = await importSourceItemsCsv(db, files.sourceItems);
  const sourceSeconds = (performance.now() - started) / 1000;
  console.log(`[${engine}] source items: imported ${sources.imported}, failed ${sources.failed} in ${seconds(sourceSeconds * 1000)}`);

  const website = await db('websites').where({ code: 'base' }).first('id');
  const stock = await db('stock_websites').where({ website_id: website.id }).first('stock_id');
  const stockId = Number(stock.stock_id);
  let matches = 0;
  // The admin grid: simple, enabled, on website base, name contains a term; page 1 of 50 by name.
  const grid = await timeRuns(GRID_RUNS, async (i) => {
    const filter: ProductFilter = {
      type: 'simple',
      status: 'enabled',
      websiteId: Number(website.id),
      name: NAME_TERMS[i % NAME_TERMS.length],
    };
    const [total, ids] = await Promise.all([
      countProducts(db, filter, stockId),
      productIds(db, filter, stockId, { sort: 'name', dir: 'asc' }, 50, 0),
    ]);
    await productRowsByIds(db, ids);
    matches = total;
  });
  const salable = await timeRuns(SALABLE_RUNS, async () => {
    const result = await salableQty(db, { stockId, skus });
    if (result.size !== skus.length) throw new Error(`salableQty answered ${result.size} of ${skus.length} skus`);
  });
  return {
    engine,
    productRows: files.productRows,
    importSeconds,
    importCpu,
    sourceRows: files.sourceRows,
    sourceSeconds,
    failed: products.failed + sources.failed,
    grid: { ...grid, matches },
    salable,
    rssMb: mb(),
  };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-catalog-'));
  const configurables = Math.round(SIZE * 0.03);
  const options: CatalogOptions = { seed: 42, simples: SIZE - configurables * 5, configurables, minVariants: 4, maxVariants: 4 };
  const results: Figures[] = [];
  console.log(`catalog bench: ${SIZE} products; load average at start ${load()}`);
  try {
    const started = performance.now();
    const written = writeCatalog(dir, options);
    console.log(
      `generated ${written.products} products and ${written.sourceItems} source items in ${seconds(performance.now() - started)} (${dir})`,
    );
    const files = {
      products: written.productsFile,
      sourceItems: written.sourceItemsFile,
      productRows: written.products,
      sourceRows: written.sourceItems,
    };

    // 10,000 distinct skus of the file, picked with a fixed seed (stand-alone simples, variants, books).
    const allSkus = fs
      .readFileSync(written.sourceItemsFile, 'utf8')
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[1])
      .filter((s): s is string => !!s);
    const r = prng(7);
    const skus = [...new Set(r.shuffle([...new Set(allSkus)]).slice(0, SALABLE_SKUS))];

    const sqlite = createKnex(`sqlite:${path.join(dir, 'bench.db')}`);
    try {
      results.push(await benchEngine('sqlite', sqlite, files, skus));
    } finally {
      await sqlite.destroy();
    }
    if (process.env.BENCH_MYSQL_URL) {
      const server = new URL(process.env.BENCH_MYSQL_URL);
      server.pathname = '/';
      const admin = createKnex(server.toString());
      const name = `asc_bench_${process.pid}`;
      await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
      server.pathname = `/${name}`;
      const mysql = createKnex(server.toString());
      try {
        results.push(await benchEngine('mysql', mysql, files, skus));
      } finally {
        await mysql.destroy();
        await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
        await admin.destroy();
      }
    } else console.log('(MySQL skipped: set BENCH_MYSQL_URL=mysql://root@127.0.0.1:3306 to include it)');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  console.log(
    `\ncatalog bench — ${os.cpus().length} CPU(s), Node ${process.version}, load average now ${load()} (wall times grow with it)`,
  );
  for (const f of results) {
    console.log(`\n${f.engine}`);
    console.log(
      `  product import        ${f.productRows} rows in ${f.importSeconds.toFixed(1)} s = ${Math.round(f.productRows / f.importSeconds)} rows/s; ${f.importCpu.toFixed(1)} s CPU in this process (failed rows: ${f.failed})`,
    );
    console.log(
      `  source item import    ${f.sourceRows} rows in ${f.sourceSeconds.toFixed(1)} s = ${Math.round(f.sourceRows / f.sourceSeconds)} rows/s`,
    );
    console.log(
      `  product grid          p50 ${f.grid.p50.toFixed(1)} ms, p99 ${f.grid.p99.toFixed(1)} ms (count + page 1 of 50 by name + rows; last filter matched ${f.grid.matches})`,
    );
    console.log(`  salable qty (${SALABLE_SKUS} skus) p50 ${f.salable.p50.toFixed(1)} ms, p99 ${f.salable.p99.toFixed(1)} ms`);
    console.log(`  peak RSS so far       ${f.rssMb} MB`);
  }
}

await main();
