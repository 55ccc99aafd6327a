/**
 * The catalog structure an import refers to by code — websites, store views, attribute sets,
 * attributes and their options, categories — loaded once and kept in memory, so a 100,000-row
 * file does not ask the database for the same ids again and again. Categories, the standard
 * attributes below and "Default" are created on first use (committed right away: they are catalog
 * structure, and a product batch that rolls back must not leave the cache pointing at ids that do
 * not exist); any other attribute set, attribute or option comes from the structure plan
 * (structure-plan.ts), created only when the import is asked to.
 */
import type { Knex } from 'knex';
import type { AttributeScope, AttributeType } from '../../../../schema/catalog';
import { chunk } from '../../db/rows';
import { toDbTime } from '../../db/time';
import { categoryAncestry, labelFor } from './fields';

export interface AttributeInfo {
  id: number;
  type: AttributeType;
}

/**
 * Attributes every Magento catalog has (names, descriptions) and the product identifiers the
 * channel matches on: the importer knows their kind and creates them on first use. Any other
 * attribute must exist or be created from the structure plan.
 */
export const STANDARD_ATTRIBUTES: Record<string, { type: AttributeType; scope: AttributeScope; isSystem?: boolean }> = {
  name: { type: 'text', scope: 'store_view', isSystem: true },
  description: { type: 'textarea', scope: 'store_view' },
  short_description: { type: 'textarea', scope: 'store_view' },
  country_of_manufacture: { type: 'text', scope: 'store_view' },
  ean: { type: 'text', scope: 'global' },
  upc: { type: 'text', scope: 'global' },
  isbn: { type: 'text', scope: 'global' },
  asin: { type: 'text', scope: 'global' },
  gtin: { type: 'text', scope: 'global' },
};

export const isStandardAttribute = (code: string): boolean => Object.hasOwn(STANDARD_ATTRIBUTES, code);

/** The attribute set Magento always has; the importer creates it when missing (any other must exist). */
export const DEFAULT_ATTRIBUTE_SET = 'Default';

export class CatalogLookups {
  readonly websites = new Map<string, number>();
  readonly storeViews = new Map<string, number>();
  /** Lower-cased code and name → id: Magento's attribute_set_code column holds the set's name. */
  private readonly attributeSets = new Map<string, number>();
  readonly attributes = new Map<string, AttributeInfo>();
  readonly categories = new Map<string, number>();
  /** attribute id → option labels by their lower-case form (labels match ignoring case, as in the catalog API). */
  private readonly options = new Map<number, Map<string, string>>();
  /** Text attributes this import made selects because a configurable uses them (their options come from the file). */
  readonly promoted = new Set<string>();
  /** Ids given to planned structure on a dry run, which never writes: negative, so they are never a row's. */
  private assumedId = 0;

  private constructor(private readonly db: Knex) {}

  static async load(db: Knex): Promise<CatalogLookups> {
    const lookups = new CatalogLookups(db);
    for (const w of await db('websites').select('id', 'code')) lookups.websites.set(w.code, Number(w.id));
    for (const s of await db('store_views').select('id', 'code')) lookups.storeViews.set(s.code, Number(s.id));
    for (const s of await db('attribute_sets').select('id', 'code', 'name')) lookups.addAttributeSet(s.code, s.name, Number(s.id));
    for (const a of await db('attributes').select('id', 'code', 'type')) lookups.attributes.set(a.code, { id: Number(a.id), type: a.type });
    for (const c of await db('categories').select('id', 'path')) lookups.categories.set(c.path, Number(c.id));
    for (const o of await db('attribute_options').orderBy('sort_order').orderBy('id').select('attribute_id', 'value')) {
      const labels = lookups.optionLabels(Number(o.attribute_id));
      if (!labels.has(o.value.toLowerCase())) labels.set(o.value.toLowerCase(), o.value);
    }
    return lookups;
  }

  private optionLabels(attributeId: number): Map<string, string> {
    let labels = this.options.get(attributeId);
    if (!labels) this.options.set(attributeId, (labels = new Map()));
    return labels;
  }

  /** The option of the attribute matching `label` ignoring case and spaces around, as the attribute spells it. */
  optionLabel(code: string, label: string): string | undefined {
    const info = this.attributes.get(code);
    return info ? this.options.get(info.id)?.get(label.trim().toLowerCase()) : undefined;
  }

  /**
   * Dry run: takes the planned attribute sets, attributes and options as if they had been created,
   * so rows are checked against the catalog the import would make. Nothing is written.
   */
  assume(plan: {
    attributeSets: { code: string; name: string }[];
    attributes: { code: string; type: AttributeType; options: string[] }[];
    options: { code: string; values: string[] }[];
  }): void {
    for (const set of plan.attributeSets) this.addAttributeSet(set.code, set.name, (this.assumedId -= 1));
    for (const a of plan.attributes) {
      const id = (this.assumedId -= 1);
      this.attributes.set(a.code, { id, type: a.type });
      for (const o of a.options) this.optionLabels(id).set(o.toLowerCase(), o);
    }
    for (const o of plan.options) {
      const id = this.attributes.get(o.code)?.id;
      if (id !== undefined) for (const v of o.values) this.optionLabels(id).set(v.toLowerCase(), v);
    }
  }

  /**
   * The type an attribute has, or will have once the batch's structure is ensured: a super
   * attribute that is new or text becomes a select; a new one gets its known kind or text.
   */
  plannedType(code: string, isSuper: boolean): AttributeType {
    const current = this.attributes.get(code)?.type;
    if (isSuper && (current === undefined || current === 'text')) return 'select';
    return current ?? STANDARD_ATTRIBUTES[code]?.type ?? 'text';
  }

  private addAttributeSet(code: string, name: string, id: number): void {
    // A code wins over another set's equal name.
    if (!this.attributeSets.has(name.toLowerCase())) this.attributeSets.set(name.toLowerCase(), id);
    this.attributeSets.set(code.toLowerCase(), id);
  }

  /** The set a CSV names by code or by name (case-insensitive). */
  attributeSetId(codeOrName: string): number | undefined {
    return this.attributeSets.get(codeOrName.toLowerCase());
  }

  /** True when the set exists or is the one the importer may create. */
  knowsAttributeSet(codeOrName: string): boolean {
    return this.attributeSetId(codeOrName) !== undefined || codeOrName.toLowerCase() === DEFAULT_ATTRIBUTE_SET.toLowerCase();
  }

  /** Resolves the set; creates "Default" (code `default`) when it is the one missing. */
  async ensureAttributeSet(codeOrName: string): Promise<number> {
    const known = this.attributeSetId(codeOrName);
    if (known !== undefined) return known;
    if (!this.knowsAttributeSet(codeOrName)) throw new Error(`attribute set "${codeOrName}" does not exist`);
    const code = DEFAULT_ATTRIBUTE_SET.toLowerCase();
    await this.db('attribute_sets').insert({ code, name: DEFAULT_ATTRIBUTE_SET }).onConflict('code').ignore();
    const row = await this.db('attribute_sets').where({ code }).first('id', 'name');
    this.addAttributeSet(code, row.name, Number(row.id));
    return Number(row.id);
  }

  async ensureCategories(paths: Iterable<string>): Promise<void> {
    // Ancestors first, so each new category finds its parent's id.
    const missing = [...new Set([...paths].flatMap(categoryAncestry))].filter((p) => !this.categories.has(p));
    missing.sort((a, b) => a.split('/').length - b.split('/').length);
    for (const path of missing) {
      const segments = path.split('/');
      const parentPath = segments.slice(0, -1).join('/');
      const parentId = parentPath ? this.categories.get(parentPath)! : null;
      await this.db('categories')
        .insert({ parent_id: parentId, name: segments[segments.length - 1], path, level: segments.length })
        .onConflict('path')
        .ignore();
      const row = await this.db('categories').where({ path }).first('id');
      this.categories.set(path, Number(row.id));
    }
  }

  /**
   * Creates the attributes a batch uses that do not exist yet: the standard ones (the rows were
   * checked: any other is in the catalog already) and, as a safety net, text for the rest;
   * `select` for a super attribute (with the label the file gives).
   */
  async ensureAttributes(codes: Iterable<string>, superLabels: Map<string, string>): Promise<void> {
    const missing = [...new Set(codes)].filter((c) => !this.attributes.has(c));
    if (!missing.length) return;
    const now = toDbTime();
    const rows = missing.map((code) => {
      const known = STANDARD_ATTRIBUTES[code];
      const isSuper = superLabels.has(code);
      return {
        code,
        label: (superLabels.get(code) ?? '').trim() || labelFor(code),
        type: isSuper ? 'select' : (known?.type ?? 'text'),
        scope: isSuper ? 'global' : (known?.scope ?? 'store_view'),
        is_required: false,
        is_system: known?.isSystem ?? false,
        created_at: now,
      };
    });
    for (const part of chunk(rows, 200)) await this.db('attributes').insert(part).onConflict('code').ignore();
    for (const part of chunk(missing, 500)) {
      for (const a of await this.db('attributes').whereIn('code', part).select('id', 'code', 'type')) {
        this.attributes.set(a.code, { id: Number(a.id), type: a.type });
      }
    }
  }

  /**
   * A super attribute of a configurable must be a select. A text attribute created earlier (say
   * by a child row before its parent) becomes one, and the values products already hold become
   * its options; any other type cannot be a super attribute (the caller checks that first).
   */
  async promoteToSelect(codes: Iterable<string>): Promise<void> {
    for (const code of codes) {
      const info = this.attributes.get(code);
      if (!info || info.type !== 'text') continue;
      await this.db('attributes').where({ id: info.id, type: 'text' }).update({ type: 'select', scope: 'global' });
      info.type = 'select';
      this.promoted.add(code);
      // Options in the order the values first appeared.
      const values = await this.db('product_attribute_values')
        .where({ attribute_id: info.id })
        .whereNotNull('value')
        .groupBy('value')
        .orderByRaw('MIN(product_id)')
        .select('value');
      await this.ensureOptions(
        info.id,
        values.map((v) => String(v.value)),
      );
    }
  }

  /** Adds the option labels a select attribute does not have yet (ignoring case), after the existing ones. */
  async ensureOptions(attributeId: number, labels: Iterable<string>): Promise<void> {
    const known = this.optionLabels(attributeId);
    const missing = new Map<string, string>();
    for (const label of labels) {
      const key = label.trim().toLowerCase();
      if (key !== '' && !known.has(key) && !missing.has(key)) missing.set(key, label.trim());
    }
    if (!missing.size) return;
    const rows = [...missing.values()].map((value, i) => ({ attribute_id: attributeId, value, sort_order: known.size + i }));
    for (const part of chunk(rows, 300)) await this.db('attribute_options').insert(part).onConflict(['attribute_id', 'value']).ignore();
    for (const [key, label] of missing) known.set(key, label);
  }
}
