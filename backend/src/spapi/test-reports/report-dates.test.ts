/** Every date form Amazon prints in flat-file reports, to UTC instants; day/month order by marketplace. */
import assert from 'node:assert/strict';
import { parseReportDate } from '../report-dates';

describe('report dates', () => {
  it('reads zone abbreviations, ISO offsets, slash dates', () => {
    const cases: [string, string | null, string][] = [
      ['2024-05-01 10:00:00 UTC', null, '2024-05-01T10:00:00.000Z'],
      ['2024-05-01 10:00:00 PDT', 'ATVPDKIKX0DER', '2024-05-01T17:00:00.000Z'],
      ['2024-01-05 10:00:00 MST', null, '2024-01-05T17:00:00.000Z'],
      ['2024-07-05 10:00:00 EDT', null, '2024-07-05T14:00:00.000Z'],
      ['2024-07-05 10:00:00 CEST', null, '2024-07-05T08:00:00.000Z'],
      ['2022-07-11T01:34:18-07:00', null, '2022-07-11T08:34:18.000Z'],
      ['2022-07-11T01:34:18+02:00', 'A1PA6795UKMFR9', '2022-07-10T23:34:18.000Z'],
      ['08/07/2016 10:12:40 BST', 'A1F83G8C2ARO7P', '2016-07-08T09:12:40.000Z'],
      ['08/07/2016 10:12:40 PDT', 'ATVPDKIKX0DER', '2016-08-07T17:12:40.000Z'],
      ['2016/08/07 10:12:40 JST', 'A1VC38T7YXB528', '2016-08-07T01:12:40.000Z'],
    ];
    for (const [raw, market, iso] of cases) assert.equal(parseReportDate(raw, market), iso, raw);
  });

  it('gives null for what it cannot read, never throws', () => {
    for (const raw of ['', 'tomorrow', '2024-05-01 10:00:00 XYZ', '31/02/2016 10:00:00 GMT', '2024-13-01 10:00:00 UTC'])
      assert.equal(parseReportDate(raw, 'A1F83G8C2ARO7P'), null, raw);
    assert.equal(parseReportDate(null, null), null);
  });
});
