/**
 * The planning pass: reads the whole product CSV once (streamed, record by record) and lists the
 * attribute sets, attributes and select/multiselect options its rows use that the catalog lacks —
 * each new attribute typed from all of its values (attribute-inference.ts), with scope global.
 * Reading the whole file first is what lets a type be judged from every value, and lets a child's
 * `color=Red` and its parent's `configurable_variations` agree on one select.
 *
 * Rows the parser refuses are left out here; the import reports them.
 */
import type { AttributeScope, AttributeType } from '../../../../schema/catalog';
import { ValueStats, splitOptions } from './attribute-inference';
import { openCsv, type CsvSource } from './csv-reader';
import { RowProblem, labelFor } from './fields';
import { DEFAULT_ATTRIBUTE_SET, STANDARD_ATTRIBUTES, type CatalogLookups } from './lookups';
import { extraAttributeColumns, parseProductRecord, type ProductRow } from './product-row';

export interface PlannedAttributeSet {
  code: string;
  name: string;
}

export interface PlannedAttribute {
  code: string;
  label: string;
  type: AttributeType;
  scope: AttributeScope;
  /** Option labels (select and multiselect), in the order the file first uses them. */
  options: string[];
  /** Named in configurable_variations. */
  superAttribute: boolean;
}

/** New options of a select or multiselect attribute the catalog already has. */
export interface PlannedOptions {
  code: string;
  values: string[];
}

export interface StructurePlan {
  attributeSets: PlannedAttributeSet[];
  attributes: PlannedAttribute[];
  options: PlannedOptions[];
}

export const isEmptyPlan = (plan: StructurePlan): boolean => !plan.attributeSets.length && !plan.attributes.length && !plan.options.length;

/** Distinct labels in first-seen spelling, keyed ignoring case. */
class LabelSet {
  readonly byKey = new Map<string, string>();
  add(label: string): void {
    const trimmed = label.trim();
    if (trimmed !== '' && !this.byKey.has(trimmed.toLowerCase())) this.byKey.set(trimmed.toLowerCase(), trimmed);
  }
}

/** "Gear & Bags" → "gear_bags", "Ärmel" → "armel": a set code from the name Magento's CSV carries. */
export function setCodeFor(name: string, taken: (code: string) => boolean): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 60) || 'set';
  let code = base;
  for (let n = 2; taken(code); n += 1) code = `${base}_${n}`;
  return code;
}

class Planner {
  private readonly sets = new LabelSet();
  private readonly stats = new Map<string, ValueStats>();
  private readonly superLabels = new Map<string, string>();
  /** Existing select/multiselect attribute code → labels it lacks. */
  private readonly newOptions = new Map<string, LabelSet>();

  constructor(private readonly lookups: CatalogLookups) {}

  addRow(row: ProductRow): void {
    const { lookups } = this;
    if (row.attributeSetCode && lookups.attributeSetId(row.attributeSetCode) === undefined) this.sets.add(row.attributeSetCode);
    for (const [code, value] of row.attributes) this.addValue(code, value);
    if (row.storeViewCode !== null && row.name !== undefined) this.addValue('name', row.name);
    for (const variation of row.variations ?? []) {
      for (const [code, value] of variation.values) {
        if (!this.superLabels.get(code)) this.superLabels.set(code, row.variationLabels?.get(code) ?? '');
        this.addValue(code, value);
      }
    }
  }

  private addValue(code: string, value: string | null): void {
    const existing = this.lookups.attributes.get(code);
    if (!existing) {
      let stats = this.stats.get(code);
      if (!stats) this.stats.set(code, (stats = new ValueStats()));
      if (value !== null) stats.add(value);
      return;
    }
    if (value === null || (existing.type !== 'select' && existing.type !== 'multiselect')) return;
    const labels = existing.type === 'multiselect' ? splitOptions(value) : [value];
    for (const label of labels) {
      if (label.trim() === '' || this.lookups.optionLabel(code, label) !== undefined) continue;
      let missing = this.newOptions.get(code);
      if (!missing) this.newOptions.set(code, (missing = new LabelSet()));
      missing.add(label);
    }
  }

  plan(): StructurePlan {
    const taken = new Set<string>();
    const attributeSets = [...this.sets.byKey.values()].map((name) => {
      // "Default" keeps Magento's code, as the importer has always created it.
      const code =
        name.toLowerCase() === DEFAULT_ATTRIBUTE_SET.toLowerCase()
          ? DEFAULT_ATTRIBUTE_SET.toLowerCase()
          : setCodeFor(name, (c) => taken.has(c) || this.lookups.attributeSetId(c) !== undefined);
      taken.add(code);
      return { code, name };
    });
    const attributes = [...this.stats].map(([code, stats]): PlannedAttribute => {
      const superAttribute = this.superLabels.has(code);
      const standard = STANDARD_ATTRIBUTES[code];
      const type = standard && !superAttribute ? standard.type : stats.inferType(superAttribute);
      return {
        code,
        label: this.superLabels.get(code)?.trim() || labelFor(code),
        type,
        scope: standard && !superAttribute ? standard.scope : 'global',
        options: stats.options(type),
        superAttribute,
      };
    });
    const options = [...this.newOptions].map(([code, labels]) => ({ code, values: [...labels.byKey.values()] }));
    return { attributeSets, attributes, options };
  }
}

/** Reads the CSV and returns what the catalog lacks for it (nothing is written). */
export async function planStructure(source: CsvSource, lookups: CatalogLookups): Promise<StructurePlan> {
  const file = await openCsv(source, ['sku']);
  const extraColumns = extraAttributeColumns(file.header);
  const planner = new Planner(lookups);
  for await (const item of file.items) {
    if (item.kind !== 'record') continue;
    try {
      planner.addRow(parseProductRecord(item.record, item.line, extraColumns));
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
    }
  }
  return planner.plan();
}

const listed = (items: string[], max = 40) =>
  items.length > max ? `${items.slice(0, max).join(', ')}, … ${items.length - max} more` : items.join(', ');

/**
 * One line saying what a plan creates, e.g. `created attribute sets: Top, Bottom; attributes: color
 * (select, 14 options), eco_collection (boolean); options added: size: XXL`. `verb` is "created"
 * or, on a dry run, "would create".
 */
export function describePlan(plan: StructurePlan, verb: 'created' | 'would create'): string {
  if (isEmptyPlan(plan))
    return verb === 'created' ? 'created nothing: the catalog had every attribute set, attribute and option' : 'would create nothing';
  const parts: string[] = [];
  if (plan.attributeSets.length) parts.push(`attribute sets: ${listed(plan.attributeSets.map((s) => s.name))}`);
  if (plan.attributes.length) {
    const shown = plan.attributes.map((a) =>
      a.options.length ? `${a.code} (${a.type}, ${a.options.length} option${a.options.length === 1 ? '' : 's'})` : `${a.code} (${a.type})`,
    );
    parts.push(`attributes: ${listed(shown)}`);
  }
  if (plan.options.length) parts.push(`options added: ${listed(plan.options.map((o) => `${o.code}: ${listed(o.values, 10)}`))}`);
  const [first = '', ...rest] = parts;
  return [`${verb} ${first}`, ...rest].join('; ');
}
