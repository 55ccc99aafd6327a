/** Amazon.com's merchant listings report: Cp1252 declared, 29 columns, Pacific dates, Amazon's quoting, FBA rows. */
import assert from 'node:assert/strict';
import { parseMerchantListings } from '../merchant-listings-parse';
import { decodedReport } from './fixture';

const US = 'ATVPDKIKX0DER';

describe('merchant listings report: US (Cp1252, PDT/PST)', () => {
  const report = parseMerchantListings(decodedReport('merchant-listings-us-cp1252.txt', 'Cp1252'), US);
  const bySku = new Map(report.rows.map((r) => [r.sellerSku, r]));

  it('decodes names by the declared Cp1252 (é, ’, – are single bytes there)', () => {
    assert.equal(bySku.get('US-MUG-1')?.itemName, 'Café Mug 350 ml – Hiker’s choice');
    assert.equal(report.hasStatus, true);
  });

  it('unquotes quoted cells (doubled quotes, a tab inside) and keeps a lone quote in an unquoted cell', () => {
    assert.equal(bySku.get('US-MUG-1')?.itemDescription, 'Keeps coffee hot: "spill-proof" lid,\ttab inside');
    assert.equal(bySku.get('US-RULER-12')?.itemName, 'Folding 12" ruler');
    assert.equal(bySku.get('US-ODD-DATE')?.itemName, ' padded name ', 'edge spaces Amazon quoted are kept');
  });

  it('reads quantities, prices and statuses; an FBA row has no quantity, no pending quantity, and a shipping group', () => {
    const mug = bySku.get('US-MUG-1');
    assert.deepEqual([mug?.price, mug?.quantity, mug?.pendingQuantity, mug?.status], ['19.99', 7, 2, 'Active']);
    assert.equal(bySku.get('US-RULER-12')?.status, 'Inactive');
    const fba = bySku.get('US-MUG-1-FBA');
    assert.deepEqual(
      [fba?.quantity, fba?.pendingQuantity, fba?.fulfillmentChannel, fba?.merchantShippingGroup],
      [null, null, 'AMAZON_NA', 'Migrated Template'],
    );
  });

  it('turns Pacific local dates into UTC instants and keeps the raw text; an unknown form is null, not a crash', () => {
    assert.equal(bySku.get('US-MUG-1')?.openDate, '2024-05-01T17:00:00.000Z');
    assert.equal(bySku.get('US-MUG-1')?.openDateRaw, '2024-05-01 10:00:00 PDT');
    assert.equal(bySku.get('US-RULER-12')?.openDate, '2023-12-01T16:30:00.000Z', 'PST is UTC−8');
    assert.equal(bySku.get('US-ODD-DATE')?.openDate, null);
    assert.equal(bySku.get('US-ODD-DATE')?.openDateRaw, 'someday soon');
  });
});
