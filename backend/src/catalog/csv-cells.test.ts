import assert from 'node:assert/strict';
import { spreadsheetSafeRecord, spreadsheetSafeText } from './csv-cells';

describe('spreadsheet-safe CSV cells', () => {
  it('quotes text that starts like a formula, and only that', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) assert.equal(spreadsheetSafeText(text), `'${text}`);
    for (const text of ['Desk Lamp', 'a=b', '', ' =1', "'quoted"]) assert.equal(spreadsheetSafeText(text), text);
  });

  it('leaves numbers alone, negative ones too', () => {
    assert.deepEqual(spreadsheetSafeRecord({ name: '-5 °C jacket', price: -5, qty: 0 }), { name: "'-5 °C jacket", price: -5, qty: 0 });
  });
});
