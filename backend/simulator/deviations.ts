/**
 * Where real Amazon answers differ from Amazon's own models, the local Amazon answers like Amazon, and the
 * response check (spapi.ts, the conformance runner) must not call that a mismatch. Each deviation is named
 * here with what Amazon sends; the check validates a copy with these fields put in the model's form, so
 * anything else wrong in the answer is still found.
 */
import type { Operation } from './models';

interface Deviation {
  modelId: string;
  /** Property name, wherever it appears in the answer. */
  field: string;
  /** What real answers carry; the model says boolean. */
  sends: 'string "true"/"false"';
}

export const REAL_AMAZON_DEVIATIONS: readonly Deviation[] = [
  // Recorded getOrders/getOrder answers carry "IsReplacementOrder": "false" although the model types it boolean.
  { modelId: 'ordersV0', field: 'IsReplacementOrder', sends: 'string "true"/"false"' },
];

/** The answer as the model would have it: the named deviations turned back into the model's types. */
export function asModelled(op: Pick<Operation, 'modelId'>, body: unknown): unknown {
  const fields = new Set(REAL_AMAZON_DEVIATIONS.filter((d) => d.modelId === op.modelId).map((d) => d.field));
  if (!fields.size) return body;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, fields.has(k) && (x === 'true' || x === 'false') ? x === 'true' : walk(x)]),
    );
  };
  return walk(body);
}
