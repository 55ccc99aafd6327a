/** SQS errors as the AWS JSON protocol carries them, and the parameter checks shared by the actions. */
import type { Sim } from '../sim';
import { parseQueueUrl, type SqsQueue } from './queues';

export type Json = Record<string, unknown>;

/** An SQS error: the HTTP status, the JSON `__type`, and the query-compatible code the SDK maps to a class. */
export class SqsError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly queryCode: string,
    message: string,
  ) {
    super(message);
  }
}

export const sqsType = (name: string) => `com.amazonaws.sqs#${name}`;
export const noQueue = () =>
  new SqsError(400, sqsType('QueueDoesNotExist'), 'AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
export const invalidParameter = (message: string) =>
  new SqsError(400, sqsType('InvalidParameterValueException'), 'InvalidParameterValue', message);
export const missingParameter = (name: string) =>
  new SqsError(400, sqsType('MissingRequiredParameterException'), 'MissingParameter', `The request must contain the parameter ${name}.`);
export const receiptInvalid = (handle: string) =>
  new SqsError(
    404,
    sqsType('ReceiptHandleIsInvalid'),
    'ReceiptHandleIsInvalid',
    `The input receipt handle "${handle}" is not a valid receipt handle.`,
  );

export const str = (body: Json, name: string): string => {
  const v = body[name];
  if (typeof v !== 'string' || v === '') throw missingParameter(name);
  return v;
};

/** An optional integer parameter within [min, max]. */
export function intParam(body: Json, name: string, min: number, max: number): number | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw invalidParameter(`Value ${String(v)} for parameter ${name} is invalid. Reason: Must be between ${min} and ${max}, if provided.`);
  return n;
}

export function queueOf(sim: Sim, body: Json, region: string): SqsQueue {
  const url = str(body, 'QueueUrl');
  const p = parseQueueUrl(url, region);
  const q = p ? sim.world.sqs.get(p.region, p.accountId, p.name) : undefined;
  if (!q) throw noQueue();
  return q;
}
