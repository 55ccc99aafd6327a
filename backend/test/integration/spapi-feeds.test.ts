/**
 * JSON_LISTINGS_FEED through the gateway against the simulator: document upload (plain and GZIP) through
 * the transport's agent, feed processing on the simulator clock, per-message processing reports, FATAL
 * feeds, cancel, an expired upload URL, a retried createFeed, and the Communication Log of every step.
 */
import assert from 'node:assert/strict';
import type { Duplex } from 'node:stream';
import type https from 'node:https';
import type { ListingsFeedMessage } from '../../src/spapi/index';
import { assertNoInvalidRequests, freshAmazon, outdoorNa, SIM, startHarness, type Harness } from './spapi-harness';

const US = { marketplaceIds: [SIM.US] };
const DOCUMENT_HOST = 'tortuga-prod-na.s3-external-1.amazonaws.com';

const offer = (price: string) => [{ marketplace_id: SIM.US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: price }] }] }];

function update(messageId: number, sku: string, price: string, asin = 'B0SIM00001'): ListingsFeedMessage {
  return {
    messageId,
    sku,
    operationType: 'UPDATE',
    productType: 'BOTTLE',
    requirements: 'LISTING_OFFER_ONLY',
    attributes: {
      condition_type: [{ value: 'new_new', marketplace_id: SIM.US }],
      merchant_suggested_asin: [{ value: asin, marketplace_id: SIM.US }],
      purchasable_offer: offer(price),
      fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 5 }],
    },
  };
}

describe('SP-API gateway: Feeds (JSON_LISTINGS_FEED)', function () {
  this.timeout(30_000);
  let h: Harness;

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });
  beforeEach(() => freshAmazon(h));
  afterEach(() => {
    assertNoInvalidRequests(h);
  });

  const log = () => h.app.spapi.listCalls({ limit: 1000 }).then((rows) => rows.reverse().filter((r) => !r.operation.startsWith('lwa.')));

  it('submits a feed through the agent, processes it on the clock and reports per-message issues', async () => {
    const ctx = outdoorNa();
    await h.control('POST', '/_simulator/feeds/faults', { messageErrors: { messageIds: [2], code: '8560', message: 'SKU mismatch' } });
    const agent = h.transport.agent as unknown as { createConnection(o: https.RequestOptions): Duplex };
    const dialed: string[] = [];
    const original = agent.createConnection.bind(agent);
    agent.createConnection = (o) => {
      dialed.push(String(o.servername ?? o.host));
      return original(o);
    };
    let feedId: string;
    try {
      feedId = await h.app.spapi.submitListingsFeed(ctx, {
        sellerId: SIM.seller,
        messages: [
          update(1, 'FD-BOTTLE-1', '21.50'),
          update(2, 'FD-BOTTLE-2', '22.50'),
          {
            messageId: 3,
            sku: 'TM-BOTTLE-750',
            operationType: 'PATCH',
            productType: 'BOTTLE',
            patches: [{ op: 'replace', path: '/attributes/purchasable_offer', value: offer('18.25') }],
          },
          {
            messageId: 4,
            sku: 'FD-NO-SUCH-SKU',
            operationType: 'PARTIAL_UPDATE',
            productType: 'BOTTLE',
            attributes: { item_name: [{ value: 'x' }] },
          },
        ],
      });
    } finally {
      agent.createConnection = original;
    }
    assert.ok(dialed.includes(DOCUMENT_HOST), `the upload went through the transport's agent (dialed: ${dialed.join(', ')})`);

    const queued = await h.app.spapi.getFeedResult(ctx, feedId);
    assert.deepEqual([queued?.feed.processingStatus, queued?.report], ['IN_QUEUE', null]);
    h.sim.advance(31);
    assert.equal((await h.app.spapi.getFeed(ctx, feedId))?.processingStatus, 'IN_PROGRESS');
    h.sim.advance(30);

    const result = await h.app.spapi.getFeedResult(ctx, feedId);
    assert.equal(result?.feed.processingStatus, 'DONE');
    const report = result?.report;
    assert.ok(report);
    assert.deepEqual(
      report.issues.map((i) => [i.messageId, i.sku, i.code, i.severity]),
      [
        [2, 'FD-BOTTLE-2', '8560', 'ERROR'],
        [4, 'FD-NO-SUCH-SKU', '4000001', 'ERROR'],
      ],
    );
    assert.equal(report.issues[0]?.message, 'SKU mismatch');
    assert.deepEqual(report.summary, { errors: 2, warnings: 0, messagesProcessed: 4, messagesAccepted: 2, messagesInvalid: 2 });
    assert.equal(report.header.feedId, feedId);

    // Accepted messages changed the listings; the failed ones did not.
    const created = await h.app.spapi.getListingsItem(ctx, 'FD-BOTTLE-1', { ...US, includedData: ['offers'] });
    assert.equal(created?.offers?.[0]?.price.amount, '21.50');
    assert.equal(await h.app.spapi.getListingsItem(ctx, 'FD-BOTTLE-2', US), null);
    const patched = await h.app.spapi.getListingsItem(ctx, 'TM-BOTTLE-750', { ...US, includedData: ['offers'] });
    assert.equal(patched?.offers?.[0]?.price.amount, '18.25');

    const rows = await log();
    const flow = rows.filter((r) => r.operation !== 'getFeed' && r.operation !== 'getListingsItem');
    assert.deepEqual(
      flow.map((r) => [r.operation, r.method, r.status]),
      [
        ['createFeedDocument', 'POST', 201],
        ['uploadFeedDocument', 'PUT', 200],
        ['createFeed', 'POST', 202],
        ['getFeedDocument', 'GET', 200],
        ['downloadFeedDocument', 'GET', 200],
      ],
    );
    const upload = flow[1];
    assert.ok(upload?.path.startsWith(`${DOCUMENT_HOST}/`), upload?.path);
    assert.doesNotMatch(upload?.path ?? '', /Signature|X-Amz/, 'the pre-signed signature is not logged');
    assert.ok(rows.every((r) => r.storeId === 1 && r.sellerId === SIM.seller && r.marketplaceId === SIM.US));
  });

  it('uploads a GZIP feed and reads a GZIP processing report (as Amazon serves them)', async () => {
    const ctx = outdoorNa();
    const feedId = await h.app.spapi.submitListingsFeed(
      ctx,
      { messages: [update(1, 'FD-GZ-1', '30.00')] },
      { gzip: true, includedData: ['summaries'] },
    );
    // The simulator's record of our upload (the input document is the only one with our content type).
    const input = [...h.sim.sim.world.documents.values()].find((d) => d.contentType === 'application/json; charset=UTF-8');
    assert.equal(input?.compression, 'GZIP', 'Amazon received the feed compressed');
    h.sim.advance(61);
    const result = await h.app.spapi.getFeedResult(ctx, feedId);
    assert.equal(result?.feed.processingStatus, 'DONE');
    assert.deepEqual(result?.report?.summary.messagesAccepted, 1);
    assert.equal(result?.report?.items?.[0]?.['sku'], 'FD-GZ-1', 'the report was un-GZIPped and parsed');
  });

  it('returns the document-level issues of a FATAL feed', async () => {
    const ctx = outdoorNa();
    await h.control('POST', '/_simulator/feeds/faults', { fatalNext: 1, reason: 'The feed could not be read.' });
    const feedId = await h.app.spapi.submitListingsFeed(ctx, { messages: [update(1, 'FD-FATAL-1', '10.00')] });
    h.sim.advance(61);
    const result = await h.app.spapi.getFeedResult(ctx, feedId);
    assert.equal(result?.feed.processingStatus, 'FATAL');
    assert.deepEqual(
      result?.report?.issues.map((i) => [i.messageId, i.severity, i.message]),
      [[undefined, 'ERROR', 'The feed could not be read.']],
    );
    assert.equal(result?.report?.summary.messagesAccepted, 0);
    assert.equal(await h.app.spapi.getListingsItem(ctx, 'FD-FATAL-1', US), null);
  });

  it('cancels a queued feed: it is never processed and has no report', async () => {
    const ctx = outdoorNa();
    const feedId = await h.app.spapi.submitListingsFeed(ctx, { messages: [update(1, 'FD-CANCEL-1', '10.00')] });
    await h.app.spapi.cancelFeed(ctx, feedId);
    h.sim.advance(61);
    const result = await h.app.spapi.getFeedResult(ctx, feedId);
    assert.deepEqual([result?.feed.processingStatus, result?.report], ['CANCELLED', null]);
    assert.equal(await h.app.spapi.getListingsItem(ctx, 'FD-CANCEL-1', US), null);
    assert.equal(await h.app.spapi.getFeed(ctx, '999999999'), null, 'an unknown feed reads as null');
  });

  it('retries an injected 500 on createFeed', async () => {
    await h.control('POST', '/_simulator/faults', { operation: 'createFeed', kind: '500', count: 1 });
    const feedId = await h.app.spapi.submitListingsFeed(outdoorNa(), { messages: [update(1, 'FD-RETRY-1', '10.00')] });
    assert.match(feedId, /^\d+$/);
    const rows = (await log()).filter((r) => r.operation === 'createFeed');
    assert.deepEqual(
      rows.map((r) => [r.status, r.attempt, r.errorCode]),
      [
        [500, 1, 'InternalFailure'],
        [202, 2, null],
      ],
    );
  });

  it('creates a new feed document when the upload URL expired before the upload', async () => {
    const caller = h.app.spapi.caller;
    const call = caller.call.bind(caller);
    let expired = false;
    // The upload URL lives 5 minutes on Amazon: let 301 simulated seconds pass right after the first one is issued.
    caller.call = (async (...args: Parameters<typeof call>) => {
      const res = await call(...args);
      if (args[1] === 'createFeedDocument' && !expired) {
        expired = true;
        h.sim.advance(301);
      }
      return res;
    }) as typeof caller.call;
    try {
      await h.app.spapi.submitListingsFeed(outdoorNa(), { messages: [update(1, 'FD-EXPIRED-1', '10.00')] });
    } finally {
      caller.call = call;
    }
    const rows = await log();
    assert.deepEqual(
      rows.map((r) => [r.operation, r.status, r.errorCode]),
      [
        ['createFeedDocument', 201, null],
        ['uploadFeedDocument', 403, 'AccessDenied'],
        ['createFeedDocument', 201, null],
        ['uploadFeedDocument', 200, null],
        ['createFeed', 202, null],
      ],
    );
    assert.match(rows[1]?.errorMessage ?? '', /expired/);
  });
});
