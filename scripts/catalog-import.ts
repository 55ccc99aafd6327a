/**
 * Imports Magento CSV files into the catalog of DATABASE_URL (migrating it first, as the server does).
 *
 *   npm run catalog:import -- <products.csv> [--create-missing] [--dry-run] [--sources <source_items.csv>]
 *   npm run catalog:import -- --sources <source_items.csv>
 *
 * --create-missing first creates the attribute sets, attributes and options the file uses that the
 * catalog lacks (one transaction), and says what it created; --dry-run prints that plan and checks
 * every row, writing nothing. Without them, rows that need missing structure fail, and a line lists it.
 *
 * Prints each failed row, then `imported N products, updated N, failed N` (and the source-item line).
 * Exits 1 when a file cannot be read at all; failed rows are a normal outcome (exit 0).
 */
import fs from 'node:fs';
import { createKnex, engineOf, ensureMysqlDatabase, migrateLatest } from '../backend/src/db/connection';
import { loadConfig } from '../backend/src/platform/config';
import { ensureInstallDefaults } from '../backend/src/catalog/install-defaults';
import {
  ImportFileError,
  describeMissing,
  describePlan,
  importProductsCsv,
  importSourceItemsCsv,
  type ImportResult,
} from '../backend/src/catalog/import/index';

const USAGE = 'usage: npm run catalog:import -- <products.csv> [--create-missing] [--dry-run] [--sources <source_items.csv>]';

interface Args {
  products?: string;
  sources?: string;
  createMissing: boolean;
  dryRun: boolean;
}

function parseArgs(args: string[]): Args {
  const out: Args = { createMissing: false, dryRun: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--create-missing') out.createMissing = true;
    else if (arg === '--dry-run') out.dryRun = true;
    else if (arg === '--sources') {
      out.sources = args[++i];
      if (!out.sources) throw new Error('--sources needs a file');
    } else if (arg.startsWith('--sources=')) out.sources = arg.slice('--sources='.length);
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else if (out.products) throw new Error(`one products file only (got ${out.products} and ${arg})`);
    else out.products = arg;
  }
  if (!out.products && !out.sources) throw new Error('name a products file, a --sources file, or both');
  if ((out.createMissing || out.dryRun) && !out.products) throw new Error('--create-missing and --dry-run apply to a products file');
  // A dry run writes nothing, so the source items would find none of the file's new products.
  if (out.dryRun && out.sources) throw new Error('--dry-run checks a products file alone; import the source items after the products');
  return out;
}

function printErrors(result: ImportResult): void {
  for (const e of result.errors) console.log(`row ${e.row}${e.sku ? ` (sku ${JSON.stringify(e.sku)})` : ''}: ${e.reason}`);
}

async function main(): Promise<number> {
  let files: Args;
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
        createMissing: files.createMissing,
        dryRun: files.dryRun,
        onProgress: (rows) => process.stderr.write(`\r${files.products}: ${rows} rows read`),
      });
      process.stderr.write(` (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      if (r.created) console.log(describePlan(r.created, r.dryRun ? 'would create' : 'created'));
      printErrors(r);
      if (r.missing) console.log(describeMissing(r.missing));
      summaries.push(
        r.dryRun
          ? `dry run, nothing written: would import ${r.imported} products, update ${r.updated}, fail ${r.failed}`
          : `imported ${r.imported} products, updated ${r.updated}, failed ${r.failed}`,
      );
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
