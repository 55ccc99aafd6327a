import assert from 'node:assert/strict';
import { parseMerchantListings } from './reports';

describe('spapi merchant listings report parsing', () => {
  it('reads rows by header name; empty cells are null, quantities numbers, prices decimal strings', () => {
    const text =
      '\uFEFFitem-name\tseller-sku\tprice\tquantity\tasin1\tfulfillment-channel\tstatus\r\n' +
      'Bottle\tSKU-1\t19.90\t7\tB0SIM00001\tDEFAULT\tActive\r\n' +
      'Tent\tSKU-2\t\t\tB0SIM00005\tAMAZON_NA\tInactive\r\n\r\n';
    const rows = parseMerchantListings(text);
    assert.deepEqual(
      rows.map((r) => [r.sellerSku, r.itemName, r.price, r.quantity, r.asin1, r.fulfillmentChannel, r.status, r.openDate]),
      [
        ['SKU-1', 'Bottle', '19.90', 7, 'B0SIM00001', 'DEFAULT', 'Active', null],
        ['SKU-2', 'Tent', null, null, 'B0SIM00005', 'AMAZON_NA', 'Inactive', null],
      ],
    );
    assert.throws(() => parseMerchantListings('a\tb\n1\t2\n'), /seller-sku/);
  });
});
