/**
 * One batch of product rows: parses every cell, checks each row against the catalog (store views,
 * websites, attribute sets, attributes and options, existing products), creates the categories and
 * standard attributes the valid rows need, then writes them in one transaction. Should that bulk
 * write fail anyway, the batch is written again row by row, each under its own savepoint, so one
 * bad row costs only itself. Invalid rows are reported with their CSV line and sku.
 *
 * On a dry run (`validateOnly`) the rows are checked the same way and counted, and nothing is
 * written; products planned in earlier batches stand in for the ones a real run would have written.
 */
import type { Knex } from 'knex';
import { chunk } from '../../db/rows';
import { RowProblem, normalizeAttributeValue } from './fields';
import type { MissingTracker } from './missing-structure';
import { parseProductRecord, type ProductRow, type ProductType } from './product-row';
import { EXISTING_COLUMNS, writeProductRows, type ExistingProduct, type PlannedRow, type WriteContext } from './product-writer';
import { databaseReason, type RowError } from './result';

export interface BatchItem {
  line: number;
  record: Record<string, string>;
}

/** Types one product may switch between on re-import (Magento converts these two by weight). */
const INTERCHANGEABLE = new Set(['simple', 'virtual']);

export class ProductImport {
  readonly created = new Set<string>();
  readonly updated = new Set<string>();
  readonly errors: RowError[] = [];
  /** Dry run: products of earlier batches (not in the database) and their types. */
  private readonly earlier = new Map<string, ProductType>();

  constructor(
    private readonly db: Knex,
    private readonly ctx: WriteContext,
    private readonly extraColumns: string[],
    private readonly options: {
      /** Fails rows that need structure the catalog lacks (after a structure plan ran: none, unless the catalog changed meanwhile). */
      missing: MissingTracker;
      validateOnly: boolean;
    },
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
    if (this.options.validateOnly) {
      this.countValidated(planned);
      return;
    }
    await this.ensureStructure(planned);
    await this.write(planned);
  }

  private countValidated(planned: PlannedRow[]): void {
    const created: string[] = [];
    const updated: string[] = [];
    for (const p of planned) {
      if (p.kind === 'product' && !p.existing) created.push(p.row.sku);
      else updated.push(p.row.sku);
      if (p.kind === 'product') this.earlier.set(p.row.sku, p.row.type!);
    }
    this.count(created, updated);
  }

  private async readExisting(rows: ProductRow[]): Promise<Map<string, ExistingProduct>> {
    const skus = new Set(rows.flatMap((r) => [r.sku, ...(r.variations ?? []).map((v) => v.sku)]));
    const found = new Map<string, ExistingProduct>();
    for (const part of chunk([...skus], 500)) {
      const products: ExistingProduct[] = await this.db('products').whereIn('sku', part).select(EXISTING_COLUMNS);
      for (const p of products) found.set(p.sku, { ...p, id: Number(p.id), attribute_set_id: Number(p.attribute_set_id) });
    }
    for (const sku of skus) {
      const type = this.earlier.get(sku);
      // Dry run only, never written: the checks read no more than the sku and type of a product.
      if (type && !found.has(sku)) found.set(sku, { sku, type } as ExistingProduct);
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
        const missing = this.options.missing.check(row);
        if (missing) throw new RowProblem(missing);
        for (const [code, value] of row.attributes) {
          if (value !== null) row.attributes.set(code, this.normalize(code, value, supers.has(code)));
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

  /** The stored text of a value; option labels as the attribute spells them (they match ignoring case). */
  private normalize(code: string, value: string, isSuper: boolean): string {
    const { lookups } = this.ctx;
    const type = lookups.plannedType(code, isSuper);
    const text = normalizeAttributeValue(type, code, value);
    if (type === 'select') return lookups.optionLabel(code, text) ?? text;
    if (type !== 'multiselect') return text;
    return [...new Set(text.split(',').map((label) => lookups.optionLabel(code, label) ?? label))].join(',');
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
