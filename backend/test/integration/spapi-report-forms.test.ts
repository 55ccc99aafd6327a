/**
 * Merchant listings reports in each marketplace's form, through the gateway and the real client against the
 * simulator's default (untidy) reports: Amazon.com's Cp1252 with Pacific dates, Amazon.de's Cp1252 without a declared charset, Amazon.co.uk's older layout
 * whose statuses come from the inactive report, Amazon.co.jp's Shift_JIS with Japanese headers.
 */
import assert from 'node:assert/strict';
import { withStatusFrom } from '../../src/listings/merchant-report';
import { INACTIVE_LISTINGS_REPORT } from '../../src/spapi/reports';
import { JP, OUTDOOR_FE_REFRESH_TOKEN, UK, withUkAndJapaneseShops } from '../../simulator/test/report-shops';
import { assertNoInvalidRequests, freshAmazon, outdoorNa, startHarness, type Harness } from './spapi-harness';

describe('SP-API gateway: merchant listings report forms', function () {
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

  async function collect(ctx: ReturnType<typeof outdoorNa>, reportType?: typeof INACTIVE_LISTINGS_REPORT) {
    const reportId = await h.app.spapi.requestMerchantListingsReport(ctx, ctx.marketplaceId ?? undefined, reportType);
    h.sim.advance(31);
    const report = await h.app.spapi.downloadMerchantListingsReport(ctx, reportId);
    assert.ok(report, `report ${reportId} is ready`);
    return report;
  }

  it('US: names decoded from Cp1252, Pacific dates as instants, FBA rows without pending quantity', async () => {
    const report = await collect(outdoorNa());
    const bySku = new Map(report.rows.map((r) => [r.sellerSku, r]));
    assert.equal(report.hasStatus, true);
    assert.equal(bySku.get('TM-MUG-350')?.itemName, 'Insulated Camping Mug 350 ml – Café edition');
    assert.equal(bySku.get('TM-MUG-350')?.status, 'Inactive');
    assert.match(bySku.get('TM-BOTTLE-750')?.openDateRaw ?? '', / P[SD]T$/);
    const listed = Date.parse(bySku.get('TM-BOTTLE-750')?.openDate ?? '');
    assert.ok(Math.abs(listed - (h.sim.sim.clock.now().getTime() - 20 * 86_400_000)) < 120_000, 'created 20 days before now');
    const fba = bySku.get('TM-BOTTLE-750-FBA');
    assert.deepEqual([fba?.quantity, fba?.pendingQuantity, fba?.merchantShippingGroup], [null, null, 'Migrated Template']);
  });

  it('DE: Cp1252 served without a charset is decoded by the marketplace charset; ISO dates with offset', async () => {
    const ctx = outdoorNa({ region: 'eu', refreshToken: 'Atzr|sim-seed-A2SIMOUTDOOR01-eu', marketplaceId: 'A1PA6795UKMFR9' });
    const report = await collect(ctx);
    const bottle = report.rows.find((r) => r.sellerSku === 'TM-BOTTLE-750');
    assert.equal(bottle?.itemName, 'Edelstahl-Trinkflasche 750 ml, Größe L (für Müsli & Café)');
    assert.match(bottle?.openDateRaw ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    assert.ok(bottle?.openDate && !Number.isNaN(Date.parse(bottle.openDate)));
  });

  it('UK: the older layout has no status; the inactive report supplies it', async () => {
    h.sim.reset(withUkAndJapaneseShops());
    const ctx = outdoorNa({ region: 'eu', refreshToken: 'Atzr|sim-seed-A2SIMOUTDOOR01-eu', marketplaceId: UK });
    const report = await collect(ctx);
    assert.equal(report.hasStatus, false);
    assert.equal(report.headers.length, 27);
    const on = report.rows.find((r) => r.sellerSku === 'UK-STOVE-ON');
    assert.equal(on?.itemName, 'Camping Stove Adapter – £ saver, Café größe');
    assert.match(on?.openDateRaw ?? '', /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} (GMT|BST)$/);
    assert.ok(
      on?.openDate && Math.abs(Date.parse(on.openDate) - (h.sim.sim.clock.now().getTime() - 3 * 86_400_000)) < 120_000,
      on?.openDate ?? '',
    );
    const inactive = await collect(ctx, INACTIVE_LISTINGS_REPORT);
    assert.deepEqual(
      withStatusFrom(report.rows, inactive.rows).map((r) => [r.sellerSku, r.status]),
      [
        ['UK-STOVE-OFF', 'Inactive'],
        ['UK-STOVE-ON', 'Active'],
      ],
    );
  });

  it('JP: Shift_JIS decoded by the declared Windows-31J, Japanese headers matched, JST dates', async () => {
    h.sim.reset(withUkAndJapaneseShops());
    const ctx = outdoorNa({ region: 'fe', refreshToken: OUTDOOR_FE_REFRESH_TOKEN, marketplaceId: JP });
    const report = await collect(ctx);
    assert.equal(report.headers[3], '出品者SKU');
    const row = report.rows[0];
    assert.deepEqual(
      [row?.sellerSku, row?.itemName, row?.price, row?.quantity, row?.status],
      ['JP-HASHI-01', 'チタン製 携帯箸セット', '2980', 12, 'Active'],
    );
    assert.match(row?.openDateRaw ?? '', / JST$/);
    assert.ok(row?.openDate && Math.abs(Date.parse(row.openDate) - (h.sim.sim.clock.now().getTime() - 3 * 86_400_000)) < 120_000);
  });
});
