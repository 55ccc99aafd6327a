/**
 * Document transfers through the gateway and the real transport against the simulator's document host when
 * it misbehaves: a slow GET and a hung PUT trip the idle timeout and are retried; a body cut off, a
 * Content-Length the body does not fill and S3's 500/503 are retried; the retry budget ends in
 * AMAZON_UNAVAILABLE; every attempt is in the Communication Log. And a report served in Cp1252 without a
 * charset reads right through the whole path.
 */
import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { AmazonUnavailableError, type ListingsFeedMessage } from '../../src/spapi/index';
import { assertNoInvalidRequests, freshAmazon, outdoorNa, SIM, startHarness, type Harness } from './spapi-harness';

const TIMEOUT_MS = 300;

const message: ListingsFeedMessage = {
  messageId: 1,
  sku: 'DF-BOTTLE-1',
  operationType: 'UPDATE',
  productType: 'BOTTLE',
  requirements: 'LISTING_OFFER_ONLY',
  attributes: {
    condition_type: [{ value: 'new_new', marketplace_id: SIM.US }],
    merchant_suggested_asin: [{ value: 'B0SIM00001', marketplace_id: SIM.US }],
    purchasable_offer: [{ marketplace_id: SIM.US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: '12.00' }] }] }],
    fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 3 }],
  },
};

describe('SP-API gateway: document-host faults', function () {
  this.timeout(30_000);
  let h: Harness;

  before(async () => {
    h = await startHarness({ config: { AMAZON_DOCUMENT_TIMEOUT_MS: String(TIMEOUT_MS), AMAZON_MAX_RETRIES: '2' } });
  });
  after(async () => {
    await h?.close();
  });
  beforeEach(() => freshAmazon(h));
  afterEach(() => {
    assertNoInvalidRequests(h);
  });

  const fault = (rule: Record<string, unknown>) => h.control('POST', '/_simulator/documents/faults', rule);
  /** [status, errorCode] of each attempt of a transfer operation, oldest first. */
  const attempts = async (operation: string) =>
    (await h.app.spapi.listCalls({ operation, limit: 100 })).reverse().map((r) => [r.status, r.errorCode]);

  async function readyReport(): Promise<string> {
    const reportId = await h.app.spapi.requestMerchantListingsReport(outdoorNa());
    h.sim.advance(31);
    return reportId;
  }
  const bottle = async (reportId: string) =>
    (await h.app.spapi.downloadMerchantListingsReport(outdoorNa(), reportId))?.rows.find((r) => r.sellerSku === 'TM-BOTTLE-750');

  it('abandons a download that stays silent past the timeout, then succeeds on the retry', async () => {
    const reportId = await readyReport();
    await fault({ kind: 'slow', method: 'GET', delayMs: 1500 });
    const started = Date.now();
    assert.equal((await bottle(reportId))?.quantity, 40);
    assert.ok(Date.now() - started < 1400, 'did not wait for the slow answer');
    assert.deepEqual(await attempts('downloadReportDocument'), [
      [null, 'DOCUMENT_TIMEOUT'],
      [200, null],
    ]);
  });

  it('retries a download whose body is cut off mid-way', async () => {
    const reportId = await readyReport();
    await fault({ kind: 'truncated' });
    assert.equal((await bottle(reportId))?.quantity, 40);
    assert.deepEqual(await attempts('downloadReportDocument'), [
      [null, 'INCOMPLETE_BODY'],
      [200, null],
    ]);
    assert.deepEqual(h.counters().documentFaults, { truncated: 1 });
  });

  it('retries a download shorter than its Content-Length', async () => {
    const reportId = await readyReport();
    await fault({ kind: 'wrong-length' });
    assert.equal((await bottle(reportId))?.quantity, 40);
    assert.deepEqual(await attempts('downloadReportDocument'), [
      [null, 'INCOMPLETE_BODY'],
      [200, null],
    ]);
  });

  it("retries S3's 500 and 503 on a feed result, then reads it", async () => {
    const ctx = outdoorNa();
    const feedId = await h.app.spapi.submitListingsFeed(ctx, { messages: [message] });
    h.sim.advance(61);
    await fault({ kind: '5xx', method: 'GET' });
    await fault({ kind: '5xx', method: 'GET', status: 503 });
    const result = await h.app.spapi.getFeedResult(ctx, feedId);
    assert.equal(result?.report?.summary.messagesAccepted, 1);
    assert.deepEqual(await attempts('downloadFeedDocument'), [
      [500, 'InternalError'],
      [503, 'SlowDown'],
      [200, null],
    ]);
  });

  it('gives up after the retry budget with AMAZON_UNAVAILABLE', async () => {
    const reportId = await readyReport();
    await fault({ kind: '5xx', count: 3 });
    await assert.rejects(h.app.spapi.downloadMerchantListingsReport(outdoorNa(), reportId), (err: unknown) => {
      assert.ok(err instanceof AmazonUnavailableError, String(err));
      const d = err.details as { attempts: number; status: number; amazonCode: string };
      assert.deepEqual([d.attempts, d.status, d.amazonCode], [3, 500, 'InternalError']);
      return true;
    });
    assert.equal((await attempts('downloadReportDocument')).length, 3);
  });

  it('times out an upload that hangs and retries it: the feed goes through', async () => {
    const ctx = outdoorNa();
    await fault({ kind: 'slow', method: 'PUT', delayMs: 1500 });
    const feedId = await h.app.spapi.submitListingsFeed(ctx, { messages: [message] });
    assert.deepEqual(await attempts('uploadFeedDocument'), [
      [null, 'DOCUMENT_TIMEOUT'],
      [200, null],
    ]);
    h.sim.advance(61);
    const result = await h.app.spapi.getFeedResult(ctx, feedId);
    assert.equal(result?.feed.processingStatus, 'DONE');
    assert.equal(result?.report?.summary.messagesAccepted, 1);
  });

  it('reads a report served in Cp1252 without a charset by the marketplace charset', async () => {
    const reportId = await readyReport();
    const report = await h.app.spapi.getReport(outdoorNa(), reportId);
    const doc = [...h.sim.sim.world.documents.values()].find((d) => d.documentId === report?.reportDocumentId);
    assert.ok(doc?.body);
    // Amazon's NA reports: Cp1252 bytes, GZIP, `text/plain` with no charset.
    const original = gunzipSync(doc.body).toString('utf8');
    const name = original.split('\n').find((l) => l.includes('TM-BOTTLE-750\t'));
    const oldName = name?.split('\t')[0];
    assert.ok(oldName, 'the item name is the first column');
    doc.body = gzipSync(iconv.encode(original.replace(oldName, 'Café Crème – 5 €'), 'win1252'));
    doc.contentType = 'text/plain';
    assert.equal((await bottle(reportId))?.itemName, 'Café Crème – 5 €');
  });
});
