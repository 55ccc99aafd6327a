/**
 * Form validation with the same JSON Schemas the API uses (from `schema/`), through ajv, so a form
 * says what is wrong before anything is sent. Messages are keyed by field name, like the server's
 * VALIDATION_FAILED details after `describeError`.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { labelFields, type FieldLabels } from '../api/field-labels';

const ajv = new Ajv({ allErrors: true, strict: false });
// The same rule the server's config uses: enough to catch typos, not an RFC parser.
ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);

const compiled = new WeakMap<object, ValidateFunction>();

export interface ValidationResult {
  valid: boolean;
  fields: Record<string, string>;
}

function messageOf(e: ErrorObject): string {
  switch (e.keyword) {
    case 'required':
      return 'is required';
    case 'minLength':
      return Number(e.params.limit) === 1 ? 'is required' : `must be at least ${String(e.params.limit)} characters`;
    case 'maxLength':
      return `must be at most ${String(e.params.limit)} characters`;
    case 'minimum':
      return `must be ${String(e.params.limit)} or more`;
    case 'maximum':
      return `must be ${String(e.params.limit)} or less`;
    case 'format':
      return e.params.format === 'email' ? 'must be a valid e-mail address' : `must be a valid ${String(e.params.format)}`;
    case 'enum':
      return 'must be one of the listed values';
    case 'type':
      return e.params.type === 'number' || e.params.type === 'integer' ? 'must be a number' : `must be a ${String(e.params.type)}`;
    case 'minProperties':
      return 'Change at least one field before saving';
    default:
      return e.message ?? 'is invalid';
  }
}

function fieldOf(e: ErrorObject): string {
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const missing = e.keyword === 'required' ? String(e.params.missingProperty) : '';
  return [path, missing].filter(Boolean).join('.') || '_form';
}

/** `labels`: the form's own words for fields it labels differently from `FIELD_LABELS`. */
export function validate(schema: object, value: unknown, labels: FieldLabels = {}): ValidationResult {
  let fn = compiled.get(schema);
  if (!fn) {
    // Compile without `$id`: the shared literals carry ids that must not clash when the module reloads.
    const { $id: _id, ...rest } = schema as Record<string, unknown>;
    fn = ajv.compile(rest);
    compiled.set(schema, fn);
  }
  if (fn(value)) return { valid: true, fields: {} };
  const fields: Record<string, string> = {};
  for (const e of fn.errors ?? []) fields[fieldOf(e)] ??= messageOf(e);
  return { valid: false, fields: labelFields(fields, labels) };
}
