/** A report without a column we need stops with an error naming the report and the column; headers are matched loosely. */
import assert from 'node:assert/strict';
import { parseMerchantListings, ReportFormatError } from '../merchant-listings-parse';
import { decodedReport } from './fixture';

describe('merchant listings report: missing columns and header spelling', () => {
  it('refuses a report without price, naming the report, the column and the headers it has', () => {
    const text = decodedReport('merchant-listings-missing-price.txt', 'Cp1252');
    assert.throws(
      () => parseMerchantListings(text, 'ATVPDKIKX0DER', 'merchant listings report 5001'),
      (err: unknown) =>
        err instanceof ReportFormatError &&
        err.column === 'price' &&
        /^merchant listings report 5001 has no "price" column \(headers: item-name, item-description, listing-id, seller-sku, quantity,/.test(
          err.message,
        ),
    );
  });

  it('refuses each required column in turn; an empty document is refused too', () => {
    for (const column of ['seller-sku', 'asin1', 'price', 'quantity', 'fulfillment-channel']) {
      const header = ['seller-sku', 'asin1', 'price', 'quantity', 'fulfillment-channel'].filter((c) => c !== column);
      assert.throws(() => parseMerchantListings(`${header.join('\t')}\n`, null), new RegExp(`no "${column}" column`));
    }
    assert.throws(() => parseMerchantListings('', null), /no "seller-sku" column \(headers: none\)/);
  });

  it('ignores a BOM, case and spaces in header names', () => {
    const text = '\uFEFFSeller-SKU\tASIN1\t Price \tQuantity\tFulfillment-Channel\tStatus\r\nA-1\tB0X\t5.00\t2\tDEFAULT\tActive\r\n\r\n';
    const report = parseMerchantListings(text, null);
    assert.deepEqual(
      report.rows.map((r) => [r.sellerSku, r.asin1, r.price, r.quantity, r.fulfillmentChannel, r.status, r.itemName]),
      [['A-1', 'B0X', '5.00', 2, 'DEFAULT', 'Active', null]],
    );
  });
});
