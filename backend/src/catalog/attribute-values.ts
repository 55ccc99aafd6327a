/**
 * Attribute values between the API and the database, pure. The database keeps every value as text:
 * `value` (VARCHAR 255, indexed, what filters match: option labels, multiselect labels joined by
 * ",", "1"/"0" for booleans, ISO dates) and `long_value` for text longer than 255 characters.
 * The importer uses the same functions, so a value means the same whichever way it came in.
 */
import type { AttributeType } from '../../../schema/catalog';

export interface AttributeDef {
  code: string;
  label: string;
  type: AttributeType;
  isRequired: boolean;
  options: readonly string[];
}

export interface StoredValue {
  value: string | null;
  longValue: string | null;
}

export type ApiValue = string | number | boolean | string[] | null;

export type Checked = { ok: true; stored: StoredValue | null } | { ok: false; message: string };

const VALUE_MAX = 255;
/** A MySQL TEXT column holds 65,535 bytes. */
const LONG_VALUE_MAX_BYTES = 65535;
const INT_MAX = 2147483647;

function store(text: string): StoredValue {
  return text.length > VALUE_MAX ? { value: null, longValue: text } : { value: text, longValue: null };
}

const show = (v: unknown) => JSON.stringify(v);

function optionList(def: AttributeDef): string {
  const shown = def.options.slice(0, 20).join(', ');
  return def.options.length > 20 ? `${shown}, … ${def.options.length - 20} more` : shown || 'no options';
}

/** The option label as the attribute spells it (labels match case-insensitively). */
function findOption(def: AttributeDef, label: string): string | undefined {
  const wanted = label.trim().toLowerCase();
  return def.options.find((o) => o.toLowerCase() === wanted);
}

function isValidDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

/**
 * Checks an API value against the attribute's type and gives its stored form; `stored: null`
 * means "remove the value". Messages name the value and say what was expected.
 */
export function toStored(def: AttributeDef, input: unknown): Checked {
  const empty = input === null || input === '' || (Array.isArray(input) && input.length === 0);
  if (empty) return def.isRequired ? { ok: false, message: `${def.label} is required and cannot be empty` } : { ok: true, stored: null };
  if (Array.isArray(input) && def.type !== 'multiselect') return { ok: false, message: `${def.label} takes one value, not a list` };

  switch (def.type) {
    case 'text':
    case 'textarea': {
      if (typeof input !== 'string' && typeof input !== 'number') return { ok: false, message: `${def.label} must be text` };
      const text = String(input);
      if (def.type === 'text' && text.length > VALUE_MAX)
        return { ok: false, message: `${def.label} must be at most ${VALUE_MAX} characters (got ${text.length})` };
      if (Buffer.byteLength(text, 'utf8') > LONG_VALUE_MAX_BYTES)
        return { ok: false, message: `${def.label} must be at most ${LONG_VALUE_MAX_BYTES} bytes` };
      return { ok: true, stored: store(text) };
    }
    case 'int': {
      const n = typeof input === 'number' ? input : typeof input === 'string' && /^\s*-?\d+\s*$/.test(input) ? Number(input) : NaN;
      if (!Number.isInteger(n) || Math.abs(n) > INT_MAX)
        return { ok: false, message: `${show(input)} is not a whole number (${def.label} is an integer attribute)` };
      return { ok: true, stored: store(String(n)) };
    }
    case 'decimal': {
      const n = typeof input === 'number' ? input : typeof input === 'string' && input.trim() !== '' ? Number(input) : NaN;
      if (!Number.isFinite(n)) return { ok: false, message: `${show(input)} is not a number (${def.label} is a decimal attribute)` };
      return { ok: true, stored: store(String(n)) };
    }
    case 'boolean': {
      const yes = [true, 1, '1', 'true', 'yes'];
      const no = [false, 0, '0', 'false', 'no'];
      const v = typeof input === 'string' ? input.trim().toLowerCase() : input;
      if (yes.includes(v as never)) return { ok: true, stored: store('1') };
      if (no.includes(v as never)) return { ok: true, stored: store('0') };
      return { ok: false, message: `${show(input)} is not yes or no (${def.label} is a boolean attribute: true/false, 1/0)` };
    }
    case 'date': {
      const text = typeof input === 'string' ? input.trim() : '';
      if (!isValidDate(text)) return { ok: false, message: `${show(input)} is not a date as YYYY-MM-DD` };
      return { ok: true, stored: store(text) };
    }
    case 'select': {
      const option = typeof input === 'string' || typeof input === 'number' ? findOption(def, String(input)) : undefined;
      if (option === undefined) return { ok: false, message: `${show(input)} is not an option of ${def.label} (${optionList(def)})` };
      return { ok: true, stored: store(option) };
    }
    case 'multiselect': {
      if (!Array.isArray(input))
        return { ok: false, message: `${def.label} takes a list of options, e.g. [${show(def.options[0] ?? 'option')}]` };
      const chosen: string[] = [];
      for (const item of input) {
        const option = typeof item === 'string' || typeof item === 'number' ? findOption(def, String(item)) : undefined;
        if (option === undefined) return { ok: false, message: `${show(item)} is not an option of ${def.label} (${optionList(def)})` };
        if (!chosen.includes(option)) chosen.push(option);
      }
      return { ok: true, stored: store(chosen.join(',')) };
    }
  }
}

/** The stored text back as the API shows it (numbers as numbers, booleans, multiselect as a list). */
export function fromStored(type: AttributeType, value: string | null, longValue: string | null): ApiValue {
  const text = longValue ?? value;
  if (text === null) return null;
  switch (type) {
    case 'int':
    case 'decimal': {
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n) ? n : text;
    }
    case 'boolean':
      return text === '1' || text.toLowerCase() === 'true';
    case 'multiselect':
      return text === '' ? [] : text.split(',');
    default:
      return text;
  }
}
