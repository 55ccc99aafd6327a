/** Amazon.co.jp's merchant listings report: Shift_JIS (Windows-31J), Japanese headers, YYYY/MM/DD JST dates. */
import assert from 'node:assert/strict';
import { parseMerchantListings } from '../merchant-listings-parse';
import { decodedReport } from './fixture';

const JP = 'A1VC38T7YXB528';

describe('merchant listings report: JP (Shift_JIS, Japanese headers)', () => {
  const report = parseMerchantListings(decodedReport('merchant-listings-jp-shift-jis.txt', 'Windows-31J'), JP);

  it('matches the Japanese headers to the usual keys', () => {
    assert.equal(report.headers[3], '出品者SKU');
    assert.equal(report.hasStatus, true);
    assert.deepEqual(
      report.rows.map((r) => [r.sellerSku, r.itemName, r.price, r.quantity, r.fulfillmentChannel, r.status, r.asin1]),
      [
        ['JP-HASHI-01', 'チタン製 携帯箸セット', '2980', 12, 'DEFAULT', 'Active', 'B0TEST0016'],
        ['JP-BOWL-FBA', '折りたたみボウル', '1200', null, 'AMAZON_JP', 'Inactive', 'B0TEST0017'],
      ],
    );
    assert.equal(report.rows[0]?.itemDescription, '軽量「チタン」製');
  });

  it('reads JST dates as instants', () => {
    assert.equal(report.rows[0]?.openDate, '2016-08-07T01:12:40.000Z');
    assert.equal(report.rows[1]?.openDate, '2016-08-07T15:00:00.000Z');
  });
});
