/**
 * The merchant listings report in each marketplace's form, as stored on the document host: charset of the
 * bytes and the Content-Type's declared charset, layout, header language, date format, Amazon's quoting,
 * FBA rows, the inactive-only report, and `tidyReports` for the old tidy form.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'mocha';
import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { formatReportDate, REPORT_LOCALES } from '../report-locales';
import { control, makeClient, SCENARIO, startTestSimulator } from './helpers';
import { JP, UK, withUkAndJapaneseShops } from './report-shops';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;

describe('simulator merchant listings report forms', () => {
  let sim: Sim;
  before(async () => {
    sim = await startTestSimulator();
  });
  beforeEach(async () => {
    await control(sim, 'POST', '/_simulator/reset');
    await control(sim, 'POST', '/_simulator/settings', { reportProcessingSeconds: 0 });
  });
  after(async () => {
    assert.deepEqual(sim.mismatches(), [], 'every response must validate against the model');
    await sim.close();
  });

  /** Creates the report and returns the stored document (bytes, content type) and the getReport answer. */
  async function document(marketplaceId: string, reportType = 'GET_MERCHANT_LISTINGS_ALL_DATA', region: 'na' | 'eu' | 'fe' = 'na') {
    const sp = makeClient(sim, region === 'na' ? {} : { region, refreshToken: `Atzr|sim-seed-${SCENARIO.seller}-${region}` });
    const { reportId } = (await sp.callAPI({
      operation: 'createReport',
      endpoint: 'reports',
      body: { reportType: reportType as 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [marketplaceId] },
    })) as { reportId: string };
    const report = (await sp.callAPI({ operation: 'getReport', endpoint: 'reports', path: { reportId } })) as unknown as Record<
      string,
      string
    >;
    const doc = [...sim.sim.world.documents.values()].find((d) => d.documentId === report.reportDocumentId);
    assert.ok(doc?.body, `report ${reportId} has a document (${report.processingStatus})`);
    // Stored as served: GZIP by default, as Amazon sends result documents.
    return { report, contentType: doc.contentType, bytes: doc.body[0] === 0x1f && doc.body[1] === 0x8b ? gunzipSync(doc.body) : doc.body };
  }

  it('US: Cp1252 bytes declared as Cp1252, local Pacific dates, quoted cells, FBA rows with a shipping group', async () => {
    const { report, contentType, bytes } = await document(SCENARIO.US);
    assert.equal(contentType, 'text/plain; charset=Cp1252');
    assert.ok(report.dataStartTime && report.dataEndTime, 'getReport always carries the data range');
    assert.ok(bytes.includes(Buffer.from('Caf\xe9', 'latin1')), 'é is the single Cp1252 byte E9');
    assert.ok(bytes.includes(Buffer.from([0x92])), '’ is Cp1252 0x92');
    const lines = iconv.decode(bytes, 'windows1252').trimEnd().split('\n');
    assert.equal(lines[0]?.split('\t').length, 29);
    const mug = lines.find((l) => l.includes('TM-MUG-350'))!;
    assert.ok(mug.includes('\t"Double-walled steel: keeps coffee hot for 3 hours, ""spill-proof"" lid"\t'), mug);
    assert.match(mug, /\t\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} P[SD]T\t/);
    const fba = lines.find((l) => l.includes('TM-BOTTLE-750-FBA'))!.split('\t');
    const header = lines[0]!.split('\t');
    const at = (name: string) => fba[header.indexOf(name)];
    assert.deepEqual(
      [at('quantity'), at('pending-quantity'), at('fulfillment-channel'), at('merchant-shipping-group')],
      ['', '', 'AMAZON_NA', 'Migrated Template'],
    );
  });

  it('UK: the older 27 columns without status, DD/MM/YYYY dates in GMT/BST; the inactive report lists only non-Active rows', async () => {
    sim.reset(withUkAndJapaneseShops());
    await control(sim, 'POST', '/_simulator/settings', { reportProcessingSeconds: 0 });
    const { contentType, bytes } = await document(UK, undefined, 'eu');
    assert.equal(contentType, 'text/plain; charset=Cp1252');
    const lines = iconv.decode(bytes, 'windows1252').trimEnd().split('\n');
    assert.equal(lines[0]?.split('\t').length, 27);
    assert.ok(!lines[0]?.includes('status') && !lines[0]?.includes('merchant-shipping-group'));
    assert.deepEqual(
      lines.slice(1).map((l) => l.split('\t')[3]),
      ['UK-STOVE-OFF', 'UK-STOVE-ON'],
    );
    assert.match(lines[1] ?? '', /\t\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} (GMT|BST)\t/);
    const inactive = await document(UK, 'GET_MERCHANT_LISTINGS_INACTIVE_DATA', 'eu');
    const inactiveLines = iconv.decode(inactive.bytes, 'windows1252').trimEnd().split('\n');
    assert.equal(inactiveLines[0], lines[0], "same layout as the marketplace's ALL_DATA");
    assert.deepEqual(
      inactiveLines.slice(1).map((l) => l.split('\t')[3]),
      ['UK-STOVE-OFF'],
    );
  });

  it('formats dates per marketplace: PDT, BST (day first), ISO with offset, JST', () => {
    const at = Date.parse('2016-08-07T09:12:40Z');
    assert.equal(formatReportDate(REPORT_LOCALES.ATVPDKIKX0DER!, at), '2016-08-07 02:12:40 PDT');
    assert.equal(formatReportDate(REPORT_LOCALES[UK]!, at), '07/08/2016 10:12:40 BST');
    assert.equal(formatReportDate(REPORT_LOCALES[UK]!, Date.parse('2016-01-07T09:12:40Z')), '07/01/2016 09:12:40 GMT');
    assert.equal(formatReportDate(REPORT_LOCALES.A1PA6795UKMFR9!, at), '2016-08-07T11:12:40+02:00');
    assert.equal(formatReportDate(REPORT_LOCALES[JP]!, at), '2016/08/07 18:12:40 JST');
  });

  it('DE: Cp1252 bytes with no charset declared', async () => {
    const { contentType, bytes } = await document(SCENARIO.DE, undefined, 'eu');
    assert.equal(contentType, 'text/plain');
    const text = iconv.decode(bytes, 'windows1252');
    assert.match(text, /Größe L \(für Müsli & Café\)/);
    assert.match(text, /\t\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00\t/);
  });

  it('JP: Shift_JIS declared as Windows-31J with Japanese headers and JST dates', async () => {
    sim.reset(withUkAndJapaneseShops());
    await control(sim, 'POST', '/_simulator/settings', { reportProcessingSeconds: 0 });
    const { contentType, bytes } = await document(JP, undefined, 'fe');
    assert.equal(contentType, 'text/plain; charset=Windows-31J');
    const [header, row] = iconv.decode(bytes, 'Shift_JIS').trimEnd().split('\n');
    assert.match(header ?? '', /^商品名\t商品説明\t出品ID\t出品者SKU\t価格\t数量\t出品日\t/);
    assert.match(header ?? '', /\tmerchant-shipping-group\tステータス$/);
    assert.match(row ?? '', /^チタン製 携帯箸セット\t/);
    assert.match(row ?? '', /\t\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} JST\t/);
  });

  it('tidyReports gives the old form: UTF-8, English, UTC', async () => {
    await control(sim, 'POST', '/_simulator/settings', { tidyReports: true });
    const { contentType, bytes } = await document(SCENARIO.DE, undefined, 'eu');
    assert.equal(contentType, 'text/plain; charset=UTF-8');
    const text = bytes.toString('utf8');
    assert.match(text, /Größe L/);
    assert.match(text, /\t\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\t/);
  });
});
