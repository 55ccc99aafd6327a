/**
 * Reports 2021-06-30 (GET_MERCHANT_LISTINGS_ALL_DATA) and FBA Inventory v1 with the real client:
 * the report lifecycle on the clock, Amazon's flat-file columns, empty reports CANCELLED, and inventory
 * summaries from the scenario's FBA stock as the shopper lowers it.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'mocha';
import { MERCHANT_LISTINGS_COLUMNS } from '../report-merchant-listings';
import { control, makeClient, SCENARIO, startTestSimulator } from './helpers';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;
type SP = ReturnType<typeof makeClient>;
interface Report {
  reportId: string;
  processingStatus: string;
  reportDocumentId?: string;
}
const US = SCENARIO.US;
// The client's typings only know a few marketplace literals.
const CA = 'A2EUQ1WTGCTBG2' as typeof US;

describe('simulator Reports and FBA Inventory', () => {
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
    assert.deepEqual(sim.mismatches(), [], 'every response must validate against the model');
    await sim.close();
  });

  const createReport = async (marketplaceId = US) =>
    (
      (await sp.callAPI({
        operation: 'createReport',
        endpoint: 'reports',
        body: { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [marketplaceId] },
      })) as { reportId: string }
    ).reportId;
  const getReport = (reportId: string) =>
    sp.callAPI({ operation: 'getReport', endpoint: 'reports', path: { reportId } }) as Promise<Report>;

  it('produces GET_MERCHANT_LISTINGS_ALL_DATA after the processing delay with Amazon columns', async () => {
    const reportId = await createReport();
    assert.equal((await getReport(reportId)).processingStatus, 'IN_QUEUE');
    sim.advance(16);
    assert.equal((await getReport(reportId)).processingStatus, 'IN_PROGRESS');
    sim.advance(15);
    const done = await getReport(reportId);
    assert.equal(done.processingStatus, 'DONE');
    const doc = (await sp.callAPI({
      operation: 'getReportDocument',
      endpoint: 'reports',
      path: { reportDocumentId: done.reportDocumentId ?? '' },
    })) as { url: string; compressionAlgorithm?: 'GZIP' };
    assert.equal(doc.compressionAlgorithm, 'GZIP', 'Amazon serves report documents GZIP-compressed');
    const text = String(await sp.download(doc));
    const [header, ...lines] = text.trimEnd().split('\n');
    assert.equal(header, MERCHANT_LISTINGS_COLUMNS.join('\t'));
    assert.equal(MERCHANT_LISTINGS_COLUMNS.length, 29);
    const rows = (await sp.download(doc, { json: true })) as Record<string, string>[];
    assert.equal(rows.length, lines.length);
    const bySku = new Map(rows.map((r) => [r['seller-sku'], r]));
    assert.deepEqual(
      [...bySku.keys()].sort(),
      ['NO-BEARSPRAY', 'NO-TORCH-300', 'TM-BOTTLE-750', 'TM-BOTTLE-750-FBA', 'TM-MUG-350'],
      'only the US listings',
    );
    const bottle = bySku.get('TM-BOTTLE-750');
    assert.deepEqual(
      [bottle?.price, bottle?.quantity, bottle?.asin1, bottle?.['product-id-type'], bottle?.['fulfillment-channel'], bottle?.status],
      ['24.99', '40', 'B0SIM00001', '1', 'DEFAULT', 'Active'],
    );
    assert.equal(bySku.get('TM-MUG-350')?.status, 'Inactive', 'quantity 0');
    assert.equal(bySku.get('TM-BOTTLE-750-FBA')?.['fulfillment-channel'], 'AMAZON_NA');
    assert.equal(bySku.get('TM-BOTTLE-750-FBA')?.quantity, '', 'Amazon leaves quantity empty for AFN rows');
    assert.equal(bySku.get('NO-BEARSPRAY')?.status, 'Incomplete', 'a gated listing is not active');
    assert.match(bottle?.['open-date'] ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} P[SD]T$/, 'Pacific time, as Amazon.com prints it');
    assert.equal(
      bySku.get('TM-MUG-350')?.['item-name'],
      'Insulated Camping Mug 350 ml – Café edition',
      'Cp1252 decoded by the declared charset',
    );
  });

  it('counts Pending shopper orders as pending-quantity and serves documents uncompressed when asked', async () => {
    await control(sim, 'POST', '/_simulator/settings', { reportProcessingSeconds: 0, compressDocuments: false });
    await control(sim, 'POST', '/_simulator/shopper/orders', {
      sellerId: SCENARIO.seller,
      marketplaceId: US,
      sku: 'TM-BOTTLE-750',
      quantity: 4,
    });
    const r = await getReport(await createReport());
    const doc = (await sp.callAPI({
      operation: 'getReportDocument',
      endpoint: 'reports',
      path: { reportDocumentId: r.reportDocumentId ?? '' },
    })) as { url: string; compressionAlgorithm?: 'GZIP' };
    assert.equal(doc.compressionAlgorithm, undefined);
    const rows = (await sp.download(doc, { json: true })) as Record<string, string>[];
    const bottle = rows.find((x) => x['seller-sku'] === 'TM-BOTTLE-750');
    assert.deepEqual([bottle?.quantity, bottle?.['pending-quantity']], ['36', '4']);
  });

  it('cancels a report without data, lists reports with nextToken, refuses unsupported report types', async () => {
    await control(sim, 'POST', '/_simulator/settings', { reportProcessingSeconds: 0 });
    const empty = await getReport(await createReport(CA));
    assert.equal(empty.processingStatus, 'CANCELLED', 'Amazon cancels reports that have no data');
    assert.equal(empty.reportDocumentId, undefined);
    await createReport();
    await createReport();
    const page1 = (await sp.callAPI({
      operation: 'getReports',
      endpoint: 'reports',
      query: { reportTypes: ['GET_MERCHANT_LISTINGS_ALL_DATA'], pageSize: 2 },
    })) as { reports: Report[]; nextToken?: string };
    assert.equal(page1.reports.length, 2);
    const page2 = (await sp.callAPI({ operation: 'getReports', endpoint: 'reports', query: { nextToken: page1.nextToken } })) as {
      reports: Report[];
    };
    assert.deepEqual(
      page2.reports.map((x) => x.reportId),
      [empty.reportId],
      'newest first',
    );
    await assert.rejects(
      sp.callAPI({
        operation: 'createReport',
        endpoint: 'reports',
        body: { reportType: 'GET_NO_SUCH_REPORT_DATA' as 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] },
      }),
      (e: { code: string }) => e.code === 'InvalidInput',
    );
    // A type Amazon accepts but the local Amazon cannot build is created and ends FATAL, not refused.
    const pending = (await sp.callAPI({
      operation: 'createReport',
      endpoint: 'reports',
      body: { reportType: 'GET_FLAT_FILE_PENDING_ORDERS_DATA', marketplaceIds: [US] },
    })) as { reportId: string };
    sim.advance(60);
    const fatal = (await sp.callAPI({ operation: 'getReport', endpoint: 'reports', path: { reportId: pending.reportId } })) as Report;
    assert.equal(fatal.processingStatus, 'FATAL');
  });

  it('getInventorySummaries returns the FBA stock, with details on request, and follows shopper purchases', async () => {
    const summaries = async (query: Record<string, unknown> = {}) =>
      (await sp.callAPI({
        operation: 'getInventorySummaries',
        endpoint: 'fbaInventory',
        query: { granularityType: 'Marketplace', granularityId: US, marketplaceIds: [US], ...query },
      })) as {
        granularity: { granularityId: string };
        inventorySummaries: {
          sellerSku: string;
          fnSku: string;
          totalQuantity: number;
          lastUpdatedTime: string;
          inventoryDetails?: {
            fulfillableQuantity: number;
            inboundShippedQuantity: number;
            reservedQuantity: { totalReservedQuantity: number };
          };
        }[];
      };
    const plain = await summaries();
    assert.equal(plain.granularity.granularityId, US);
    assert.ok(
      plain.inventorySummaries.every((s) => !('stores' in s)),
      'real answers leave out stores',
    );
    assert.deepEqual(
      plain.inventorySummaries.map((s) => [s.sellerSku, s.totalQuantity, s.inventoryDetails]),
      [
        ['SC-TENT-2P-FBA', 10, undefined],
        ['TM-BOTTLE-750-FBA', 147, undefined],
      ],
    );
    const since = new Date(sim.clock.nowMs()).toISOString();
    sim.advance(1);
    await control(sim, 'POST', '/_simulator/shopper/orders', {
      sellerId: SCENARIO.seller,
      marketplaceId: US,
      sku: 'TM-BOTTLE-750-FBA',
      quantity: 5,
    });
    sim.advance(1);
    const changed = await summaries({ details: true, startDateTime: since });
    assert.deepEqual(
      changed.inventorySummaries.map((s) => [
        s.sellerSku,
        s.inventoryDetails?.fulfillableQuantity,
        s.inventoryDetails?.inboundShippedQuantity,
      ]),
      [['TM-BOTTLE-750-FBA', 115, 24]],
    );
    sim.advance(1);
    const one = await summaries({ sellerSkus: ['SC-TENT-2P-FBA'] });
    assert.deepEqual(
      one.inventorySummaries.map((s) => s.fnSku),
      ['X00SIM0002'],
    );
    sim.advance(1);
    await assert.rejects(summaries({ granularityId: CA }), (e: { code: string }) => e.code === 'InvalidInput');
  });
});
