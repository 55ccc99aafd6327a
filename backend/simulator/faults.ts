/**
 * Fault injection for SP-API calls: answer the next N calls of an operation (or a share of them) with
 * 429 / 500 / 503, delay them ("slow"), or drop the connection ("drop", what a timeout looks like to the
 * client). Rules are consumed in the order they were added.
 */
export type FaultKind = '429' | '500' | '503' | 'slow' | 'drop';
export const FAULT_KINDS: FaultKind[] = ['429', '500', '503', 'slow', 'drop'];

export interface FaultRule {
  id: number;
  /** operationId, or '*' for every SP-API operation. */
  operation: string;
  kind: FaultKind;
  /** Apply to the next `count` matching calls … */
  count?: number;
  /** … or to this share (0..1) of matching calls until removed. */
  rate?: number;
  /** For `slow`: how long to hold the request before answering normally. */
  delayMs?: number;
}

export class Faults {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(rule: Omit<FaultRule, 'id'>): FaultRule {
    if (!FAULT_KINDS.includes(rule.kind)) throw new Error(`kind must be one of ${FAULT_KINDS.join(', ')}`);
    if (rule.count === undefined && rule.rate === undefined) rule = { ...rule, count: 1 };
    if (rule.rate !== undefined && !(rule.rate >= 0 && rule.rate <= 1)) throw new Error('rate must be between 0 and 1');
    const r = { ...rule, id: this.nextId++ };
    this.rules.push(r);
    return r;
  }

  /** The fault to apply to this call, consuming one use of a counted rule. */
  take(operationId: string, random: () => number = Math.random): FaultRule | null {
    for (const r of this.rules) {
      if (r.operation !== '*' && r.operation !== operationId) continue;
      if (r.count !== undefined) {
        if (r.count <= 0) continue;
        r.count -= 1;
        if (r.count === 0) this.rules = this.rules.filter((x) => x !== r);
        return { ...r };
      }
      if (r.rate !== undefined && random() < r.rate) return { ...r };
    }
    return null;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }
  clear(): void {
    this.rules = [];
  }
}

/** Calls per operation, statuses served, 429s from the limiter vs. injected; document host requests and faults. */
export class Counters {
  calls: Record<string, number> = {};
  statuses: Record<string, Record<string, number>> = {};
  throttled: Record<string, number> = {};
  injected: Record<string, number> = {};
  lwa: Record<string, number> = {};
  /** Document host requests per method, and injected document-host faults per kind. */
  documents: Record<string, number> = {};
  documentFaults: Record<string, number> = {};

  call(op: string): void {
    this.calls[op] = (this.calls[op] ?? 0) + 1;
  }
  status(op: string, status: number): void {
    const s = (this.statuses[op] ??= {});
    s[status] = (s[status] ?? 0) + 1;
  }
  throttle(op: string): void {
    this.throttled[op] = (this.throttled[op] ?? 0) + 1;
  }
  inject(op: string): void {
    this.injected[op] = (this.injected[op] ?? 0) + 1;
  }
  documentRequest(method: string): void {
    this.documents[method] = (this.documents[method] ?? 0) + 1;
  }
  documentFault(kind: string): void {
    this.documentFaults[kind] = (this.documentFaults[kind] ?? 0) + 1;
  }
  lwaCall(outcome: string): void {
    this.lwa[outcome] = (this.lwa[outcome] ?? 0) + 1;
  }

  snapshot() {
    const total429 = Object.values(this.statuses).reduce((n, s) => n + (s['429'] ?? 0), 0);
    return {
      calls: { ...this.calls },
      statuses: structuredClone(this.statuses),
      throttled: { ...this.throttled },
      injected: { ...this.injected },
      lwa: { ...this.lwa },
      documents: { ...this.documents },
      documentFaults: { ...this.documentFaults },
      total429,
    };
  }
}
