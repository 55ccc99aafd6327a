/**
 * The queues of the SQS-compatible endpoint (sqs/protocol.ts): standard queues only, kept per region, AWS account
 * and name, as SQS names them. Message visibility, delays and retention are measured on the simulator clock, so a
 * test can jump past a visibility timeout instead of sleeping; long polling (the protocol's WaitTimeSeconds) waits
 * in real time, woken by `waitFor` when a message is sent.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SimClock } from '../clock';

export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export interface SqsMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  sentAtMs: number;
  /** The message can be received from then on (send delay, then each visibility timeout). */
  visibleAtMs: number;
  receiveCount: number;
  firstReceiveAtMs?: number;
  /** The handle of the latest receive; ChangeMessageVisibility accepts only this one. */
  receiptHandle?: string;
  messageAttributes?: Record<string, MessageAttributeValue>;
  senderId: string;
}

export interface QueueAttributes {
  VisibilityTimeout: number;
  DelaySeconds: number;
  ReceiveMessageWaitTimeSeconds: number;
  MessageRetentionPeriod: number;
  MaximumMessageSize: number;
}

export interface SqsQueue {
  region: string;
  accountId: string;
  name: string;
  createdAtMs: number;
  lastModifiedAtMs: number;
  lastPurgeAtMs?: number;
  attributes: QueueAttributes;
  messages: SqsMessage[];
}

/** SQS's defaults for a new standard queue. */
export const DEFAULT_QUEUE_ATTRIBUTES: QueueAttributes = {
  VisibilityTimeout: 30,
  DelaySeconds: 0,
  ReceiveMessageWaitTimeSeconds: 0,
  MessageRetentionPeriod: 345_600,
  MaximumMessageSize: 262_144,
};

/** An AWS account id for queues created without one (the merchant's account in the default scenario). */
export const DEFAULT_ACCOUNT = '000000000001';

export const queueUrl = (q: Pick<SqsQueue, 'region' | 'accountId' | 'name'>) =>
  `https://sqs.${q.region}.amazonaws.com/${q.accountId}/${q.name}`;
export const queueArn = (q: Pick<SqsQueue, 'region' | 'accountId' | 'name'>) => `arn:aws:sqs:${q.region}:${q.accountId}:${q.name}`;
const keyOf = (region: string, accountId: string, name: string) => `${region}|${accountId}|${name}`;
export const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

/** `arn:aws:sqs:<region>:<account>:<name>` → its parts, or null. */
export function parseQueueArn(arn: string): { region: string; accountId: string; name: string } | null {
  const m = /^arn:aws:sqs:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,80})$/.exec(arn);
  return m ? { region: m[1] ?? '', accountId: m[2] ?? '', name: m[3] ?? '' } : null;
}

/** `https://sqs.<region>.amazonaws.com/<account>/<name>` (or any host, then `region` is the caller's) → parts. */
export function parseQueueUrl(url: string, region: string): { region: string; accountId: string; name: string } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const m = /^\/(\d{12})\/([A-Za-z0-9_-]{1,80})\/?$/.exec(u.pathname);
  if (!m) return null;
  const hostRegion = /^sqs\.([a-z0-9-]+)\.amazonaws\.com$/.exec(u.hostname)?.[1];
  return { region: hostRegion ?? region, accountId: m[1] ?? '', name: m[2] ?? '' };
}

interface HandleParts {
  q: string;
  m: string;
  n: string;
}
const encodeHandle = (h: HandleParts) => Buffer.from(JSON.stringify(h)).toString('base64');
function decodeHandle(handle: string): HandleParts | null {
  try {
    const h = JSON.parse(Buffer.from(handle, 'base64').toString('utf8')) as Partial<HandleParts>;
    return typeof h.q === 'string' && typeof h.m === 'string' && typeof h.n === 'string' ? (h as HandleParts) : null;
  } catch {
    return null;
  }
}

export class SqsQueues {
  readonly queues = new Map<string, SqsQueue>();
  private waiters = new Map<string, Set<() => void>>();

  constructor(private clock: SimClock) {}

  get(region: string, accountId: string, name: string): SqsQueue | undefined {
    return this.queues.get(keyOf(region, accountId, name));
  }

  byArn(arn: string): SqsQueue | undefined {
    const p = parseQueueArn(arn);
    return p ? this.get(p.region, p.accountId, p.name) : undefined;
  }

  /** CreateQueue: an existing queue with the same attributes is returned as it is (SQS is idempotent there). */
  create(region: string, accountId: string, name: string, attributes: Partial<QueueAttributes> = {}): SqsQueue {
    const existing = this.get(region, accountId, name);
    const wanted = { ...DEFAULT_QUEUE_ATTRIBUTES, ...attributes };
    if (existing) {
      const differs = (Object.keys(attributes) as (keyof QueueAttributes)[]).some((k) => existing.attributes[k] !== wanted[k]);
      if (differs) throw new Error('QueueAlreadyExists');
      return existing;
    }
    const now = this.clock.nowMs();
    const q: SqsQueue = { region, accountId, name, createdAtMs: now, lastModifiedAtMs: now, attributes: wanted, messages: [] };
    this.queues.set(keyOf(region, accountId, name), q);
    return q;
  }

  delete(q: SqsQueue): void {
    this.queues.delete(keyOf(q.region, q.accountId, q.name));
  }

  /** Puts a message on the queue; `position` 'ahead' slips it before the newest waiting one (out of order). */
  send(
    q: SqsQueue,
    body: string,
    opts: { delaySeconds?: number; messageAttributes?: Record<string, MessageAttributeValue>; senderId?: string; ahead?: boolean } = {},
  ): SqsMessage {
    const now = this.clock.nowMs();
    const msg: SqsMessage = {
      messageId: randomUUID(),
      body,
      md5OfBody: md5(body),
      sentAtMs: now,
      visibleAtMs: now + (opts.delaySeconds ?? q.attributes.DelaySeconds) * 1000,
      receiveCount: 0,
      senderId: opts.senderId ?? 'AIDASIMULATOR00000001',
      ...(opts.messageAttributes ? { messageAttributes: opts.messageAttributes } : {}),
    };
    if (opts.ahead && q.messages.length > 0) q.messages.splice(q.messages.length - 1, 0, msg);
    else q.messages.push(msg);
    this.wake(q);
    return msg;
  }

  /** Up to `max` visible messages, oldest first; each becomes invisible for `visibilitySeconds`. */
  receive(q: SqsQueue, max: number, visibilitySeconds = q.attributes.VisibilityTimeout): SqsMessage[] {
    const now = this.expire(q);
    const out: SqsMessage[] = [];
    for (const m of q.messages) {
      if (out.length >= max) break;
      if (m.visibleAtMs > now) continue;
      m.receiveCount++;
      m.firstReceiveAtMs ??= now;
      m.visibleAtMs = now + visibilitySeconds * 1000;
      m.receiptHandle = encodeHandle({ q: keyOf(q.region, q.accountId, q.name), m: m.messageId, n: randomBytes(12).toString('hex') });
      out.push(m);
    }
    return out;
  }

  /** The message a receipt handle names; 'invalid' when the handle is not one of this queue's. */
  private byHandle(q: SqsQueue, handle: string): SqsMessage | 'invalid' | undefined {
    const h = decodeHandle(handle);
    if (!h || h.q !== keyOf(q.region, q.accountId, q.name)) return 'invalid';
    return q.messages.find((m) => m.messageId === h.m);
  }

  /** DeleteMessage: a handle of a message already deleted succeeds, as on SQS. */
  deleteMessage(q: SqsQueue, handle: string): 'ok' | 'invalid' {
    const m = this.byHandle(q, handle);
    if (m === 'invalid') return 'invalid';
    if (m) q.messages.splice(q.messages.indexOf(m), 1);
    return 'ok';
  }

  /** ChangeMessageVisibility: only the latest handle of a message still in flight. */
  changeVisibility(q: SqsQueue, handle: string, seconds: number): 'ok' | 'invalid' | 'not-inflight' {
    const m = this.byHandle(q, handle);
    if (m === 'invalid') return 'invalid';
    const now = this.expire(q);
    if (!m || m.receiptHandle !== handle || m.visibleAtMs <= now) return 'not-inflight';
    m.visibleAtMs = now + seconds * 1000;
    return 'ok';
  }

  purge(q: SqsQueue): boolean {
    const now = this.clock.nowMs();
    // SQS allows one purge a minute.
    if (q.lastPurgeAtMs !== undefined && now - q.lastPurgeAtMs < 60_000) return false;
    q.lastPurgeAtMs = now;
    q.messages.length = 0;
    return true;
  }

  counts(q: SqsQueue): { visible: number; notVisible: number; delayed: number } {
    const now = this.expire(q);
    let visible = 0;
    let notVisible = 0;
    let delayed = 0;
    for (const m of q.messages) {
      if (m.visibleAtMs <= now) visible++;
      else if (m.receiveCount === 0) delayed++;
      else notVisible++;
    }
    return { visible, notVisible, delayed };
  }

  /** Resolves when a message is sent to the queue or after `ms` (real time), whichever comes first. */
  waitFor(q: SqsQueue, ms: number): Promise<void> {
    const key = keyOf(q.region, q.accountId, q.name);
    return new Promise((resolve) => {
      let set = this.waiters.get(key);
      if (!set) this.waiters.set(key, (set = new Set()));
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
    });
  }

  private wake(q: SqsQueue): void {
    for (const w of [...(this.waiters.get(keyOf(q.region, q.accountId, q.name)) ?? [])]) w();
  }

  /** Drops messages older than the retention period; returns now. */
  private expire(q: SqsQueue): number {
    const now = this.clock.nowMs();
    const limit = now - q.attributes.MessageRetentionPeriod * 1000;
    if (q.messages.some((m) => m.sentAtMs <= limit)) q.messages = q.messages.filter((m) => m.sentAtMs > limit);
    return now;
  }
}
