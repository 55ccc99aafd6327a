/**
 * The local SQS with the real `@aws-sdk/client-sqs` client (AWS JSON 1.0 protocol, SigV4-signed requests, the SDK's
 * MD5 checks): queues from the scenario and made at run time, long polling that answers as soon as a message is sent,
 * visibility timeouts on the simulator clock, receipt handles, batch deletes, attributes, purges and SQS's errors.
 */
import assert from 'node:assert/strict';
import https from 'node:https';
import { after, before, beforeEach, describe, it } from 'mocha';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { control, simRequest, startTestSimulator } from './helpers';
import { DEFAULT_QUEUE_URL, SQS_CREDENTIALS, sqsClient } from './sqs-client';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;

const QUEUE_URL = DEFAULT_QUEUE_URL;
const credentials = SQS_CREDENTIALS;

async function rejection(p: Promise<unknown>): Promise<Error & { name: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { name: string };
  }
  throw new Error('expected the call to fail');
}

describe('simulator SQS endpoint (real @aws-sdk/client-sqs)', () => {
  let sim: Sim;
  let sqs: SQSClient;
  before(async () => {
    sim = await startTestSimulator();
    sqs = sqsClient(sim);
  });
  beforeEach(async () => {
    await control(sim, 'POST', '/_simulator/reset');
  });
  after(async () => {
    sqs.destroy();
    await sim.close();
  });

  const receive = (input: Partial<ConstructorParameters<typeof ReceiveMessageCommand>[0]> = {}) =>
    sqs.send(new ReceiveMessageCommand({ QueueUrl: QUEUE_URL, MessageSystemAttributeNames: ['All'], ...input }));

  it("finds the scenario's queue and round-trips a message (send, receive, delete)", async () => {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'sp-api-orders' }));
    assert.equal(QueueUrl, QUEUE_URL);
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"hello":"wörld"}' }));
    assert.match(sent.MessageId ?? '', /^[0-9a-f-]{36}$/);
    const got = await receive({ MaxNumberOfMessages: 10 });
    assert.equal(got.Messages?.length, 1);
    const m = got.Messages?.[0];
    assert.equal(m?.Body, '{"hello":"wörld"}');
    assert.equal(m?.Attributes?.ApproximateReceiveCount, '1');
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m?.ReceiptHandle }));
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    assert.equal(attrs.Attributes?.ApproximateNumberOfMessages, '0');
    assert.equal(attrs.Attributes?.ApproximateNumberOfMessagesNotVisible, '0');
    assert.equal(attrs.Attributes?.QueueArn, 'arn:aws:sqs:us-east-1:000000000001:sp-api-orders');
  });

  it('long polling answers as soon as a message is sent, and empty when the wait is over', async () => {
    const started = Date.now();
    const polling = receive({ WaitTimeSeconds: 10 });
    setTimeout(() => void sqs.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: 'late' })), 300);
    const got = await polling;
    assert.equal(got.Messages?.[0]?.Body, 'late');
    assert.ok(Date.now() - started < 2000, `answered after ${Date.now() - started} ms`);
    const idle = Date.now();
    const none = await receive({ WaitTimeSeconds: 1 });
    assert.equal(none.Messages, undefined);
    assert.ok(Date.now() - idle >= 900, 'waited the WaitTimeSeconds');
  });

  it('an undeleted message comes back after the visibility timeout (simulator clock) with ReceiveCount 2', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: 'again' }));
    const first = await receive({ VisibilityTimeout: 30 });
    assert.equal(first.Messages?.length, 1);
    assert.equal((await receive()).Messages, undefined, 'invisible while in flight');
    const counts = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: QUEUE_URL, AttributeNames: ['ApproximateNumberOfMessagesNotVisible'] }),
    );
    assert.deepEqual(counts.Attributes, { ApproximateNumberOfMessagesNotVisible: '1' });
    sim.advance(31);
    const second = await receive();
    assert.equal(second.Messages?.[0]?.Body, 'again');
    assert.equal(second.Messages?.[0]?.Attributes?.ApproximateReceiveCount, '2');
    assert.notEqual(second.Messages?.[0]?.ReceiptHandle, first.Messages?.[0]?.ReceiptHandle);
  });

  it('ChangeMessageVisibility, DeleteMessageBatch and PurgeQueue', async () => {
    for (const body of ['a', 'b', 'c']) await sqs.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: body }));
    const got = await receive({ MaxNumberOfMessages: 10, VisibilityTimeout: 600 });
    assert.deepEqual(
      got.Messages?.map((m) => m.Body),
      ['a', 'b', 'c'],
    );
    const [a, b, c] = got.Messages ?? [];
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: QUEUE_URL, ReceiptHandle: c?.ReceiptHandle, VisibilityTimeout: 0 }));
    const batch = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: QUEUE_URL,
        Entries: [
          { Id: '1', ReceiptHandle: a?.ReceiptHandle },
          { Id: '2', ReceiptHandle: b?.ReceiptHandle },
          { Id: '3', ReceiptHandle: 'not-a-handle' },
        ],
      }),
    );
    assert.deepEqual(
      batch.Successful?.map((s) => s.Id),
      ['1', '2'],
    );
    assert.equal(batch.Failed?.[0]?.Code, 'ReceiptHandleIsInvalid');
    assert.equal((await receive()).Messages?.[0]?.Body, 'c', 'visible again at once');
    await sqs.send(new PurgeQueueCommand({ QueueUrl: QUEUE_URL }));
    sim.advance(3600);
    assert.equal((await receive()).Messages, undefined);
    const again = await rejection(
      sqs.send(new PurgeQueueCommand({ QueueUrl: QUEUE_URL })).then(() => sqs.send(new PurgeQueueCommand({ QueueUrl: QUEUE_URL }))),
    );
    assert.equal(again.name, 'PurgeQueueInProgress');
  });

  it('creates queues at run time, also through a client given the simulator as endpoint', async () => {
    const direct = new SQSClient({
      region: 'eu-west-1',
      credentials,
      endpoint: sim.url,
      requestHandler: { httpsAgent: new https.Agent({ ca: sim.caPem }) },
    });
    try {
      const { QueueUrl } = await direct.send(new CreateQueueCommand({ QueueName: 'eu-orders', Attributes: { VisibilityTimeout: '5' } }));
      assert.equal(QueueUrl, 'https://sqs.eu-west-1.amazonaws.com/000000000001/eu-orders');
      await direct.send(new SendMessageCommand({ QueueUrl, MessageBody: 'eu' }));
      const got = await sqsClient(sim, 'eu-west-1').send(new ReceiveMessageCommand({ QueueUrl }));
      assert.equal(got.Messages?.[0]?.Body, 'eu', 'the same queue on its Amazon host');
      const fifo = await rejection(direct.send(new CreateQueueCommand({ QueueName: 'orders.fifo', Attributes: { FifoQueue: 'true' } })));
      assert.match(fifo.message, /FIFO queues are not supported/);
    } finally {
      direct.destroy();
    }
  });

  it("answers SQS's errors: unknown queue, parameters out of range, a missing signature", async () => {
    const unknown = await rejection(sqs.send(new GetQueueUrlCommand({ QueueName: 'nope' })));
    assert.ok(unknown instanceof QueueDoesNotExist, `got ${unknown.name}`);
    const gone = await rejection(receive({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000001/nope' }));
    assert.equal(gone.name, 'QueueDoesNotExist');
    assert.equal(gone.$metadata?.httpStatusCode, 400);
    const tooMany = await rejection(receive({ MaxNumberOfMessages: 11 }));
    assert.match(tooMany.message, /MaxNumberOfMessages/);
    const res = await simRequest(sim, 'sqs.us-east-1.amazonaws.com', 'POST', '/', {
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ReceiveMessage' },
      body: JSON.stringify({ QueueUrl: QUEUE_URL }),
    });
    assert.equal(res.status, 403);
    assert.equal(res.headers['x-amzn-query-error'], 'MissingAuthenticationToken;Sender');
    assert.match(res.json<{ __type: string }>().__type, /MissingAuthenticationToken/);
  });
});
