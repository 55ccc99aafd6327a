/**
 * Limits every request's input meets before any schema sees it, whatever the route. Pure functions:
 * `jsonTextProblem` measures a JSON body's nesting and size on the raw text (before parsing, so a
 * 20,000-level body costs one linear scan, not a parse and a validator overflow); `inputProblem` walks
 * parsed params, query or body for text no column should hold and numbers no column can hold.
 */
import type { FieldProblem } from './errors';

/**
 * Containers (objects, arrays) inside one another. The deepest body the rule check accepts — a listing
 * rule or a stock profile's rule with the root and 6 nested groups — nests 15; 32 leaves room (deeper
 * rules still get the rule check's own message) without letting a recursive validator run away.
 */
export const MAX_JSON_DEPTH = 32;
/** Values in one body: 20 times the largest list a route takes (5,000 listing ids). */
export const MAX_JSON_VALUES = 100_000;

const QUOTE = 34;
const BACKSLASH = 92;
const OPENERS = new Set([123, 91]); // { [
const CLOSERS = new Set([125, 93]); // } ]
const COMMA = 44;

/** Too deep or too many values in a JSON text (strings skipped), or null. Malformed JSON is left to the parser. */
export function jsonTextProblem(text: string): FieldProblem | null {
  let depth = 0;
  let values = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Skip the string: brackets and commas inside it are text.
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === BACKSLASH) i++;
        else if (s === QUOTE) break;
      }
    } else if (OPENERS.has(c)) {
      if (++depth > MAX_JSON_DEPTH) return { field: 'body', message: `nests deeper than ${MAX_JSON_DEPTH} levels` };
    } else if (CLOSERS.has(c)) {
      depth--;
    } else if (c === COMMA && ++values > MAX_JSON_VALUES) {
      return { field: 'body', message: `holds more than ${MAX_JSON_VALUES} values` };
    }
  }
  return null;
}

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex -- finding the NUL control character is the point
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): string | null {
  const bad = BAD_TEXT.exec(text);
  if (!bad) return null;
  return bad[0] === '\u0000' ? 'must not contain NUL characters' : 'must be valid unicode (it holds a lone UTF-16 surrogate)';
}

function isPlainContainer(v: object): boolean {
  // Query objects come with a null-prototype class of their own; bytes and streams are not walked.
  return !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer) && typeof (v as { pipe?: unknown }).pipe !== 'function';
}

/**
 * The first problem in one parsed request part (`params`, `querystring`, `body`): text with NUL or lone
 * surrogates (in values and in keys), numbers that are not finite (JSON.parse reads 1e309 as Infinity),
 * and — for parts that did not come through the JSON parser — nesting and size beyond the JSON limits.
 * Fields are named like validation errors: `body.attributes.material.1`.
 */
export function inputProblem(value: unknown, part: string): FieldProblem | null {
  let seen = 0;
  const path: (string | number)[] = [part];
  const at = (message: string): FieldProblem => ({ field: path.join('.'), message });

  function walk(v: unknown, depth: number): FieldProblem | null {
    if (++seen > MAX_JSON_VALUES) return { field: part, message: `holds more than ${MAX_JSON_VALUES} values` };
    if (typeof v === 'string') {
      const problem = textProblem(v);
      return problem ? at(problem) : null;
    }
    if (typeof v === 'number') return Number.isFinite(v) ? null : at('must be a finite number');
    // Only what parsers build: objects and arrays (not a Buffer or stream some other parser hands over).
    if (v === null || typeof v !== 'object' || !isPlainContainer(v)) return null;
    if (depth >= MAX_JSON_DEPTH) return { field: part, message: `nests deeper than ${MAX_JSON_DEPTH} levels` };
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (const [key, child] of entries) {
      if (typeof key === 'string' && textProblem(key)) return at('has a key with a NUL character or a lone UTF-16 surrogate');
      path.push(key);
      const problem = walk(child, depth + 1);
      path.pop();
      if (problem) return problem;
    }
    return null;
  }
  return walk(value, 0);
}
