/**
 * Pure parsers for the cells of Magento's product and source-item CSV files. Each one either
 * returns the parsed value or throws a RowProblem whose message names the column, so the importer
 * can report "row 7 (sku X): price: "abc" is not a number" without knowing the cell formats.
 */

import type { Backorders, Visibility } from '../../../../schema/catalog';
import { checkSourceQuantity } from '../source-quantity';

/** A row-level problem: the row is reported and skipped, the import goes on. */
export class RowProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RowProblem';
  }
}

/** Magento's marker for "clear this value" in an update row (an empty cell means "keep"). */
export const EMPTY_VALUE_MARKER = '__EMPTY__VALUE__';

/** DECIMAL(12,4): eight digits before the point. */
const DECIMAL_LIMIT = 1e8;
const DECIMAL_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function parseDecimal(text: string, column: string, options: { min?: number } = {}): number {
  const trimmed = text.trim();
  if (!DECIMAL_PATTERN.test(trimmed)) throw new RowProblem(`${column}: "${text}" is not a number`);
  const value = Math.round(Number(trimmed) * 10000) / 10000;
  if (Math.abs(value) >= DECIMAL_LIMIT) throw new RowProblem(`${column}: ${text} is out of range`);
  if (options.min !== undefined && value < options.min) throw new RowProblem(`${column}: ${text} must be at least ${options.min}`);
  return value;
}

/** A source item quantity (`quantity`, `qty`) by the rule the API applies, in its words. */
export function sourceQuantity(value: number, column: string): number {
  const checked = checkSourceQuantity(value);
  if (!checked.ok) throw new RowProblem(`${column}: ${checked.problem}`);
  return checked.quantity;
}

/** Magento's 0/1 flags ("Yes"/"No" from hand-edited files too). */
export function parseFlag(text: string, column: string): boolean {
  const v = text.trim().toLowerCase();
  if (v === '1' || v === 'yes' || v === 'true') return true;
  if (v === '0' || v === 'no' || v === 'false') return false;
  throw new RowProblem(`${column}: "${text}" must be 1 or 0`);
}

/** product_online: 1 enabled; 2 (Magento's "disabled" status id) or 0 disabled. */
export function parseStatus(text: string): 'enabled' | 'disabled' {
  const v = text.trim().toLowerCase();
  if (v === '1' || v === 'enabled') return 'enabled';
  if (v === '2' || v === '0' || v === 'disabled') return 'disabled';
  throw new RowProblem(`product_online: "${text}" must be 1 (enabled) or 2 (disabled)`);
}

const VISIBILITY: Record<string, Visibility> = {
  'not visible individually': 'not_visible',
  catalog: 'catalog',
  search: 'search',
  'catalog, search': 'catalog_search',
  // Magento's option ids, as some hand-made files carry them.
  '1': 'not_visible',
  '2': 'catalog',
  '3': 'search',
  '4': 'catalog_search',
};

export function parseVisibility(text: string): Visibility {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/\s*,\s*/g, ', ')
    .replace(/\s+/g, ' ');
  const value = VISIBILITY[key];
  if (!value) throw new RowProblem(`visibility: "${text}" must be one of Not Visible Individually, Catalog, Search, "Catalog, Search"`);
  return value;
}

/** allow_backorders: 0 no, 1 allow qty below 0, 2 allow and notify the customer. */
export function parseBackorders(text: string): Backorders {
  const v = text.trim();
  if (v === '0') return 'no';
  if (v === '1') return 'allow';
  if (v === '2') return 'allow_notify';
  throw new RowProblem(`allow_backorders: "${text}" must be 0, 1 or 2`);
}

/**
 * Dates as Magento writes them: ISO ("2015-10-23", "2015-10-23 00:35:03") or the admin's en_US
 * short form ("10/23/15", "11/16/21, 11:40 AM", "10/23/2015"). Returns YYYY-MM-DD.
 */
export function parseDate(text: string, column: string): string {
  const v = text.trim();
  let year: number, month: number, day: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(v);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:,?\s.*)?$/.exec(v);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us) {
    const y = Number(us[3]);
    [year, month, day] = [us[3]!.length === 2 ? 2000 + y : y, Number(us[1]), Number(us[2])];
  } else throw new RowProblem(`${column}: "${text}" is not a date`);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new RowProblem(`${column}: "${text}" is not a date`);
  }
  return date.toISOString().slice(0, 10);
}

/** "base,test" → ["base","test"]: trimmed, empties dropped, duplicates removed, order kept. */
export function splitList(text: string, separator = ','): string[] {
  return [...new Set(text.split(separator).map((s) => s.trim()))].filter((s) => s !== '');
}

/**
 * categories: paths separated by "," ("Default Category/Gear,Default Category/Gear/Bags"), each
 * normalised (segments trimmed, empty segments dropped).
 */
export function parseCategoryPaths(text: string): string[] {
  const paths = splitList(text)
    .map((p) =>
      p
        .split('/')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .join('/'),
    )
    .filter((p) => p !== '');
  for (const p of paths) {
    if (p.length > 700) throw new RowProblem(`categories: path "${p.slice(0, 40)}…" is longer than 700 characters`);
    if (p.split('/').some((s) => s.length > 255))
      throw new RowProblem(`categories: a category name in "${p}" is longer than 255 characters`);
  }
  return [...new Set(paths)];
}

/** "Default Category/Gear/Bags" → ["Default Category", "Default Category/Gear", "Default Category/Gear/Bags"]. */
export function categoryAncestry(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

const CODE_AT = /([A-Za-z0-9_]+)=/y;
const NEXT_PAIR = /,(?=[A-Za-z0-9_]+=)/g;

/**
 * `code=value,code=value` (additional_attributes, one configurable variation, variation labels).
 * A value may hold commas: like Magento, only a "," followed by `code=` starts the next pair.
 * A value wrapped in double quotes (Magento's "fields enclosure" export) runs to the closing quote,
 * with "" standing for one quote. Codes are lower-cased, as Magento does. Text before the first
 * `code=` is ignored (Magento skips it too).
 */
export function parsePairs(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === ',') i += 1;
    CODE_AT.lastIndex = i;
    const code = CODE_AT.exec(text);
    if (!code) {
      NEXT_PAIR.lastIndex = i;
      const next = NEXT_PAIR.exec(text);
      if (!next) break;
      i = next.index + 1;
      continue;
    }
    i = CODE_AT.lastIndex;
    let value: string;
    const closing = text[i] === '"' ? findClosingQuote(text, i + 1) : -1;
    if (closing >= 0) {
      value = text.slice(i + 1, closing).replace(/""/g, '"');
      i = closing + 1;
    } else {
      NEXT_PAIR.lastIndex = i;
      const next = NEXT_PAIR.exec(text);
      const end = next ? next.index : text.length;
      value = text.slice(i, end);
      i = end;
    }
    pairs.set(code[1]!.toLowerCase(), value);
  }
  return pairs;
}

/** The index of the quote that closes a wrapped value: one not doubled, followed by "," or the end. */
function findClosingQuote(text: string, from: number): number {
  for (let j = from; j < text.length; j += 1) {
    if (text[j] !== '"') continue;
    if (text[j + 1] === '"') {
      j += 1;
      continue;
    }
    const rest = text.slice(j + 1).trimStart();
    if (rest === '' || rest.startsWith(',')) return j;
  }
  return -1;
}

export interface Variation {
  sku: string;
  /** Super attribute code → option label of this child. */
  values: Map<string, string>;
}

/** configurable_variations: `sku=X,color=Red,size=M|sku=Y,color=Blue,size=M`. */
export function parseVariations(text: string): Variation[] {
  const variations: Variation[] = [];
  for (const part of text.split('|')) {
    if (part.trim() === '') continue;
    const pairs = parsePairs(part);
    const sku = pairs.get('sku')?.trim();
    if (!sku) throw new RowProblem(`configurable_variations: "${part}" has no sku=`);
    pairs.delete('sku');
    const values = new Map([...pairs].map(([code, value]) => [code, value.trim()] as [string, string]));
    if (values.size === 0) throw new RowProblem(`configurable_variations: variation ${sku} names no attribute`);
    variations.push({ sku, values });
  }
  return variations;
}

const ACRONYMS = new Set(['ean', 'upc', 'isbn', 'asin', 'gtin', 'mpn', 'sku']);

/** A readable label for an attribute created on first use: "country_of_manufacture" → "Country Of Manufacture". */
export function labelFor(code: string): string {
  return code
    .split('_')
    .filter((w) => w !== '')
    .map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1)))
    .join(' ');
}

/**
 * A value for an attribute that already exists with a typed kind (created by an admin, say):
 * numbers, flags and dates are checked and normalised; text, options and anything else pass as is.
 */
export function normalizeAttributeValue(type: string, code: string, value: string): string {
  const v = value.trim();
  switch (type) {
    case 'int':
      if (!/^[+-]?\d+$/.test(v)) throw new RowProblem(`${code}: "${value}" is not a whole number`);
      return String(Number(v));
    case 'decimal':
      return String(parseDecimal(v, code));
    case 'boolean':
      return parseFlag(v, code) ? '1' : '0';
    case 'date':
      return parseDate(v, code);
    case 'select':
      if (v.length > 255) throw new RowProblem(`${code}: an option label is longer than 255 characters`);
      return v;
    case 'multiselect':
      // Magento separates the chosen options with "|"; the catalog keeps them joined by ",".
      return splitList(v, '|').join(',');
    default:
      return value;
  }
}
