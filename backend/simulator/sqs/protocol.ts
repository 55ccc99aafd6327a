/**
 * An SQS-compatible endpoint speaking the AWS JSON 1.0 protocol that current `@aws-sdk/client-sqs` versions use:
 * `POST /` with `X-Amz-Target: AmazonSQS.<Action>` and a JSON body; errors as `{"__type", "message"}` plus the
 * `x-amzn-query-error: <Code>;Sender` header the SDK maps to its exception classes (QueueDoesNotExist …).
 * Served on `sqs.<region>.amazonaws.com` and, for clients given an `endpoint`, on any host of the listener that
 * sends an `AmazonSQS.*` target. The SigV4 Authorization header must be there but is not verified.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Sim } from '../sim';
import { rawBody } from '../http-util';
import { DEFAULT_ACCOUNT, queueUrl, type QueueAttributes, type SqsQueue } from './queues';
import { receiveMessage, sendMessage } from './messages';
import {
  intParam,
  invalidParameter,
  missingParameter,
  noQueue,
  queueOf,
  receiptInvalid,
  SqsError,
  sqsType,
  str,
  type Json,
} from './errors';

export const SQS_HOST = /^sqs\.([a-z0-9-]+)\.amazonaws\.com$/;

/** `sqs.<region>.amazonaws.com`, else the region of the SigV4 credential scope, else us-east-1. */
function regionOf(host: string, authorization: string): string {
  return SQS_HOST.exec(host)?.[1] ?? /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/sqs\//.exec(authorization)?.[1] ?? 'us-east-1';
}

export const isSqsRequest = (host: string, req: FastifyRequest) =>
  SQS_HOST.test(host) || String(req.headers['x-amz-target'] ?? '').startsWith('AmazonSQS.');

export async function handleSqs(sim: Sim, req: FastifyRequest, reply: FastifyReply, host: string) {
  const requestId = randomUUID();
  reply.header('x-amzn-requestid', requestId).header('content-type', 'application/x-amz-json-1.0');
  const fail = (e: SqsError) =>
    reply
      .code(e.status)
      .header('x-amzn-query-error', `${e.queryCode};Sender`)
      .send(JSON.stringify({ __type: e.type, message: e.message }));
  const auth = String(req.headers.authorization ?? '');
  if (!auth) {
    const e = new SqsError(403, 'com.amazon.coral.service#MissingAuthenticationTokenException', 'MissingAuthenticationToken', '');
    return fail(Object.assign(e, { message: 'Request is missing Authentication Token' }));
  }
  if (!auth.startsWith('AWS4-HMAC-SHA256 ') || !auth.includes('Credential='))
    return fail(
      new SqsError(
        403,
        'com.amazon.coral.service#IncompleteSignatureException',
        'IncompleteSignature',
        'Authorization header requires a SigV4 Credential.',
      ),
    );
  const target = String(req.headers['x-amz-target'] ?? '');
  if (req.method !== 'POST' || !target.startsWith('AmazonSQS.'))
    return fail(
      new SqsError(
        400,
        'com.amazon.coral.service#UnknownOperationException',
        'UnknownOperation',
        'Send POST / with X-Amz-Target: AmazonSQS.<Action>.',
      ),
    );
  let body: Json;
  try {
    const text = rawBody(req).toString('utf8');
    body = text.trim() ? (JSON.parse(text) as Json) : {};
  } catch {
    return fail(
      new SqsError(400, 'com.amazon.coral.service#SerializationException', 'SerializationException', 'The request body is not valid JSON.'),
    );
  }
  const action = target.slice('AmazonSQS.'.length);
  const region = regionOf(host, auth);
  try {
    const out = await dispatch(sim, req, action, body, region);
    return reply.code(200).send(JSON.stringify(out));
  } catch (err) {
    if (err instanceof SqsError) return fail(err);
    throw err;
  }
}

const ATTRIBUTE_LIMITS: Record<keyof QueueAttributes, [number, number]> = {
  VisibilityTimeout: [0, 43_200],
  DelaySeconds: [0, 900],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  MessageRetentionPeriod: [60, 1_209_600],
  MaximumMessageSize: [1024, 262_144],
};

function settableAttributes(raw: unknown): Partial<QueueAttributes> {
  const out: Partial<QueueAttributes> = {};
  for (const [k, v] of Object.entries((raw ?? {}) as Record<string, string>)) {
    if (k === 'FifoQueue' || k === 'ContentBasedDeduplication')
      throw invalidParameter('FIFO queues are not supported by the local SQS; use a standard queue.');
    const limits = ATTRIBUTE_LIMITS[k as keyof QueueAttributes];
    if (!limits) continue; // policies, redrive, encryption: accepted and not imitated
    const n = Number(v);
    if (!Number.isInteger(n) || n < limits[0] || n > limits[1]) {
      throw new SqsError(400, sqsType('InvalidAttributeValue'), 'InvalidAttributeValue', `Invalid value for the parameter ${k}.`);
    }
    out[k as keyof QueueAttributes] = n;
  }
  return out;
}

function queueAttributes(sim: Sim, q: SqsQueue, names: unknown): Record<string, string> {
  const c = sim.world.sqs.counts(q);
  const all: Record<string, string> = {
    ApproximateNumberOfMessages: String(c.visible),
    ApproximateNumberOfMessagesNotVisible: String(c.notVisible),
    ApproximateNumberOfMessagesDelayed: String(c.delayed),
    CreatedTimestamp: String(Math.floor(q.createdAtMs / 1000)),
    LastModifiedTimestamp: String(Math.floor(q.lastModifiedAtMs / 1000)),
    QueueArn: `arn:aws:sqs:${q.region}:${q.accountId}:${q.name}`,
    SqsManagedSseEnabled: 'true',
    ...Object.fromEntries(Object.entries(q.attributes).map(([k, v]) => [k, String(v)])),
  };
  const wanted = Array.isArray(names) ? names.map(String) : [];
  if (wanted.includes('All')) return all;
  const out: Record<string, string> = {};
  for (const n of wanted) {
    if (!(n in all)) throw new SqsError(400, sqsType('InvalidAttributeName'), 'InvalidAttributeName', `Unknown Attribute ${n}.`);
    out[n] = all[n] ?? '';
  }
  return out;
}

async function dispatch(sim: Sim, req: FastifyRequest, action: string, body: Json, region: string): Promise<Json> {
  const queues = sim.world.sqs;
  switch (action) {
    case 'CreateQueue': {
      const name = str(body, 'QueueName');
      if (!/^[A-Za-z0-9_-]{1,80}$/.test(name))
        throw invalidParameter(
          name.endsWith('.fifo')
            ? 'FIFO queues are not supported by the local SQS; use a standard queue.'
            : 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
        );
      try {
        return { QueueUrl: queueUrl(queues.create(region, DEFAULT_ACCOUNT, name, settableAttributes(body.Attributes))) };
      } catch (e) {
        if ((e as Error).message !== 'QueueAlreadyExists') throw e;
        throw new SqsError(
          400,
          sqsType('QueueNameExists'),
          'QueueAlreadyExists',
          'A queue already exists with the same name and a different value for attribute(s).',
        );
      }
    }
    case 'GetQueueUrl': {
      const account = typeof body.QueueOwnerAWSAccountId === 'string' ? body.QueueOwnerAWSAccountId : DEFAULT_ACCOUNT;
      const q = queues.get(region, account, str(body, 'QueueName'));
      if (!q) throw noQueue();
      return { QueueUrl: queueUrl(q) };
    }
    case 'ListQueues': {
      const prefix = typeof body.QueueNamePrefix === 'string' ? body.QueueNamePrefix : '';
      const urls = [...queues.queues.values()].filter((q) => q.region === region && q.name.startsWith(prefix)).map(queueUrl);
      return urls.length ? { QueueUrls: urls } : {};
    }
    case 'DeleteQueue':
      queues.delete(queueOf(sim, body, region));
      return {};
    case 'GetQueueAttributes': {
      const attributes = queueAttributes(sim, queueOf(sim, body, region), body.AttributeNames);
      return Object.keys(attributes).length ? { Attributes: attributes } : {};
    }
    case 'SetQueueAttributes': {
      const q = queueOf(sim, body, region);
      Object.assign(q.attributes, settableAttributes(body.Attributes));
      q.lastModifiedAtMs = sim.clock.nowMs();
      return {};
    }
    case 'SendMessage':
      return sendMessage(sim, queueOf(sim, body, region), body);
    case 'ReceiveMessage':
      return receiveMessage(sim, req, body, region);
    case 'DeleteMessage': {
      const q = queueOf(sim, body, region);
      const handle = str(body, 'ReceiptHandle');
      if (queues.deleteMessage(q, handle) === 'invalid') throw receiptInvalid(handle);
      return {};
    }
    case 'DeleteMessageBatch':
      return deleteBatch(sim, queueOf(sim, body, region), body);
    case 'ChangeMessageVisibility': {
      const q = queueOf(sim, body, region);
      const handle = str(body, 'ReceiptHandle');
      const seconds = intParam(body, 'VisibilityTimeout', 0, 43_200);
      if (seconds === undefined) throw missingParameter('VisibilityTimeout');
      const r = queues.changeVisibility(q, handle, seconds);
      if (r === 'invalid') throw receiptInvalid(handle);
      if (r === 'not-inflight')
        throw new SqsError(
          400,
          sqsType('MessageNotInflight'),
          'AWS.SimpleQueueService.MessageNotInflight',
          'Message does not exist or is not available for visibility timeout change.',
        );
      return {};
    }
    case 'PurgeQueue': {
      const q = queueOf(sim, body, region);
      if (!queues.purge(q))
        throw new SqsError(
          403,
          sqsType('PurgeQueueInProgress'),
          'AWS.SimpleQueueService.PurgeQueueInProgress',
          `Only one PurgeQueue operation on ${q.name} is allowed every 60 seconds.`,
        );
      return {};
    }
    default:
      throw new SqsError(
        400,
        'com.amazon.coral.service#UnknownOperationException',
        'UnknownOperation',
        `The local SQS does not implement ${action}.`,
      );
  }
}

function deleteBatch(sim: Sim, q: SqsQueue, body: Json): Json {
  const entries = Array.isArray(body.Entries) ? (body.Entries as { Id?: string; ReceiptHandle?: string }[]) : [];
  if (entries.length === 0)
    throw new SqsError(
      400,
      sqsType('EmptyBatchRequest'),
      'AWS.SimpleQueueService.EmptyBatchRequest',
      'There should be at least one DeleteMessageBatchRequestEntry in the request.',
    );
  if (entries.length > 10)
    throw new SqsError(
      400,
      sqsType('TooManyEntriesInBatchRequest'),
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are 10. You have sent ${entries.length}.`,
    );
  if (new Set(entries.map((e) => e.Id)).size !== entries.length)
    throw new SqsError(
      400,
      sqsType('BatchEntryIdsNotDistinct'),
      'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
      'Id values are not distinct.',
    );
  const Successful: Json[] = [];
  const Failed: Json[] = [];
  for (const e of entries) {
    const handle = String(e.ReceiptHandle ?? '');
    if (sim.world.sqs.deleteMessage(q, handle) === 'ok') Successful.push({ Id: e.Id });
    else
      Failed.push({
        Id: e.Id,
        SenderFault: true,
        Code: 'ReceiptHandleIsInvalid',
        Message: `The input receipt handle "${handle}" is not a valid receipt handle.`,
      });
  }
  return { Successful, Failed };
}
