/**
 * importProductsCsv: Magento's product import (Add/Update behaviour) for this catalog. Streams the
 * CSV, and per batch of rows: parses every cell, checks each row against the catalog (store views,
 * websites, attribute sets, existing products), creates the structure the valid rows need, then
 * writes them in one transaction. Should that bulk write fail anyway, the batch is written again row
 * by row, each under its own savepoint, so one bad row costs only itself. Invalid rows are reported
 * with their CSV line and sku; the valid ones are imported.
 *
 * Like Magento's Add/Update: websites and categories are added, never removed; a product row without
 * product_websites is on no website; a configurable's variations replace its children, and each
 * child must be in the catalog or earlier in the file (Magento's export writes children first).
 */
import type { Knex } from 'knex';
import { ChangeLog } from '../changes';
import { chunk } from '../../db/rows';
import { openCsv, type CsvSource } from './csv-reader';
import { ensureDefaultStock } from './default-stock';
import { RowProblem, normalizeAttributeValue } from './fields';
import { CatalogLookups } from './lookups';
import { extraAttributeColumns, parseProductRecord, type ProductRow } from './product-row';
import { EXISTING_COLUMNS, writeProductRows, type ExistingProduct, type PlannedRow, type WriteContext } from './product-writer';
import { databaseReason, type ImportOptions, type ImportResult, type RowError } from './result';

interface BatchItem {
  line: number;
  record: Record<string, string>;
}

/** Types one product may switch between on re-import (Magento converts these two by weight). */
const INTERCHANGEABLE = new Set(['simple', 'virtual']);

class ProductImport {
  readonly created = new Set<string>();
  readonly updated = new Set<string>();
  readonly errors: RowError[] = [];

  constructor(
    private readonly db: Knex,
    private readonly ctx: WriteContext,
    private readonly extraColumns: string[],
  ) {}

  private fail(line: number, sku: string, reason: string): void {
    this.errors.push({ row: line, sku, reason });
  }

  async run(batch: BatchItem[]): Promise<void> {
    const parsed: ProductRow[] = [];
    for (const { line, record } of batch) {
      try {
        parsed.push(parseProductRecord(record, line, this.extraColumns));
      } catch (error) {
        if (!(error instanceof RowProblem)) throw error;
        this.fail(line, (record.sku ?? '').trim(), error.message);
      }
    }
    const existing = await this.readExisting(parsed);
    const planned = this.plan(parsed, existing);
    if (!planned.length) return;
    await this.ensureStructure(planned);
    await this.write(planned);
  }

  private async readExisting(rows: ProductRow[]): Promise<Map<string, ExistingProduct>> {
    const skus = new Set(rows.flatMap((r) => [r.sku, ...(r.variations ?? []).map((v) => v.sku)]));
    const found = new Map<string, ExistingProduct>();
    for (const part of chunk([...skus], 500)) {
      const products: ExistingProduct[] = await this.db('products').whereIn('sku', part).select(EXISTING_COLUMNS);
      for (const p of products) found.set(p.sku, { ...p, id: Number(p.id), attribute_set_id: Number(p.attribute_set_id) });
    }
    return found;
  }

  /** Checks each row against the catalog, in file order; a row may rely on valid rows before it. */
  private plan(rows: ProductRow[], existing: Map<string, ExistingProduct>): PlannedRow[] {
    const { lookups } = this.ctx;
    const supers = new Set(rows.flatMap((r) => (r.variations ?? []).flatMap((v) => [...v.values.keys()])));
    const writtenHere = new Map<string, string>();
    const planned: PlannedRow[] = [];
    for (const row of rows) {
      try {
        for (const [code, value] of row.attributes) {
          if (value !== null) row.attributes.set(code, normalizeAttributeValue(lookups.plannedType(code, supers.has(code)), code, value));
        }
        if (row.storeViewCode !== null) {
          const storeViewId = lookups.storeViews.get(row.storeViewCode);
          if (storeViewId === undefined) throw new RowProblem(`unknown store view "${row.storeViewCode}" in store_view_code`);
          if (!existing.has(row.sku) && !writtenHere.has(row.sku)) {
            throw new RowProblem(`product "${row.sku}" does not exist; a store view row needs the product's own row first`);
          }
          planned.push({ kind: 'store', row, storeViewId });
          continue;
        }
        const ex = existing.get(row.sku) ?? null;
        this.checkProductRow(row, ex, existing, writtenHere, supers);
        row.type ??= ex!.type;
        planned.push({ kind: 'product', row, existing: ex });
        writtenHere.set(row.sku, row.type);
      } catch (error) {
        if (!(error instanceof RowProblem)) throw error;
        this.fail(row.line, row.sku, error.message);
      }
    }
    return planned;
  }

  private checkProductRow(
    row: ProductRow,
    ex: ExistingProduct | null,
    existing: Map<string, ExistingProduct>,
    writtenHere: Map<string, string>,
    supers: Set<string>,
  ): void {
    const { lookups } = this.ctx;
    if (!ex && !row.type) throw new RowProblem('product_type is required for a new product');
    if (ex && row.type && row.type !== ex.type && !(INTERCHANGEABLE.has(row.type) && INTERCHANGEABLE.has(ex.type))) {
      throw new RowProblem(`product_type cannot change from ${ex.type} to ${row.type}`);
    }
    if (!ex && !row.attributeSetCode) throw new RowProblem('attribute_set_code is required for a new product');
    if (row.attributeSetCode && !lookups.knowsAttributeSet(row.attributeSetCode)) {
      throw new RowProblem(`unknown attribute set "${row.attributeSetCode}" in attribute_set_code`);
    }
    if (!ex && !row.name) throw new RowProblem('name is required for a new product');
    const unknownWebsites = (row.websites ?? []).filter((code) => !lookups.websites.has(code));
    if (unknownWebsites.length) {
      const names = unknownWebsites.map((c) => `"${c}"`).join(', ');
      throw new RowProblem(`unknown website${unknownWebsites.length > 1 ? 's' : ''} ${names} in product_websites`);
    }
    if (!row.variations) return;
    if ((row.type ?? ex!.type) !== 'configurable')
      throw new RowProblem(`configurable_variations: only a configurable product has variations`);
    for (const v of row.variations) {
      if (v.sku === row.sku) throw new RowProblem(`configurable_variations: the product cannot be its own variation`);
      const childType = writtenHere.get(v.sku) ?? existing.get(v.sku)?.type;
      if (!childType)
        throw new RowProblem(
          `configurable_variations: variation sku "${v.sku}" does not exist (a child must be in the catalog or earlier in the file)`,
        );
      if (childType === 'configurable') throw new RowProblem(`configurable_variations: variation "${v.sku}" is itself configurable`);
    }
    for (const code of new Set(row.variations.flatMap((v) => [...v.values.keys()]))) {
      const type = lookups.plannedType(code, supers.has(code));
      if (type !== 'select')
        throw new RowProblem(`configurable_variations: "${code}" is a ${type} attribute; a super attribute must be a select`);
    }
  }

  /** Attribute sets, categories, attributes and options the planned rows refer to. */
  private async ensureStructure(planned: PlannedRow[]): Promise<void> {
    const { lookups } = this.ctx;
    for (const code of new Set(planned.map((p) => p.row.attributeSetCode).filter((c): c is string => !!c))) {
      await lookups.ensureAttributeSet(code);
    }
    await lookups.ensureCategories(planned.flatMap((p) => p.row.categories ?? []));
    const superLabels = new Map<string, string>();
    const optionValues = new Map<string, string[]>();
    const addOption = (code: string, value: string) => optionValues.set(code, [...(optionValues.get(code) ?? []), value]);
    for (const { row } of planned) {
      for (const v of row.variations ?? []) {
        for (const [code, value] of v.values) {
          superLabels.set(code, superLabels.get(code) || row.variationLabels?.get(code) || '');
          addOption(code, value);
        }
      }
    }
    const codes = planned.flatMap((p) => [...p.row.attributes.keys(), ...(p.kind === 'store' && p.row.name !== undefined ? ['name'] : [])]);
    await lookups.ensureAttributes([...codes, ...superLabels.keys()], superLabels);
    await lookups.promoteToSelect(superLabels.keys());
    for (const { row } of planned) {
      for (const [code, value] of row.attributes) {
        const type = lookups.attributes.get(code)!.type;
        if (value !== null && type === 'select') addOption(code, value);
        if (value !== null && type === 'multiselect') value.split(',').forEach((v) => addOption(code, v));
      }
    }
    for (const [code, values] of optionValues) await lookups.ensureOptions(lookups.attributes.get(code)!.id, values);
  }

  private async write(planned: PlannedRow[]): Promise<void> {
    try {
      const outcome = await this.db.transaction((trx) => writeProductRows(trx, planned, this.ctx));
      this.count(outcome.created, outcome.updated);
      return;
    } catch {
      // Planning let these rows through, so this is rare (a constraint the checks do not know):
      // find the row(s) at fault by writing one row per savepoint, keeping the others.
    }
    const created: string[] = [];
    const updated: string[] = [];
    await this.db.transaction(async (trx) => {
      for (const p of planned) {
        try {
          const outcome = await trx.transaction((savepoint) => writeProductRows(savepoint, [p], this.ctx));
          created.push(...outcome.created);
          updated.push(...outcome.updated);
        } catch (error) {
          this.fail(p.row.line, p.row.sku, databaseReason(error));
        }
      }
    });
    this.count(created, updated);
  }

  private count(created: string[], updated: string[]): void {
    for (const sku of created) this.created.add(sku);
    for (const sku of updated) if (!this.created.has(sku)) this.updated.add(sku);
  }
}

/** The record's identity within a batch: a second row for the same product (or store view) starts a new batch. */
const batchKey = (record: Record<string, string>) => `${(record.sku ?? '').trim()}\u0000${(record.store_view_code ?? '').trim()}`;

export async function importProductsCsv(db: Knex, source: CsvSource, options: ImportOptions = {}): Promise<ImportResult> {
  const batchSize = options.batchSize ?? 500;
  const file = await openCsv(source, ['sku']);
  await ensureDefaultStock(db);
  const ctx: WriteContext = { lookups: await CatalogLookups.load(db), changes: options.changes ?? new ChangeLog(db) };
  const job = new ProductImport(db, ctx, extraAttributeColumns(file.header));
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
  return { imported: job.created.size, updated: job.updated.size, failed: errors.length, errors };
}
