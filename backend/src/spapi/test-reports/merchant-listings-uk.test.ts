/** Amazon.co.uk's merchant listings report: the older 27 columns without status, DD/MM/YYYY dates in BST/GMT. */
import assert from 'node:assert/strict';
import { withStatusFrom } from '../../listings/merchant-report';
import { parseMerchantListings } from '../merchant-listings-parse';
import { decodedReport } from './fixture';

const UK = 'A1F83G8C2ARO7P';

describe('merchant listings report: UK (older layout, BST)', () => {
  const report = parseMerchantListings(decodedReport('merchant-listings-uk-older-layout.txt', 'Cp1252'), UK);
  const bySku = new Map(report.rows.map((r) => [r.sellerSku, r]));

  it('parses the 27 columns and says the status is missing rather than inventing one', () => {
    assert.equal(report.headers.length, 27);
    assert.equal(report.hasStatus, false);
    assert.deepEqual(
      report.rows.map((r) => [r.sellerSku, r.price, r.quantity, r.status]),
      [
        ['UK-STOVE-ON', '12.50', 6, null],
        ['UK-BAG-OFF', '9.99', 0, null],
        ['UK-BAG-FBA', '10.99', null, null],
      ],
    );
    assert.equal(bySku.get('UK-STOVE-ON')?.itemName, 'Stove Adapter – £ saver');
  });

  it('reads day-first dates in British Summer Time and GMT', () => {
    assert.equal(bySku.get('UK-STOVE-ON')?.openDate, '2016-07-08T09:12:40.000Z', '8 July, BST is UTC+1');
    assert.equal(bySku.get('UK-BAG-OFF')?.openDate, '2016-12-01T09:00:00.000Z', '1 December, GMT');
  });

  it('takes the statuses from the inactive report: listed there → Inactive, else Active', () => {
    const inactive = parseMerchantListings(decodedReport('merchant-listings-uk-inactive.txt', 'Cp1252'), UK);
    assert.deepEqual(
      withStatusFrom(report.rows, inactive.rows).map((r) => [r.sellerSku, r.status]),
      [
        ['UK-STOVE-ON', 'Active'],
        ['UK-BAG-OFF', 'Inactive'],
        ['UK-BAG-FBA', 'Active'],
      ],
    );
  });
});
