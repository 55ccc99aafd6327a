/**
 * The Amazon notification intake against the local Amazon with the real clients (amazon-sp-api for Notifications,
 * @aws-sdk/client-sqs for the queue): the destination and subscription are made once however often they are asked
 * for; a shopper's purchase reaches the registered ORDER_CHANGE handler within seconds, once per notification even
 * when SQS delivers it twice; a handler that throws gets the notification again and then succeeds; a slow handler
 * keeps its message hidden; an unreadable message is recorded, counted and deleted without stopping the loop; the
 * consumer stops at once on close. Both engines.
 */
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startSimulator, type SimulatorHandle } from '../../simulator/index';
import configPlugin from '../../src/platform/config-plugin';
import errorsPlugin from '../../src/platform/errors';
import dbPlugin from '../../src/platform/db';
import spapiPlugin from '../../src/spapi/index';
import notificationsPlugin, { type OrderChange, type OrderChangeHandler } from '../../src/notifications/index';
import { createTransport, type Transport } from '../../src/spapi/transport';
import { testConfig } from '../helpers/app';
import { createTestDb, type TestDb } from '../helpers/db';
import { CONTROL_TOKEN, outdoorNa, SIM } from './spapi-harness';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/000000000001/sp-api-orders';
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000001:sp-api-orders';
const VISIBILITY_S = 2;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('Amazon notifications: subscriptions and the SQS consumer', function () {
  this.timeout(60_000);
  let sim: SimulatorHandle;
  let db: TestDb;
  let app: FastifyInstance;
  let transport: Transport;
  let sqs: SQSClient;
  /** What the registered handler does in the current test. */
  let current: OrderChangeHandler = async () => undefined;
  let calls: OrderChange[] = [];
  /** The consumer's counters when the test began (they count since the process started). */
  let counted: Record<string, number> = {};

  before(async () => {
    sim = await startSimulator({ port: 0, validateResponses: true, controlToken: CONTROL_TOKEN });
    db = await createTestDb();
    transport = createTransport('simulator', sim.port, sim.caPem, sim.sellerCentralPort);
    app = Fastify({ logger: false });
    await app.register(configPlugin, { config: testConfig({ DATABASE_URL: db.url, SIMULATOR_PORT: String(sim.port) }) });
    await app.register(errorsPlugin);
    await app.register(dbPlugin, { knex: db.knex });
    await app.register(spapiPlugin, { retryBaseMs: 20, transport });
    await app.register(notificationsPlugin, { consumer: { visibilitySeconds: VISIBILITY_S, retryBaseSeconds: 1 } });
    await app.ready();
    app.notifications.onOrderChange(async (change, ctx) => {
      calls.push(change);
      await current(change, ctx);
    });
    sqs = new SQSClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIASIMULATOR0000001', secretAccessKey: 'x' },
      requestHandler: { httpsAgent: transport.agent },
    });
  });
  after(async () => {
    sqs?.destroy();
    await app?.close();
    transport?.close();
    await sim?.close();
    await db?.drop();
  });
  beforeEach(async () => {
    await app.notifications.stop();
    sim.reset('default');
    app.spapi.forget(outdoorNa());
    await db.knex('amazon_notifications').del();
    calls = [];
    current = async () => undefined;
    counted = { ...(await app.notifications.status()).counters };
  });
  /** The consumer's counters since the test began. */
  const counters = async () =>
    Object.fromEntries(Object.entries((await app.notifications.status()).counters).map(([k, v]) => [k, v - (counted[k] ?? 0)]));
  afterEach(() => {
    const bad = Object.entries(sim.state().counters.statuses as Record<string, Record<string, number>>).filter(
      ([, s]) => (s['400'] ?? 0) > 0,
    );
    assert.deepEqual(bad, [], 'no request invalid against the model');
    assert.deepEqual(sim.mismatches(), []);
  });

  const settings = (body: Record<string, number>) => control('POST', '/_simulator/settings', body);
  const buy = async (sku = 'TM-BOTTLE-750') =>
    (
      await control<{ amazonOrderId: string }>('POST', '/_simulator/shopper/orders', {
        sellerId: SIM.seller,
        marketplaceId: SIM.US,
        sku,
        quantity: 1,
      })
    ).amazonOrderId;
  const subscribedAndRunning = async () => {
    await app.notifications.subscribe(outdoorNa());
    app.notifications.start();
  };
  const rows = () => db.knex('amazon_notifications').orderBy('id');

  it('destination and subscription are made once, however often they are asked for', async () => {
    const first = await app.notifications.subscribe(outdoorNa());
    const again = await app.notifications.subscribe(outdoorNa());
    assert.deepEqual(again, first);
    const direct = await app.spapi.ensureDestination('na', QUEUE_ARN);
    assert.equal(direct.destinationId, first.destinationId);
    const n = sim.state().notifications as { destinations: unknown[]; subscriptions: unknown[] };
    assert.equal(n.destinations.length, 1);
    assert.equal(n.subscriptions.length, 1);
    const grantless = await app.spapi.listCalls({ operation: 'createDestination' });
    assert.equal(grantless.length, 1);
    assert.equal(grantless[0]?.sellerId, null, 'a grantless call is the application’s, not a seller’s');

    // A subscription on another destination (the merchant changed queues) is replaced, not kept.
    await app.notifications.unsubscribe(outdoorNa());
    assert.equal(await app.spapi.getSubscription(outdoorNa(), 'ORDER_CHANGE'), null);
    const renewed = await app.notifications.subscribe(outdoorNa());
    assert.equal(renewed.destinationId, first.destinationId);
    assert.notEqual(renewed.subscriptionId, first.subscriptionId);
  });

  it('a purchase reaches the handler within seconds, once, with its order id', async () => {
    await subscribedAndRunning();
    const started = Date.now();
    const orderId = await buy();
    const change = await until('the handler', () => calls[0]);
    assert.ok(Date.now() - started < 2000, `handled after ${Date.now() - started} ms`);
    assert.deepEqual(
      { seller: change.sellerId, order: change.amazonOrderId, marketplace: change.marketplaceId, status: change.orderStatus },
      { seller: SIM.seller, order: orderId, marketplace: SIM.US, status: 'Pending' },
    );
    await until('the mark', async () => ((await rows())[0]?.handled_at ? true : undefined));
    const [row] = await rows();
    assert.deepEqual([row.notification_id, row.amazon_order_id, row.attempts, row.error], [change.notificationId, orderId, 1, null]);
    await sleep(300);
    assert.equal(calls.length, 1);
    const status = await app.notifications.status();
    assert.equal(status.running, true);
    assert.equal((await counters()).handled, 1);
    assert.ok(status.totals.lastReceivedAt);
  });

  it('SQS delivering every notification twice: the handler still runs once per notification id', async () => {
    await settings({ notificationDuplicates: 1 });
    await subscribedAndRunning();
    const orders = [await buy(), await buy(), await buy()];
    await until('both copies of every notification', async () => ((await counters()).received! >= 6 ? true : undefined));
    await sleep(300);
    assert.deepEqual(calls.map((c) => c.amazonOrderId).sort(), [...orders].sort());
    assert.equal(new Set(calls.map((c) => c.notificationId)).size, 3);
    assert.equal((await counters()).duplicates, 3);
    assert.equal((await rows()).length, 3);
  });

  it('a handler that throws gets the notification again (after its retry delay) and then succeeds', async () => {
    let failures = 1;
    current = async () => {
      if (failures-- > 0) throw new Error('the importer fell over');
    };
    await subscribedAndRunning();
    const orderId = await buy();
    await until('the retry', async () => ((await rows())[0]?.handled_at ? true : undefined), 8000);
    assert.deepEqual(
      calls.map((c) => c.amazonOrderId),
      [orderId, orderId],
    );
    const [row] = await rows();
    assert.deepEqual([row.attempts, row.error], [2, null]);
    const c = await counters();
    assert.deepEqual([c.failed, c.handled], [1, 1]);
  });

  it('the handler’s own transaction carries the mark; a slow handler keeps its message hidden', async () => {
    let release = () => undefined as void;
    const gate = new Promise<void>((r) => (release = r));
    current = async (_change, ctx) => {
      await gate;
      await db.knex.transaction(async (trx) => ctx.markHandled(trx));
    };
    await subscribedAndRunning();
    await buy();
    await until('the handler', () => calls[0]);
    await sleep(VISIBILITY_S * 1000 + 1000);
    const attrs = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: QUEUE_URL,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    assert.equal(attrs.Attributes?.ApproximateNumberOfMessages, '0', 'still hidden past its first visibility timeout');
    assert.equal(attrs.Attributes?.ApproximateNumberOfMessagesNotVisible, '1');
    release();
    await until('the mark', async () => ((await rows())[0]?.handled_at ? true : undefined));
    await sleep(200);
    assert.equal(calls.length, 1);
    assert.equal((await rows())[0].attempts, 1);
  });

  it('an unreadable or unknown message is recorded, counted and deleted; the loop goes on', async () => {
    await subscribedAndRunning();
    await sqs.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: 'not json {' }));
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: QUEUE_URL,
        MessageBody: JSON.stringify({
          NotificationType: 'ANY_OFFER_CHANGED',
          NotificationMetadata: { NotificationId: 'n-offer-1' },
          Payload: {},
        }),
      }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: JSON.stringify({ NotificationType: 'ORDER_CHANGE' }) }));
    const orderId = await buy();
    await until('the order after the bad messages', () => calls[0]);
    assert.equal(calls[0]?.amazonOrderId, orderId);
    const status = await app.notifications.status();
    const c = await counters();
    assert.deepEqual([c.malformed, c.ignored, status.running], [2, 1, true]);
    assert.equal(status.totals.dropped, 3);
    const dropped = (await rows())
      .filter((r) => r.error !== null)
      .map((r) => [String(r.notification_id).startsWith('sqs:') ? 'sqs:…' : r.notification_id, r.type]);
    assert.deepEqual(dropped, [
      ['sqs:…', 'UNREADABLE'],
      ['n-offer-1', 'ANY_OFFER_CHANGED'],
      ['sqs:…', 'ORDER_CHANGE'],
    ]);
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: QUEUE_URL, AttributeNames: ['ApproximateNumberOfMessages'] }));
    assert.equal(attrs.Attributes?.ApproximateNumberOfMessages, '0', 'all deleted');
  });

  it('stops at once, in the middle of a long poll', async () => {
    await subscribedAndRunning();
    await sleep(300);
    const started = Date.now();
    await app.notifications.stop();
    assert.ok(Date.now() - started < 1000, `stopped after ${Date.now() - started} ms`);
    assert.equal((await app.notifications.status()).running, false);
  });

  async function control<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await fetchJson(method, path, body);
    if (res.status !== 200 && res.status !== 201) throw new Error(`simulator control ${method} ${path} → ${res.status} ${res.text}`);
    return JSON.parse(res.text) as T;
  }
  async function fetchJson(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
    const https = await import('node:https');
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port: sim.port,
          method,
          path,
          ca: sim.caPem,
          headers: { 'x-simulator-token': CONTROL_TOKEN, ...(payload ? { 'content-type': 'application/json' } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }
});
