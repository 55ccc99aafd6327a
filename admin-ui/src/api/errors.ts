/**
 * The one place that turns a failure into something the admin can act on: a headline, the stable
 * error code (to quote to support or look up), and per-field messages for forms.
 */
import { ApiError } from './client';

export interface Problem {
  code: string;
  message: string;
  /** Field name (without the `body.` prefix) → what is wrong with it. */
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

function fieldsOf(details: unknown): Record<string, string> {
  const list = (details as { fields?: { field: string; message: string }[] } | null)?.fields;
  const fields: Record<string, string> = {};
  if (Array.isArray(list)) for (const f of list) fields[fieldName(f.field)] ??= f.message;
  return fields;
}

export function describeError(error: unknown): Problem {
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
    const message =
      error.code === 'FORBIDDEN' && error.message ? `${error.message} ${hint}` : error.message || hint || 'The request was refused.';
    return { code: error.code, message, fields: fieldsOf(error.details), status: error.status };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'CLIENT_ERROR', message: `Unexpected problem in the admin: ${message}`, fields: {}, status: 0 };
}

/** One line for a snackbar: "Price must be >= 0 (VALIDATION_FAILED)". */
export function errorLine(error: unknown): string {
  const p = describeError(error);
  return `${p.message} (${p.code})`;
}
