/**
 * importProductsCsv: Magento's product import (Add/Update behaviour) for this catalog. Streams the
 * CSV in batches (product-batch.ts); invalid rows are reported with their CSV line and sku, the
 * valid ones are imported.
 *
 * A merchant's export names attribute sets, attributes and options a fresh catalog lacks. Without
 * `createMissing` the rows that need them fail, each reason naming what is missing, and the result
 * lists it all (`missing`). With `createMissing` a first pass plans what is missing
 * (structure-plan.ts), one transaction creates it, then the rows are imported; `dryRun` stops after
 * the plan and checks the rows against the catalog the plan would make, writing nothing.
 *
 * Like Magento's Add/Update: websites and categories are added, never removed; a product row without
 * product_websites is on no website; a configurable's variations replace its children, and each
 * child must be in the catalog or earlier in the file (Magento's export writes children first).
 */
import type { Readable } from 'node:stream';
import type { Knex } from 'knex';
import { ChangeLog } from '../changes';
import { openCsv, type CsvSource } from './csv-reader';
import { ensureDefaultStock } from './default-stock';
import { CatalogLookups } from './lookups';
import { MissingTracker } from './missing-structure';
import { ProductImport, type BatchItem } from './product-batch';
import { extraAttributeColumns } from './product-row';
import type { WriteContext } from './product-writer';
import type { ImportOptions, ImportResult } from './result';
import { spoolToFile } from './spool';
import { planStructure, type StructurePlan } from './structure-plan';
import { applyStructurePlan } from './structure-writer';

/** The record's identity within a batch: a second row for the same product (or store view) starts a new batch. */
const batchKey = (record: Record<string, string>) => `${(record.sku ?? '').trim()}\u0000${(record.store_view_code ?? '').trim()}`;

/** One pass over the rows: import them, or (validateOnly) only check and count them. */
async function importRows(
  db: Knex,
  source: CsvSource,
  lookups: CatalogLookups,
  options: ImportOptions,
  validateOnly: boolean,
): Promise<ImportResult> {
  const batchSize = options.batchSize ?? 500;
  const file = await openCsv(source, ['sku']);
  if (!validateOnly) await ensureDefaultStock(db);
  const ctx: WriteContext = { lookups, changes: options.changes ?? new ChangeLog(db) };
  const missing = new MissingTracker(lookups);
  const job = new ProductImport(db, ctx, extraAttributeColumns(file.header), { missing, validateOnly });
  let batch: BatchItem[] = [];
  let keys = new Set<string>();
  let rowsRead = 0;
  const flush = async () => {
    await job.run(batch);
    options.onProgress?.(rowsRead);
    batch = [];
    keys = new Set();
  };
  for await (const item of file.items) {
    rowsRead += 1;
    if (item.kind === 'problem') {
      job.errors.push({ row: item.line, sku: (item.record?.sku ?? '').trim(), reason: item.reason });
      continue;
    }
    const key = batchKey(item.record);
    if (keys.has(key) || batch.length >= batchSize) await flush();
    batch.push(item);
    keys.add(key);
  }
  if (batch.length) await flush();
  const errors = [...job.errors].sort((a, b) => a.row - b.row);
  const result: ImportResult = { imported: job.created.size, updated: job.updated.size, failed: errors.length, errors };
  const needed = missing.summary();
  if (needed) result.missing = needed;
  return result;
}

/** Plans, creates what is missing in one transaction (unless a dry run), then imports or checks the rows. */
async function importWithPlan(db: Knex, path: string, options: ImportOptions): Promise<ImportResult> {
  const plan: StructurePlan = await planStructure(path, await CatalogLookups.load(db));
  if (options.dryRun) {
    const lookups = await CatalogLookups.load(db);
    lookups.assume(plan);
    return { ...(await importRows(db, path, lookups, options, true)), created: plan, dryRun: true };
  }
  await db.transaction(async (trx) => {
    await applyStructurePlan(trx, plan);
    await options.onStructureCreated?.(trx, plan);
  });
  return { ...(await importRows(db, path, await CatalogLookups.load(db), options, false)), created: plan };
}

export async function importProductsCsv(db: Knex, source: CsvSource, options: ImportOptions = {}): Promise<ImportResult> {
  if (!options.createMissing && !options.dryRun) return importRows(db, source, await CatalogLookups.load(db), options, false);
  if (typeof source === 'string') return importWithPlan(db, source, options);
  // Planning reads the file twice: a stream is kept in a temporary file meanwhile, not in memory.
  const spooled = await spoolToFile(source as Readable);
  try {
    return await importWithPlan(db, spooled.path, options);
  } finally {
    await spooled.remove();
  }
}
