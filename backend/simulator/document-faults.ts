/**
 * Fault injection on the document host (Amazon's S3 buckets for feed and report documents). What a client
 * meets there in real life: an answer that takes too long, a connection that breaks in the middle of the
 * body, S3's own 500 InternalError / 503 SlowDown, and a Content-Length the body does not live up to.
 * Rules are consumed in the order they were added, like the SP-API faults (faults.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export type DocumentFaultKind = 'slow' | 'truncated' | '5xx' | 'wrong-length';
export const DOCUMENT_FAULT_KINDS: DocumentFaultKind[] = ['slow', 'truncated', '5xx', 'wrong-length'];

export interface DocumentFaultRule {
  id: number;
  kind: DocumentFaultKind;
  /** Only requests of this method; absent = any (truncated and wrong-length concern bodies: GET only). */
  method?: 'GET' | 'PUT';
  /** Apply to the next `count` matching requests (default 1). */
  count: number;
  /** slow: how long to hold the request before answering normally. */
  delayMs?: number;
  /** 5xx: 500 (InternalError, the default) or 503 (SlowDown). */
  status?: 500 | 503;
}

/** A rule as the control plane receives it (checked by `add`). */
export interface DocumentFaultInput {
  kind: string;
  method?: string;
  count?: number;
  delayMs?: number;
  status?: number;
}

export class DocumentFaults {
  private rules: DocumentFaultRule[] = [];
  private nextId = 1;

  /** Validates a rule as the control plane receives it; a bad one is an Error with a message for the caller. */
  add(input: DocumentFaultInput): DocumentFaultRule {
    const kind = input.kind as DocumentFaultKind;
    if (!DOCUMENT_FAULT_KINDS.includes(kind)) throw new Error(`kind must be one of ${DOCUMENT_FAULT_KINDS.join(', ')}`);
    if (input.method !== undefined && input.method !== 'GET' && input.method !== 'PUT') throw new Error('method must be GET or PUT');
    const bodyFault = kind === 'truncated' || kind === 'wrong-length';
    if (bodyFault && input.method === 'PUT') throw new Error(`${kind} concerns the body of a download: method must be GET`);
    const count = input.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer');
    if (input.delayMs !== undefined && !(Number.isFinite(input.delayMs) && input.delayMs >= 0))
      throw new Error('delayMs must be a non-negative number');
    if (input.status !== undefined && input.status !== 500 && input.status !== 503) throw new Error('status must be 500 or 503');
    const rule: DocumentFaultRule = {
      id: this.nextId++,
      kind,
      count,
      ...(bodyFault ? { method: 'GET' as const } : input.method ? { method: input.method } : {}),
      ...(kind === 'slow' ? { delayMs: input.delayMs ?? 5000 } : {}),
      ...(kind === '5xx' ? { status: input.status === 503 ? (503 as const) : (500 as const) } : {}),
    };
    this.rules.push(rule);
    return { ...rule };
  }

  /** The fault for this request, consuming one use of its rule. */
  take(method: string): DocumentFaultRule | null {
    const rule = this.rules.find((r) => r.count > 0 && (r.method === undefined || r.method === method));
    if (!rule) return null;
    rule.count -= 1;
    if (rule.count === 0) this.rules = this.rules.filter((r) => r !== rule);
    return { ...rule };
  }

  list(): DocumentFaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }
}

/**
 * Writes the answer straight onto the socket, so the status line and headers can promise what the body then
 * does not keep (Node's ServerResponse would not let a handler get this wrong). Fastify is told to keep out.
 */
function rawAnswer(
  req: FastifyRequest,
  reply: FastifyReply,
  head: Record<string, string | number>,
  body: Buffer,
  finish: 'end' | 'destroy',
) {
  reply.hijack();
  const socket = req.raw.socket;
  const lines = ['HTTP/1.1 200 OK', ...Object.entries(head).map(([k, v]) => `${k}: ${v}`), 'Connection: close', '', ''];
  socket.write(lines.join('\r\n'));
  socket.write(body, () => (finish === 'end' ? socket.end() : socket.destroy()));
}

/** Sends `body` with the damage the rule asks for. */
export function damagedAnswer(
  req: FastifyRequest,
  reply: FastifyReply,
  rule: DocumentFaultRule,
  body: Buffer,
  head: Record<string, string | number>,
): void {
  if (rule.kind === 'truncated')
    // The right length announced, half the body sent, then the connection breaks.
    return rawAnswer(req, reply, { ...head, 'Content-Length': body.length }, body.subarray(0, Math.floor(body.length / 2)), 'destroy');
  // wrong-length: the whole body, but a Content-Length that promises more, then the connection is closed cleanly.
  return rawAnswer(req, reply, { ...head, 'Content-Length': body.length + 64 }, body, 'end');
}
