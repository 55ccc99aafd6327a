/**
 * Which type a new attribute gets, judged from every value a CSV gives it (pure). The rule, in order:
 *
 * 1. named in configurable_variations (a super attribute) → `select`: a configurable needs one;
 * 2. no value at all (only `__EMPTY__VALUE__`) → `text`;
 * 3. every value 0/1, yes/no or true/false → `boolean`;
 * 4. every value a whole number of at most 9 digits without a leading zero → `int` (a leading zero or
 *    more digits means a code — a barcode, a zip — which stays text);
 * 5. every value a number with at most 4 decimals → `decimal`;
 * 6. every value a date as Magento writes them (2024-03-01, 3/1/24) → `date`;
 * 7. some value holds "|" (Magento's separator between the chosen options) and every part is a
 *    short single line without a comma (the catalog joins chosen options with ","), at most 100
 *    distinct → `multiselect`, its options the distinct parts;
 * 8. few distinct values that repeat (at most 100, each used twice on average) → `select`;
 * 9. a value longer than 255 characters or on several lines → `textarea`;
 * 10. otherwise `text`.
 *
 * Values are compared trimmed and ignoring case, as the catalog matches option labels; an option
 * keeps the spelling it first appeared with, and options come in the order they first appear.
 */
import type { AttributeType } from '../../../../schema/catalog';
import { RowProblem, parseDate } from './fields';

/** Above this many distinct values an attribute is not a select (a name, a model number…). */
export const SELECT_MAX_OPTIONS = 100;
/** A select's values repeat: on average each distinct value is used at least this often. */
export const SELECT_MIN_USES_PER_OPTION = 2;
/** Distinct values remembered per attribute; past this the attribute can be neither select nor multiselect. */
const DISTINCT_CAP = 1000;
const MULTI_SEPARATOR = '|';
const OPTION_MAX_LENGTH = 255;

const BOOLEAN_WORDS = new Set(['0', '1', 'yes', 'no', 'true', 'false']);
const INT_PATTERN = /^[+-]?(0|[1-9]\d{0,8})$/;
const DECIMAL_PATTERN = /^[+-]?(0|[1-9]\d{0,7})(\.\d{1,4})?$/;

function isDate(value: string): boolean {
  try {
    parseDate(value, '');
    return true;
  } catch (error) {
    if (error instanceof RowProblem) return false;
    throw error;
  }
}

/** First spellings of distinct values, keyed by their lower-case form, up to DISTINCT_CAP. */
class Distinct {
  readonly byKey = new Map<string, string>();
  overflow = false;

  add(value: string): void {
    const key = value.toLowerCase();
    if (this.byKey.has(key)) return;
    if (this.byKey.size >= DISTINCT_CAP) this.overflow = true;
    else this.byKey.set(key, value);
  }

  get size(): number {
    return this.byKey.size;
  }

  values(): string[] {
    return [...this.byKey.values()];
  }
}

/** What the values of one attribute look like, gathered one value at a time (memory is bounded). */
export class ValueStats {
  /** Non-empty values seen. */
  count = 0;
  private readonly distinct = new Distinct();
  private readonly parts = new Distinct();
  private allBoolean = true;
  private allInt = true;
  private allDecimal = true;
  private allDate = true;
  private hasSeparator = false;
  private hasLongText = false;
  /** A part no multiselect option can be: long, on several lines, or holding the "," stored values are joined with. */
  private hasUnfitPart = false;

  add(raw: string): void {
    const value = raw.trim();
    if (value === '') return;
    this.count += 1;
    this.distinct.add(value);
    const lower = value.toLowerCase();
    this.allBoolean &&= BOOLEAN_WORDS.has(lower);
    this.allInt &&= INT_PATTERN.test(value);
    this.allDecimal &&= DECIMAL_PATTERN.test(value);
    // Parsing dates costs more than the other checks: skip once one value is not a date.
    this.allDate &&= isDate(value);
    const multiLine = value.includes('\n') || value.includes('\r');
    if (value.length > OPTION_MAX_LENGTH || multiLine) this.hasLongText = true;
    if (value.includes(MULTI_SEPARATOR)) this.hasSeparator = true;
    for (const part of splitOptions(value)) {
      if (part.length > OPTION_MAX_LENGTH || multiLine || part.includes(',')) this.hasUnfitPart = true;
      this.parts.add(part);
    }
  }

  /** The type the rule above gives; `isSuper` when configurable_variations names the attribute. */
  inferType(isSuper: boolean): AttributeType {
    if (isSuper) return 'select';
    if (this.count === 0) return 'text';
    if (this.allBoolean) return 'boolean';
    if (this.allInt) return 'int';
    if (this.allDecimal) return 'decimal';
    if (this.allDate) return 'date';
    if (this.hasSeparator && !this.hasUnfitPart && !this.parts.overflow && this.parts.size <= SELECT_MAX_OPTIONS) return 'multiselect';
    const fewThatRepeat =
      !this.distinct.overflow && this.distinct.size <= SELECT_MAX_OPTIONS && this.count >= this.distinct.size * SELECT_MIN_USES_PER_OPTION;
    if (fewThatRepeat && !this.hasLongText) return 'select';
    return this.hasLongText ? 'textarea' : 'text';
  }

  /** The options a select or multiselect of these values needs, in order of first appearance. */
  options(type: AttributeType): string[] {
    if (type === 'multiselect') return this.parts.values();
    if (type === 'select') return this.distinct.values();
    return [];
  }
}

/** "Gym|Hiking| Trail" → ["Gym", "Hiking", "Trail"]: a multiselect cell's chosen options. */
export function splitOptions(value: string): string[] {
  return value
    .split(MULTI_SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
