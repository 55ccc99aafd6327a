/**
 * GET_MERCHANT_LISTINGS_ALL_DATA through the gateway against the simulator: request, processing on the
 * simulator clock, download (GZIP as Amazon serves it, and plain) and typed rows; a report without data is an empty list.
 */
import assert from 'node:assert/strict';
import { assertNoInvalidRequests, freshAmazon, outdoorNa, SIM, startHarness, type Harness } from './spapi-harness';

const US = { marketplaceIds: [SIM.US] };
const CA = 'A2EUQ1WTGCTBG2';

function listing(price: string, quantity: number) {
  return {
    productType: 'BOTTLE',
    requirements: 'LISTING_OFFER_ONLY' as const,
    attributes: {
      condition_type: [{ value: 'new_new', marketplace_id: SIM.US }],
      merchant_suggested_asin: [{ value: 'B0SIM00002', marketplace_id: SIM.US }],
      purchasable_offer: [{ marketplace_id: SIM.US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: price }] }] }],
      fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity }],
    },
  };
}

describe('SP-API gateway: merchant listings report', function () {
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

  it('reports the listings we put, as typed rows, once Amazon has processed the report', async () => {
    const ctx = outdoorNa();
    await h.app.spapi.putListingsItem(ctx, 'RP-BOTTLE-1', listing('19.99', 7), US);
    await h.app.spapi.putListingsItem(ctx, 'RP-BOTTLE-2', listing('24.00', 0), US);

    const reportId = await h.app.spapi.requestMerchantListingsReport(ctx);
    assert.equal(await h.app.spapi.downloadMerchantListingsReport(ctx, reportId), null, 'not ready while IN_QUEUE');
    h.sim.advance(31);
    assert.equal((await h.app.spapi.getReport(ctx, reportId))?.processingStatus, 'DONE');
    const report = await h.app.spapi.downloadMerchantListingsReport(ctx, reportId);
    assert.ok(report);
    const bySku = new Map(report.rows.map((r) => [r.sellerSku, r]));
    assert.deepEqual([...bySku.keys()].sort(), [
      'NO-BEARSPRAY',
      'NO-TORCH-300',
      'RP-BOTTLE-1',
      'RP-BOTTLE-2',
      'TM-BOTTLE-750',
      'TM-BOTTLE-750-FBA',
      'TM-MUG-350',
    ]);
    const one = bySku.get('RP-BOTTLE-1');
    assert.deepEqual(
      {
        asin1: one?.asin1,
        price: one?.price,
        quantity: one?.quantity,
        status: one?.status,
        fulfillmentChannel: one?.fulfillmentChannel,
        itemCondition: one?.itemCondition,
        productId: one?.productId,
        productIdType: one?.productIdType,
        pendingQuantity: one?.pendingQuantity,
      },
      {
        asin1: 'B0SIM00002',
        price: '19.99',
        quantity: 7,
        status: 'Active',
        fulfillmentChannel: 'DEFAULT',
        itemCondition: '11',
        productId: 'B0SIM00002',
        productIdType: '1',
        pendingQuantity: 0,
      },
    );
    assert.ok(one?.itemName, 'the item name comes from the catalog');
    assert.match(one?.openDateRaw ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} P[SD]T$/, 'Amazon.com prints Pacific time');
    assert.ok(Math.abs(Date.parse(one?.openDate ?? '') - h.sim.sim.clock.now().getTime()) < 120_000, 'read as the instant it was listed');
    assert.equal(bySku.get('TM-MUG-350')?.itemName, 'Insulated Camping Mug 350 ml – Café edition', 'Cp1252 decoded');
    assert.equal(bySku.get('TM-MUG-350')?.itemDescription, 'Double-walled steel: keeps coffee hot for 3 hours, "spill-proof" lid');
    assert.equal(bySku.get('NO-TORCH-300')?.itemName, 'Hiker’s LED Head Torch 300 lm');
    assert.equal(bySku.get('RP-BOTTLE-2')?.quantity, 0);
    assert.equal(bySku.get('TM-BOTTLE-750-FBA')?.quantity, null, 'FBA rows have no MFN quantity');
    assert.equal(bySku.get('TM-BOTTLE-750-FBA')?.fulfillmentChannel, 'AMAZON_NA');

    const ops = (await h.app.spapi.listCalls({ limit: 100 })).reverse().map((r) => [r.operation, r.status]);
    assert.deepEqual(ops.slice(-3), [
      ['getReport', 200],
      ['getReportDocument', 200],
      ['downloadReportDocument', 200],
    ]);
  });

  it('downloads an uncompressed report document too (GZIP is the default)', async () => {
    const ctx = outdoorNa();
    await h.control('POST', '/_simulator/settings', { compressDocuments: false });
    const reportId = await h.app.spapi.requestMerchantListingsReport(ctx);
    h.sim.advance(31);
    const report = await h.app.spapi.downloadMerchantListingsReport(ctx, reportId);
    assert.equal(report?.rows.find((r) => r.sellerSku === 'TM-BOTTLE-750')?.quantity, 40);
  });

  it('returns an empty list for a report Amazon cancelled for having no data', async () => {
    const ctx = outdoorNa({ marketplaceId: CA });
    const reportId = await h.app.spapi.requestMerchantListingsReport(ctx);
    h.sim.advance(31);
    assert.equal((await h.app.spapi.getReport(ctx, reportId))?.processingStatus, 'CANCELLED');
    assert.deepEqual((await h.app.spapi.downloadMerchantListingsReport(ctx, reportId))?.rows, []);
    assert.equal((await h.app.spapi.listCalls({ operation: 'getReportDocument' })).length, 0, 'no document to fetch');
  });
});
