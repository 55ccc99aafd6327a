/**
 * Imports Magento CSV files into the catalog of DATABASE_URL (migrating it first, as the server does).
 *
 *   npm run catalog:import -- <products.csv> [--sources <source_items.csv>]
 *   npm run catalog:import -- --sources <source_items.csv>
 *
 * Prints each failed row, then `imported N products, updated N, failed N` (and the source-item line).
 * Exits 1 when a file cannot be read at all; failed rows are a normal outcome (exit 0).
 */
import fs from 'node:fs';
import { createKnex, engineOf, ensureMysqlDatabase, migrateLatest } from '../backend/src/db/connection';
import { loadConfig } from '../backend/src/platform/config';
import { ensureInstallDefaults } from '../backend/src/catalog/install-defaults';
import { ImportFileError, importProductsCsv, importSourceItemsCsv, type ImportResult } from '../backend/src/catalog/import/index';

const USAGE = 'usage: npm run catalog:import -- <products.csv> [--sources <source_items.csv>]';

function parseArgs(args: string[]): { products?: string; sources?: string } {
  const out: { products?: string; sources?: string } = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--sources') {
      out.sources = args[++i];
      if (!out.sources) throw new Error('--sources needs a file');
    } else if (arg.startsWith('--sources=')) out.sources = arg.slice('--sources='.length);
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else if (out.products) throw new Error(`one products file only (got ${out.products} and ${arg})`);
    else out.products = arg;
  }
  if (!out.products && !out.sources) throw new Error('name a products file, a --sources file, or both');
  return out;
}

function printErrors(result: ImportResult): void {
  for (const e of result.errors) console.log(`row ${e.row}${e.sku ? ` (sku ${JSON.stringify(e.sku)})` : ''}: ${e.reason}`);
}

async function main(): Promise<number> {
  let files: { products?: string; sources?: string };
  try {
    files = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  // Fail before touching the database when a file is not there at all.
  for (const f of [files.products, files.sources]) {
    if (f && !fs.existsSync(f)) {
      console.error(`cannot read ${f}: no such file`);
      return 1;
    }
  }
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  if (engineOf(config.DATABASE_URL) === 'mysql') await ensureMysqlDatabase(config.DATABASE_URL);
  const db = createKnex(config.DATABASE_URL, { report: (line) => console.warn(line) });
  try {
    await migrateLatest(db);
    // A new database gets what a fresh Magento install has (website base, Default Stock), as the service does.
    await ensureInstallDefaults(db);
    const summaries: string[] = [];
    if (files.products) {
      const started = Date.now();
      const r = await importProductsCsv(db, files.products, {
        onProgress: (rows) => process.stderr.write(`\r${files.products}: ${rows} rows read`),
      });
      process.stderr.write(` (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      printErrors(r);
      summaries.push(`imported ${r.imported} products, updated ${r.updated}, failed ${r.failed}`);
    }
    if (files.sources) {
      const r = await importSourceItemsCsv(db, files.sources);
      printErrors(r);
      summaries.push(`source items: imported ${r.imported}, updated ${r.updated}, failed ${r.failed}`);
    }
    for (const line of summaries) console.log(line);
    return 0;
  } catch (error) {
    if (error instanceof ImportFileError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await db.destroy();
  }
}

process.exitCode = await main();
