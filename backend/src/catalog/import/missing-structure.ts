/**
 * Without `createMissing`, a row that needs an attribute set, an attribute or a select option the
 * catalog lacks fails, and its reason names them all and says how to have them created. The
 * tracker also gathers them over the whole file, so the import can end with one summary.
 */
import { splitOptions } from './attribute-inference';
import { isStandardAttribute, type CatalogLookups } from './lookups';
import type { ProductRow } from './product-row';

export interface MissingStructure {
  attributeSets: string[];
  attributes: string[];
  options: { code: string; values: string[] }[];
}

export const CREATE_MISSING_HINT = 'import with --create-missing (or through Catalog > Import in the admin) to create them';

const quoted = (items: string[]) => items.map((i) => `"${i}"`);
const listed = (items: string[], max = 5) =>
  items.length > max ? `${items.slice(0, max).join(', ')} and ${items.length - max} more` : items.join(', ');

/** Insertion-ordered distinct labels, keyed ignoring case. */
const addLabel = (to: Map<string, string>, label: string) => {
  if (!to.has(label.toLowerCase())) to.set(label.toLowerCase(), label);
};

export class MissingTracker {
  private readonly sets = new Map<string, string>();
  private readonly attributes = new Map<string, string>();
  private readonly options = new Map<string, Map<string, string>>();

  constructor(private readonly lookups: CatalogLookups) {}

  /** The reason the row cannot be imported for want of structure, or null when it has all it needs. */
  check(row: ProductRow): string | null {
    const { lookups } = this;
    const set = row.attributeSetCode && !lookups.knowsAttributeSet(row.attributeSetCode) ? row.attributeSetCode : null;
    const attributes = new Set<string>();
    const options = new Map<string, Map<string, string>>();
    const use = (code: string, value: string | null) => {
      const info = lookups.attributes.get(code);
      if (!info) {
        if (!isStandardAttribute(code)) attributes.add(code);
        return;
      }
      // A select made from a text attribute in this import takes its options from the file (as it always has).
      if (value === null || (info.type !== 'select' && info.type !== 'multiselect') || lookups.promoted.has(code)) return;
      for (const label of info.type === 'multiselect' ? splitOptions(value) : [value.trim()]) {
        if (label === '' || lookups.optionLabel(code, label) !== undefined) continue;
        if (!options.has(code)) options.set(code, new Map());
        addLabel(options.get(code)!, label);
      }
    };
    for (const [code, value] of row.attributes) use(code, value);
    for (const v of row.variations ?? []) for (const [code, value] of v.values) use(code, value);
    if (!set && !attributes.size && !options.size) return null;

    if (set) addLabel(this.sets, set);
    for (const code of attributes) addLabel(this.attributes, code);
    for (const [code, labels] of options) {
      if (!this.options.has(code)) this.options.set(code, new Map());
      for (const label of labels.values()) addLabel(this.options.get(code)!, label);
    }
    const parts: string[] = [];
    if (set) parts.push(`attribute set "${set}"`);
    if (attributes.size) parts.push(`attribute${attributes.size > 1 ? 's' : ''} ${listed([...attributes])}`);
    for (const [code, labels] of options) {
      const values = [...labels.values()];
      parts.push(`option${values.length > 1 ? 's' : ''} ${listed(quoted(values))} of ${code}`);
    }
    return `the catalog has no ${parts.join('; no ')} — ${CREATE_MISSING_HINT}`;
  }

  /** Everything the failed rows needed, or undefined when no row failed for want of structure. */
  summary(): MissingStructure | undefined {
    if (!this.sets.size && !this.attributes.size && !this.options.size) return undefined;
    return {
      attributeSets: [...this.sets.values()],
      attributes: [...this.attributes.values()],
      options: [...this.options].map(([code, labels]) => ({ code, values: [...labels.values()] })),
    };
  }
}

/** One line for the end of an import: what the failed rows needed and how to have it created. */
export function describeMissing(missing: MissingStructure): string {
  const parts: string[] = [];
  if (missing.attributeSets.length) parts.push(`attribute sets ${listed(missing.attributeSets, 20)}`);
  if (missing.attributes.length) parts.push(`attributes ${listed(missing.attributes, 20)}`);
  if (missing.options.length)
    parts.push(
      `options of ${listed(
        missing.options.map((o) => `${o.code} (${o.values.length})`),
        20,
      )}`,
    );
  return `missing in the catalog: ${parts.join('; ')} — ${CREATE_MISSING_HINT} (add --dry-run to see the plan first)`;
}
