/**
 * importSourceItemsCsv: MSI's "Stock Sources" import (`source_code,sku,status,quantity`), Add/Update
 * behaviour. A row naming a source or sku the catalog does not have is reported and skipped; the
 * others are upserted by (sku, source), one transaction per batch, with a `stock` change for each
 * source item that was created or whose quantity or status changed.
 */
import type { Knex } from 'knex';
import { ChangeLog, type ChangeInput } from '../changes';
import { bool, chunk, decimal } from '../../db/rows';
import { openCsv, type CsvSource } from './csv-reader';
import { RowProblem, parseDecimal, parseFlag, sourceQuantity } from './fields';
import { STOCKED_TYPES, type ProductType } from './product-row';
import { rowsPerStatement } from './product-writer';
import { databaseReason, type ImportOptions, type ImportResult, type RowError } from './result';

interface SourceItemRow {
  line: number;
  sku: string;
  sourceCode: string;
  /** undefined: keep (0 for a new item). */
  quantity?: number;
  /** undefined: keep (a new item is in stock when its quantity is above 0). */
  inStock?: boolean;
}

/** Parses one record (pure); throws RowProblem naming the column. */
export function parseSourceItemRecord(record: Record<string, string>, line: number): SourceItemRow {
  const sku = (record.sku ?? '').trim();
  const sourceCode = (record.source_code ?? '').trim();
  if (!sku) throw new RowProblem('sku is empty');
  if (!sourceCode) throw new RowProblem('source_code is empty');
  const row: SourceItemRow = { line, sku, sourceCode };
  const quantity = (record.quantity ?? '').trim();
  if (quantity !== '') row.quantity = sourceQuantity(parseDecimal(quantity, 'quantity'), 'quantity');
  const status = (record.status ?? '').trim();
  if (status !== '') row.inStock = parseFlag(status, 'status');
  return row;
}

async function writeBatch(trx: Knex, rows: SourceItemRow[], changes: ChangeLog): Promise<{ imported: number; updated: number }> {
  const current = new Map<string, { quantity: number; inStock: boolean }>();
  for (const part of chunk([...new Set(rows.map((r) => r.sku))], 500)) {
    for (const s of await trx('source_items').whereIn('sku', part).select('sku', 'source_code', 'quantity', 'in_stock')) {
      current.set(`${s.sku}\u0000${s.source_code}`, { quantity: decimal(s.quantity)!, inStock: bool(s.in_stock) });
    }
  }
  const records = [];
  const log: ChangeInput[] = [];
  let imported = 0;
  for (const row of rows) {
    const was = current.get(`${row.sku}\u0000${row.sourceCode}`);
    if (!was) imported += 1;
    const quantity = row.quantity ?? was?.quantity ?? 0;
    const inStock = row.inStock ?? was?.inStock ?? quantity > 0;
    records.push({ source_code: row.sourceCode, sku: row.sku, quantity, in_stock: inStock });
    if (!was || was.quantity !== quantity || was.inStock !== inStock) {
      log.push({ sku: row.sku, kind: 'stock', details: { source: row.sourceCode, quantity, inStock } });
    }
  }
  for (const part of chunk(records, rowsPerStatement(4)))
    await trx('source_items').insert(part).onConflict(['sku', 'source_code']).merge(['quantity', 'in_stock']);
  await changes.record(trx, log);
  return { imported, updated: rows.length - imported };
}

export async function importSourceItemsCsv(db: Knex, source: CsvSource, options: ImportOptions = {}): Promise<ImportResult> {
  const batchSize = options.batchSize ?? 1000;
  const file = await openCsv(source, ['source_code', 'sku']);
  const changes = options.changes ?? new ChangeLog(db);
  const sources = new Set((await db('sources').select('code')).map((s) => s.code as string));
  const errors: RowError[] = [];
  const totals = { imported: 0, updated: 0 };
  let batch: SourceItemRow[] = [];
  let keys = new Set<string>();
  let rowsRead = 0;

  const flush = async () => {
    const types = new Map<string, ProductType>();
    for (const part of chunk([...new Set(batch.map((r) => r.sku))], 500)) {
      for (const p of await db('products').whereIn('sku', part).select('sku', 'type')) types.set(p.sku, p.type);
    }
    const valid = batch.filter((row) => {
      const type = types.get(row.sku);
      const reason = !type
        ? `unknown sku "${row.sku}"`
        : !STOCKED_TYPES.has(type)
          ? `a ${type} product has no source items (its children hold the stock)`
          : null;
      if (reason) errors.push({ row: row.line, sku: row.sku, reason });
      return !reason;
    });
    if (valid.length) {
      try {
        const outcome = await db.transaction((trx) => writeBatch(trx, valid, changes));
        totals.imported += outcome.imported;
        totals.updated += outcome.updated;
      } catch {
        // Checked rows rarely fail; if they do, keep the batch's good rows by writing one row per savepoint.
        await db.transaction(async (trx) => {
          for (const row of valid) {
            try {
              const outcome = await trx.transaction((savepoint) => writeBatch(savepoint, [row], changes));
              totals.imported += outcome.imported;
              totals.updated += outcome.updated;
            } catch (rowError) {
              errors.push({ row: row.line, sku: row.sku, reason: databaseReason(rowError) });
            }
          }
        });
      }
    }
    options.onProgress?.(rowsRead);
    batch = [];
    keys = new Set();
  };

  for await (const item of file.items) {
    rowsRead += 1;
    if (item.kind === 'problem') {
      errors.push({ row: item.line, sku: (item.record?.sku ?? '').trim(), reason: item.reason });
      continue;
    }
    let row: SourceItemRow;
    try {
      row = parseSourceItemRecord(item.record, item.line);
      if (!sources.has(row.sourceCode)) throw new RowProblem(`unknown source "${row.sourceCode}" in source_code`);
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      errors.push({ row: item.line, sku: (item.record.sku ?? '').trim(), reason: error.message });
      continue;
    }
    const key = `${row.sku}\u0000${row.sourceCode}`;
    if (keys.has(key) || batch.length >= batchSize) await flush();
    batch.push(row);
    keys.add(key);
  }
  if (batch.length) await flush();
  errors.sort((a, b) => a.row - b.row);
  return { ...totals, failed: errors.length, errors };
}
