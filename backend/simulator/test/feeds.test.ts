/**
 * Feeds 2021-06-30 with the real client: upload through the pre-signed URL, JSON_LISTINGS_FEED processing
 * on the simulator clock, the processing report (checked against Amazon's report schema), FATAL feeds,
 * injected message errors, getFeeds paging and cancelFeed.
 */
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, beforeEach, describe, it } from 'mocha';
import { DOCUMENT_HOSTS } from '../index';
import { control, makeClient, SCENARIO, simRequest, startTestSimulator } from './helpers';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;
type SP = ReturnType<typeof makeClient>;
interface Feed {
  feedId: string;
  processingStatus: string;
  processingStartTime?: string;
  processingEndTime?: string;
  resultFeedDocumentId?: string;
}
interface Report {
  header: { feedId: string; sellerId: string };
  issues: { messageId?: number; sku?: string; code: string; severity: string; message: string }[];
  summary: { errors: number; warnings: number; messagesProcessed: number; messagesAccepted: number; messagesInvalid: number };
  items?: { sku: string; summaries?: { status: string[] }[] }[];
}

const JSON_TYPE = 'application/json; charset=UTF-8';
const US = SCENARIO.US;
const UK = 'A1F83G8C2ARO7P';

async function rejectedCode(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code;
  }
  assert.fail('expected the call to be rejected');
}

const listingMessage = (messageId: number, sku: string, quantity: number) => ({
  messageId,
  sku,
  operationType: 'UPDATE',
  productType: 'BOTTLE',
  requirements: 'LISTING_OFFER_ONLY',
  attributes: {
    condition_type: [{ value: 'new_new', marketplace_id: US }],
    merchant_suggested_asin: [{ value: 'B0SIM00003', marketplace_id: US }],
    purchasable_offer: [{ marketplace_id: US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 19.5 }] }] }],
    fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity }],
  },
});

async function submitFeed(
  sp: SP,
  document: unknown,
  opts: { gzip?: boolean; feedType?: string; marketplaceIds?: string[] } = {},
): Promise<string> {
  const doc = (await sp.callAPI({
    operation: 'createFeedDocument',
    endpoint: 'feeds',
    body: { contentType: JSON_TYPE },
  })) as { feedDocumentId: string; url: string };
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  // The client's upload() sends Buffer.from(content): a Buffer of gzip bytes goes out unchanged.
  const content = (opts.gzip ? gzipSync(text) : text) as unknown as string;
  await sp.upload(doc, { content, contentType: JSON_TYPE });
  const { feedId } = (await sp.callAPI({
    operation: 'createFeed',
    endpoint: 'feeds',
    body: {
      feedType: opts.feedType ?? 'JSON_LISTINGS_FEED',
      marketplaceIds: opts.marketplaceIds ?? [US],
      inputFeedDocumentId: doc.feedDocumentId,
    },
  })) as { feedId: string };
  return feedId;
}

const getFeed = (sp: SP, feedId: string) => sp.callAPI({ operation: 'getFeed', endpoint: 'feeds', path: { feedId } }) as Promise<Feed>;

async function resultOf(sp: SP, feed: Feed): Promise<Report> {
  const doc = (await sp.callAPI({
    operation: 'getFeedDocument',
    endpoint: 'feeds',
    path: { feedDocumentId: feed.resultFeedDocumentId ?? '' },
  })) as { url: string; compressionAlgorithm?: 'GZIP' };
  return JSON.parse(String(await sp.download(doc))) as Report;
}

describe('simulator Feeds API (JSON_LISTINGS_FEED)', () => {
  let sim: Sim;
  let sp: SP;
  before(async () => {
    sim = await startTestSimulator();
  });
  beforeEach(async () => {
    await control(sim, 'POST', '/_simulator/reset');
    sp = makeClient(sim);
  });
  after(async () => {
    assert.deepEqual(sim.mismatches(), [], 'responses and processing reports must validate against the official schemas');
    await sim.close();
  });

  it('hands out a pre-signed upload URL on the document host that expires after 5 minutes', async () => {
    const doc = (await sp.callAPI({ operation: 'createFeedDocument', endpoint: 'feeds', body: { contentType: JSON_TYPE } })) as {
      feedDocumentId: string;
      url: string;
    };
    const url = new URL(doc.url);
    assert.ok(DOCUMENT_HOSTS.includes(url.host), url.host);
    assert.match(doc.feedDocumentId, /^amzn1\.tortuga\./);
    assert.equal(url.searchParams.get('X-Amz-Algorithm'), 'AWS4-HMAC-SHA256');
    const forged = new URL(doc.url);
    forged.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    const put = (u: URL, type = JSON_TYPE) =>
      simRequest(sim, u.host, 'PUT', `${u.pathname}${u.search}`, { headers: { 'content-type': type }, body: '{}' });
    assert.equal((await put(forged)).status, 403, 'a tampered signature is refused');
    assert.equal((await put(url, 'text/xml')).status, 403, 'the content type must be the one the document was created with');
    sim.advance(301);
    const late = await put(url);
    assert.equal(late.status, 403);
    assert.match(late.text, /Request has expired/);
  });

  it('processes a feed IN_QUEUE → IN_PROGRESS → DONE on the clock and applies its messages to the listings', async () => {
    const feedId = await submitFeed(sp, {
      header: { sellerId: SCENARIO.seller, version: '2.0', report: { includedData: ['summaries', 'issues'], apiVersion: '2021-08-01' } },
      messages: [
        listingMessage(1, 'FEED-NEW-1', 8),
        {
          messageId: 2,
          sku: 'TM-BOTTLE-750',
          operationType: 'PATCH',
          productType: 'BOTTLE',
          patches: [
            { op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 3 }] },
          ],
        },
        { messageId: 3, sku: 'NO-TORCH-300', operationType: 'DELETE' },
        { messageId: 4, sku: 'FEED-BAD', operationType: 'UPDATE', productType: 'BOTTLE', attributes: { item_name: [{ value: 'x' }] } },
        {
          messageId: 5,
          sku: 'NOT-THERE',
          operationType: 'PARTIAL_UPDATE',
          productType: 'BOTTLE',
          attributes: { item_name: [{ value: 'y' }] },
        },
      ],
    });
    assert.equal((await getFeed(sp, feedId)).processingStatus, 'IN_QUEUE');
    sim.advance(31);
    const running = await getFeed(sp, feedId);
    assert.equal(running.processingStatus, 'IN_PROGRESS');
    assert.ok(running.processingStartTime);
    assert.equal(running.resultFeedDocumentId, undefined);
    const qty = (sku: string) => sim.state().listings.find((l) => l.sku === sku && l.marketplaceId === US);
    assert.equal(qty('FEED-NEW-1'), undefined, 'nothing applied before the feed is done');

    sim.advance(30);
    const done = await getFeed(sp, feedId);
    assert.equal(done.processingStatus, 'DONE');
    assert.ok(done.processingEndTime && done.resultFeedDocumentId);
    const report = await resultOf(sp, done);
    assert.equal(report.header.feedId, feedId);
    assert.deepEqual(report.summary, {
      errors: 3,
      warnings: 0,
      messagesProcessed: 5,
      messagesAccepted: 3,
      messagesInvalid: 2,
      itemSummary: { items: 2, errors: 0, warnings: 0 },
    });
    // FEED-BAD lacks condition_type and an ASIN (two errors); NOT-THERE cannot be partially updated.
    assert.deepEqual(
      report.issues.map((i) => [i.messageId, i.sku, i.severity]),
      [
        [4, 'FEED-BAD', 'ERROR'],
        [4, 'FEED-BAD', 'ERROR'],
        [5, 'NOT-THERE', 'ERROR'],
      ],
    );
    assert.ok(report.issues.every((i) => i.code && i.message));
    assert.deepEqual(report.items?.find((i) => i.sku === 'FEED-NEW-1')?.summaries?.[0]?.status, ['BUYABLE', 'DISCOVERABLE']);

    const listed = (await sp.callAPI({
      operation: 'getListingsItem',
      endpoint: 'listingsItems',
      path: { sellerId: SCENARIO.seller, sku: 'TM-BOTTLE-750' },
      query: { marketplaceIds: [US], includedData: ['fulfillmentAvailability'] },
    })) as { fulfillmentAvailability: { quantity: number }[] };
    assert.equal(listed.fulfillmentAvailability[0]?.quantity, 3, 'the PATCH message reached the Listings Items API');
    assert.ok(qty('FEED-NEW-1'));
    assert.equal(qty('NO-TORCH-300'), undefined, 'the DELETE message removed the listing');
  });

  it('ends FATAL with a processing report when the document violates the feed schema', async () => {
    await control(sim, 'POST', '/_simulator/settings', { feedProcessingSeconds: 0 });
    const feedId = await submitFeed(sp, { header: { sellerId: SCENARIO.seller, version: '1.0' }, messages: [] });
    const feed = await getFeed(sp, feedId);
    assert.equal(feed.processingStatus, 'FATAL');
    const report = await resultOf(sp, feed);
    assert.equal(report.summary.messagesProcessed, 0);
    assert.ok(
      report.issues.some((i) => /version/.test(i.message)),
      JSON.stringify(report.issues),
    );
    assert.ok(
      report.issues.some((i) => /messages/.test(i.message)),
      'an empty messages array violates minItems',
    );
    const notJson = await getFeed(sp, await submitFeed(sp, 'not json'));
    assert.equal(notJson.processingStatus, 'FATAL');
    assert.match((await resultOf(sp, notJson)).issues[0]?.message ?? '', /not valid JSON/);
  });

  it('accepts a GZIP upload and reports compressionAlgorithm GZIP for compressed documents (the default)', async () => {
    await control(sim, 'POST', '/_simulator/settings', { feedProcessingSeconds: 0 });
    const feedId = await submitFeed(
      sp,
      { header: { sellerId: SCENARIO.seller, version: '2.0' }, messages: [listingMessage(1, 'GZ-1', 2)] },
      { gzip: true },
    );
    const feed = await getFeed(sp, feedId);
    assert.equal(feed.processingStatus, 'DONE');
    const state = sim.state().feeds.find((f) => f.feedId === feedId);
    const input = (await sp.callAPI({
      operation: 'getFeedDocument',
      endpoint: 'feeds',
      path: { feedDocumentId: state?.inputFeedDocumentId ?? '' },
    })) as { compressionAlgorithm?: string };
    assert.equal(input.compressionAlgorithm, 'GZIP');
    const result = (await sp.callAPI({
      operation: 'getFeedDocument',
      endpoint: 'feeds',
      path: { feedDocumentId: feed.resultFeedDocumentId ?? '' },
    })) as { url: string; compressionAlgorithm?: 'GZIP' };
    assert.equal(result.compressionAlgorithm, 'GZIP');
    const report = JSON.parse(String(await sp.download(result))) as Report;
    assert.equal(report.summary.messagesAccepted, 1);
  });

  it('accepts a legacy feed for the marketplaces of its region and ends it FATAL; JSON_LISTINGS_FEED takes one marketplace', async () => {
    await control(sim, 'POST', '/_simulator/settings', { feedProcessingSeconds: 0 });
    const xml = '<?xml version="1.0"?><AmazonEnvelope/>';
    const legacy = await getFeed(sp, await submitFeed(sp, xml, { feedType: 'POST_PRODUCT_DATA', marketplaceIds: [US, UK] }));
    assert.equal(legacy.processingStatus, 'FATAL');
    assert.deepEqual(sim.state().feeds.find((f) => f.feedId === legacy.feedId)?.marketplaceIds, [US], 'the UK is not applied on NA');
    assert.match((await resultOf(sp, legacy)).issues[0]?.message ?? '', /no longer processes/);

    sim.advance(130); // createFeed refills slowly (0.0083/s)
    const onlyUk = await rejectedCode(submitFeed(sp, xml, { feedType: 'POST_PRODUCT_DATA', marketplaceIds: [UK] }));
    assert.equal(onlyUk, 'InvalidInput', 'no marketplace of the region is left');
    sim.advance(130);
    const twoForJson = await rejectedCode(submitFeed(sp, { header: {}, messages: [] }, { marketplaceIds: [US, 'A2EUQ1WTGCTBG2'] }));
    assert.equal(twoForJson, 'InvalidInput');
    sim.advance(130);
    const unknown = await rejectedCode(submitFeed(sp, xml, { feedType: 'POST_NOTHING_DATA' }));
    assert.equal(unknown, 'InvalidInput');
  });

  it('control plane: the next feed FATAL, and errors on chosen messageIds', async () => {
    await control(sim, 'POST', '/_simulator/settings', { feedProcessingSeconds: 0 });
    const good = {
      header: { sellerId: SCENARIO.seller, version: '2.0' },
      messages: [listingMessage(1, 'F-1', 1), listingMessage(2, 'F-2', 1)],
    };
    await control(sim, 'POST', '/_simulator/feeds/faults', { fatalNext: 1, reason: 'Amazon had a bad day' });
    const fatal = await getFeed(sp, await submitFeed(sp, good));
    assert.equal(fatal.processingStatus, 'FATAL');
    assert.equal((await resultOf(sp, fatal)).issues[0]?.message, 'Amazon had a bad day');

    sim.advance(130); // createFeed refills slowly (0.0083/s)
    await control(sim, 'POST', '/_simulator/feeds/faults', { messageErrors: { messageIds: [2], code: '8541', message: 'Conflict' } });
    const partial = await getFeed(sp, await submitFeed(sp, good));
    assert.equal(partial.processingStatus, 'DONE');
    const report = await resultOf(sp, partial);
    assert.deepEqual(report.issues, [{ messageId: 2, sku: 'F-2', code: '8541', severity: 'ERROR', message: 'Conflict' }]);
    assert.equal(report.summary.messagesAccepted, 1);
  });

  it('lists feeds with filters and nextToken, and cancels only IN_QUEUE feeds', async () => {
    const doc = { header: { sellerId: SCENARIO.seller, version: '2.0' }, messages: [listingMessage(1, 'L-1', 1)] };
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await submitFeed(sp, doc));
    // cancelFeed answers 200 with no body (the model declares none), which callAPI cannot JSON-parse: use raw_result.
    const cancel = (await sp.callAPI({
      operation: 'cancelFeed',
      endpoint: 'feeds',
      path: { feedId: ids[0] ?? '' },
      options: { raw_result: true },
    })) as unknown as { statusCode: number; body: string };
    assert.equal(cancel.statusCode, 200);
    assert.equal(cancel.body, '');
    assert.equal((await getFeed(sp, ids[0] ?? '')).processingStatus, 'CANCELLED');
    sim.advance(45);
    const late = (await sp.callAPI({
      operation: 'cancelFeed',
      endpoint: 'feeds',
      path: { feedId: ids[1] ?? '' },
      options: { raw_result: true },
    })) as unknown as { statusCode: number; body: string };
    assert.equal(late.statusCode, 400, 'an IN_PROGRESS feed cannot be cancelled');
    assert.match(late.body, /IN_QUEUE/);
    const page1 = (await sp.callAPI({
      operation: 'getFeeds',
      endpoint: 'feeds',
      query: { feedTypes: ['JSON_LISTINGS_FEED'], pageSize: 2 },
    })) as { feeds: Feed[]; nextToken?: string };
    assert.equal(page1.feeds.length, 2);
    assert.ok(page1.nextToken);
    const page2 = (await sp.callAPI({ operation: 'getFeeds', endpoint: 'feeds', query: { nextToken: page1.nextToken } })) as {
      feeds: Feed[];
      nextToken?: string;
    };
    assert.deepEqual([...page1.feeds, ...page2.feeds].map((f) => f.feedId).sort(), [...ids].sort());
    assert.equal(page2.nextToken, undefined);
    const cancelled = (await sp.callAPI({
      operation: 'getFeeds',
      endpoint: 'feeds',
      query: { feedTypes: ['JSON_LISTINGS_FEED'], processingStatuses: ['CANCELLED'] },
    })) as { feeds: Feed[] };
    assert.deepEqual(
      cancelled.feeds.map((f) => f.feedId),
      [ids[0]],
    );
    await assert.rejects(
      sp.callAPI({ operation: 'getFeeds', endpoint: 'feeds', query: { nextToken: page1.nextToken, pageSize: 2 } }),
      (e: { code: string; message: string }) => e.code === 'InvalidInput' && /only parameter/.test(e.message),
    );
    await assert.rejects(
      sp.callAPI({ operation: 'getFeeds', endpoint: 'feeds', query: {} }),
      (e: { code: string }) => e.code === 'InvalidInput',
    );
  });
});
