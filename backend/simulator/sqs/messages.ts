/**
 * SendMessage and ReceiveMessage of the SQS-compatible endpoint. ReceiveMessage long-polls: with WaitTimeSeconds
 * (or the queue's ReceiveMessageWaitTimeSeconds) it holds the request in real time until a message can be
 * received — answering as soon as one is sent — or the wait is over, then answers with what there is (maybe none).
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Sim } from '../sim';
import type { MessageAttributeValue, SqsMessage, SqsQueue } from './queues';
import { intParam, invalidParameter, queueOf, str, type Json } from './errors';

/** Re-checks for visible messages this often while long polling (the simulator clock may have been advanced). */
const POLL_SLICE_MS = 200;

/** SQS's MD5 of message attributes: names sorted, each length-prefixed name, type, transport byte and value. */
export function messageAttributesMd5(attrs: Record<string, MessageAttributeValue>): string {
  const hash = createHash('md5');
  const lenPrefixed = (b: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    hash.update(len);
    hash.update(b);
  };
  for (const name of Object.keys(attrs).sort()) {
    const a = attrs[name];
    if (!a) continue;
    lenPrefixed(Buffer.from(name, 'utf8'));
    lenPrefixed(Buffer.from(a.DataType, 'utf8'));
    if (a.BinaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      lenPrefixed(Buffer.from(a.BinaryValue, 'base64'));
    } else {
      hash.update(Buffer.from([1]));
      lenPrefixed(Buffer.from(a.StringValue ?? '', 'utf8'));
    }
  }
  return hash.digest('hex');
}

export function sendMessage(sim: Sim, q: SqsQueue, body: Json): Json {
  const text = str(body, 'MessageBody');
  if (Buffer.byteLength(text, 'utf8') > q.attributes.MaximumMessageSize)
    throw invalidParameter(
      `One or more parameters are invalid. Reason: Message must be shorter than ${q.attributes.MaximumMessageSize} bytes.`,
    );
  const delaySeconds = intParam(body, 'DelaySeconds', 0, 900);
  const attrs = body.MessageAttributes as Record<string, MessageAttributeValue> | undefined;
  const m = sim.world.sqs.send(q, text, {
    ...(delaySeconds !== undefined ? { delaySeconds } : {}),
    ...(attrs && Object.keys(attrs).length ? { messageAttributes: attrs } : {}),
  });
  return {
    MessageId: m.messageId,
    MD5OfMessageBody: m.md5OfBody,
    ...(m.messageAttributes ? { MD5OfMessageAttributes: messageAttributesMd5(m.messageAttributes) } : {}),
  };
}

const SYSTEM_ATTRIBUTES = ['SenderId', 'SentTimestamp', 'ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp'];

function shape(m: SqsMessage, systemNames: string[], attributeNames: string[]): Json {
  const system: Record<string, string> = {
    SenderId: m.senderId,
    SentTimestamp: String(m.sentAtMs),
    ApproximateReceiveCount: String(m.receiveCount),
    ApproximateFirstReceiveTimestamp: String(m.firstReceiveAtMs ?? m.sentAtMs),
  };
  const wantAll = systemNames.includes('All');
  const attributes = Object.fromEntries(
    SYSTEM_ATTRIBUTES.filter((n) => wantAll || systemNames.includes(n)).map((n) => [n, system[n] ?? '']),
  );
  const picked = Object.fromEntries(
    Object.entries(m.messageAttributes ?? {}).filter(([name]) =>
      attributeNames.some((w) => w === 'All' || w === '.*' || w === name || (w.endsWith('.*') && name.startsWith(w.slice(0, -1)))),
    ),
  );
  return {
    MessageId: m.messageId,
    ReceiptHandle: m.receiptHandle,
    MD5OfBody: m.md5OfBody,
    Body: m.body,
    ...(Object.keys(attributes).length ? { Attributes: attributes } : {}),
    ...(Object.keys(picked).length ? { MessageAttributes: picked, MD5OfMessageAttributes: messageAttributesMd5(picked) } : {}),
  };
}

const names = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

export async function receiveMessage(sim: Sim, req: FastifyRequest, body: Json, region: string): Promise<Json> {
  const first = queueOf(sim, body, region);
  const max = intParam(body, 'MaxNumberOfMessages', 1, 10) ?? 1;
  const visibility = intParam(body, 'VisibilityTimeout', 0, 43_200);
  const wait = intParam(body, 'WaitTimeSeconds', 0, 20) ?? first.attributes.ReceiveMessageWaitTimeSeconds;
  const systemNames = [...names(body.MessageSystemAttributeNames), ...names(body.AttributeNames)];
  const attributeNames = names(body.MessageAttributeNames);
  const deadline = Date.now() + wait * 1000;
  for (;;) {
    // A reset replaces the world (and its queues) while a poll waits: look the queue up again each time.
    sim.tick();
    const q = queueOf(sim, body, region);
    const got = sim.world.sqs.receive(q, max, visibility);
    if (got.length) return { Messages: got.map((m) => shape(m, systemNames, attributeNames)) };
    const left = deadline - Date.now();
    // The request itself is consumed (and auto-destroyed) by now: a client that went away shows on the socket.
    if (left <= 0 || req.raw.socket.destroyed) return {};
    await sim.world.sqs.waitFor(q, Math.min(left, POLL_SLICE_MS));
  }
}
