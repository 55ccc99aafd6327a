/**
 * Compares an answer with a case's answer on the fields the case shows, leaving out the fields the handler
 * generates; the answer may carry more (the case is a sample, and the model check covers the rest). Error
 * answers are compared by `code` only: Amazon's wording differs between its sandbox and production, and the
 * model leaves `message`/`details` free text. A few upstream cases put the HTTP status where the code goes
 * (`"code": "400"`); the status is compared separately, so such a code is not.
 */
const ERROR_TEXT = ['errors.*.message', 'errors.*.details'];

function matches(pattern: string, path: string): boolean {
  const p = pattern.split('.');
  const a = path.split('.');
  return p.length === a.length && p.every((seg, i) => seg === '*' || seg === a[i]);
}

/** The differences, as `path: expected X, got Y` lines (at most `limit`). */
export function differences(expected: unknown, actual: unknown, generated: readonly string[] = [], limit = 5): string[] {
  const skip = [...generated, ...ERROR_TEXT];
  const out: string[] = [];
  const walk = (e: unknown, a: unknown, path: string) => {
    if (out.length >= limit) return;
    if (path && skip.some((s) => matches(s, path))) return;
    if (Array.isArray(e)) {
      if (!Array.isArray(a)) return void out.push(`${path || '(body)'}: expected an array, got ${show(a)}`);
      if (e.length !== a.length) return void out.push(`${path || '(body)'}: expected ${e.length} items, got ${a.length}`);
      e.forEach((v, i) => walk(v, a[i], path ? `${path}.${i}` : String(i)));
      return;
    }
    if (e !== null && typeof e === 'object') {
      if (a === null || typeof a !== 'object' || Array.isArray(a))
        return void out.push(`${path || '(body)'}: expected an object, got ${show(a)}`);
      const ao = a as Record<string, unknown>;
      const eo = e as Record<string, unknown>;
      for (const k of Object.keys(eo)) walk(eo[k], ao[k], path ? `${path}.${k}` : k);
      return;
    }
    if (/^errors\.\d+\.code$/.test(path) && typeof e === 'string' && /^\d{3}$/.test(e)) return;
    if (e !== a) out.push(`${path || '(body)'}: expected ${show(e)}, got ${show(a)}`);
  };
  walk(expected, actual, '');
  return out;
}

function show(v: unknown): string {
  const s = v === undefined ? 'nothing' : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
