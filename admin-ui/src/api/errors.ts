/**
 * The one place that turns a failure into something the admin can act on: a headline, the stable
 * error code (to quote to support or look up), and per-field messages for forms.
 */
import { ApiError } from './client';
import { fieldsLine, labelFields, type FieldLabels } from './field-labels';

export interface Problem {
  code: string;
  message: string;
  /** Field name (without the `body.` prefix) → what is wrong with it, naming the field ("Price must be 0 or more"). */
  fields: Record<string, string>;
  status: number;
}

const HINTS: Record<string, string> = {
  FORBIDDEN: 'Your role does not allow this. Ask an administrator if you need it.',
  SESSION_EXPIRED: 'Your session has expired. Sign in again to continue.',
  UNAUTHENTICATED: 'Sign in to continue.',
  RATE_LIMITED: 'Too many attempts. Wait a minute and try again.',
  NOT_FOUND: 'It may have been deleted, or the link is wrong.',
  CONFLICT: 'Someone changed this at the same time. Reload and try again.',
};

/** `body.price` → `price`; `query.salableMin` → `salableMin`; `body.attributes.color` → `attributes.color`. */
export function fieldName(path: string): string {
  return path.replace(/^(body|query|params|querystring)\./, '');
}

function fieldsOf(details: unknown, labels: FieldLabels): Record<string, string> {
  const list = (details as { fields?: { field: string; message: string }[] } | null)?.fields;
  const fields: Record<string, string> = {};
  if (Array.isArray(list)) for (const f of list) fields[fieldName(f.field)] ??= f.message;
  return labelFields(fields, labels);
}

/** `labels`: the form's own words for fields it labels differently from `FIELD_LABELS`. */
export function describeError(error: unknown, labels: FieldLabels = {}): Problem {
  if (error instanceof ApiError) {
    if (error.status >= 500) {
      return {
        code: error.code,
        message: 'Something went wrong on the server. Try again; if it keeps happening, give this code to your developer.',
        fields: {},
        status: error.status,
      };
    }
    const hint = HINTS[error.code];
    const fields = fieldsOf(error.details, labels);
    // The server's line names fields by their API path ("body.price: must be >= 0"); the admin's names them as the form does.
    const named = Object.keys(fields).length ? fieldsLine(fields) : '';
    const message =
      error.code === 'FORBIDDEN' && error.message
        ? `${error.message} ${hint}`
        : named || error.message || hint || 'The request was refused.';
    return { code: error.code, message, fields, status: error.status };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'CLIENT_ERROR', message: `Unexpected problem in the admin: ${message}`, fields: {}, status: 0 };
}

/**
 * A form's own check refused it (nothing was sent): the problem says which fields, in their words, so a notice
 * or banner showing `message` names them too. `fields` come from `validate()` (already labelled).
 */
export function invalidProblem(fields: Record<string, string>, status = 0): Problem {
  return { code: 'VALIDATION_FAILED', message: fieldsLine(fields) || 'Check the highlighted fields.', fields, status };
}

/** One line for a snackbar: "Price must be 0 or more (VALIDATION_FAILED)". */
export function errorLine(error: unknown): string {
  const p = describeError(error);
  return `${p.message} (${p.code})`;
}
