/** Amazon.de's merchant listings report: Cp1252 bytes with no charset declared, ISO dates with an offset. */
import assert from 'node:assert/strict';
import { parseMerchantListings } from '../merchant-listings-parse';
import { decodedReport, reportBytes } from './fixture';

const DE = 'A1PA6795UKMFR9';

describe('merchant listings report: DE (Cp1252, no charset declared)', () => {
  it('garbles names when read as UTF-8: the marketplace charset is what makes them right', () => {
    const asUtf8 = parseMerchantListings(reportBytes('merchant-listings-de-no-charset.txt').toString('utf8'), DE);
    assert.notEqual(asUtf8.rows[0]?.itemName, 'Edelstahl-Trinkflasche 750 ml, Größe L (für Müsli & Café)');
    const report = parseMerchantListings(decodedReport('merchant-listings-de-no-charset.txt', 'Cp1252'), DE);
    assert.equal(report.rows[0]?.itemName, 'Edelstahl-Trinkflasche 750 ml, Größe L (für Müsli & Café)');
    assert.equal(report.rows[1]?.itemName, 'Schlafsack ?5 °C', 'what Cp1252 cannot hold Amazon sends as ?');
  });

  it('reads ISO dates with an offset as instants, and the usual columns', () => {
    const report = parseMerchantListings(decodedReport('merchant-listings-de-no-charset.txt', 'Cp1252'), DE);
    assert.deepEqual(
      report.rows.map((r) => [r.sellerSku, r.openDate, r.price, r.quantity, r.status]),
      [
        ['DE-FLASCHE-750', '2022-07-10T23:34:18.000Z', '24.99', 15, 'Active'],
        ['DE-SCHLAFSACK', '2023-01-15T11:00:00.000Z', '89.00', 3, 'Active'],
      ],
    );
  });
});
