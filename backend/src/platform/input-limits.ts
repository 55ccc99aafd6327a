/**
 * Limits every request's input meets before any schema sees it, whatever the route. Pure: `inputProblem`
 * walks parsed params, query or body for text no column should hold and numbers no column can hold.
 */
import type { FieldProblem } from './errors';

/** Containers (objects, arrays) inside one another. The deepest legitimate body — a listing rule of the
 * root and 6 nested groups inside a stock profile — nests 17; 32 leaves room without letting a recursive
 * validator run away. */
export const MAX_JSON_DEPTH = 32;
/** Values in one body: 20 times the largest list a route takes (5,000 listing ids). */
export const MAX_JSON_VALUES = 100_000;

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
 * surrogates (in values and in keys), numbers that are not finite (JSON.parse reads 1e309 as Infinity);
 * the walk itself stops at the nesting and size limits.
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
