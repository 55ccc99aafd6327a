import assert from 'node:assert/strict';
import { compareWithReport, type ManagedListing, type ReportRow } from './compare';

const listing = (over: Partial<ManagedListing> = {}): ManagedListing => ({
  id: 1,
  sellerSku: 'A',
  status: 'active',
  isParent: false,
  desired: { quantity: 5, price: '19.99' },
  busy: false,
  ...over,
});
const row = (over: Partial<ReportRow> = {}): ReportRow => ({
  sellerSku: 'A',
  price: '19.99',
  quantity: 5,
  status: 'Active',
  fulfillmentChannel: 'DEFAULT',
  ...over,
});

describe('reconciliation: compare with the listings report', () => {
  it('finds nothing when Amazon holds what we want (prices compared as money, not text)', () => {
    const r = compareWithReport([listing({ desired: { quantity: 5, price: '19.9' } })], [row({ price: '19.90' })]);
    assert.deepEqual(r, { compared: [1], findings: [], statuses: [] });
  });

  it('quantity: Amazon higher is pushed at once, Amazon lower is only listed', () => {
    const r = compareWithReport(
      [listing(), listing({ id: 2, sellerSku: 'B' })],
      [row({ quantity: 9 }), row({ sellerSku: 'B', quantity: 3 })],
    );
    assert.deepEqual(
      r.findings.map((f) => [f.listingId, f.field, f.ours, f.amazon, f.autoPush]),
      [
        [1, 'quantity', '5', '9', true],
        [2, 'quantity', '5', '3', false],
      ],
    );
  });

  it('price drift and a listing Amazon does not have', () => {
    const r = compareWithReport([listing(), listing({ id: 2, sellerSku: 'GONE' })], [row({ price: '17.5' })]);
    assert.deepEqual(
      r.findings.map((f) => [f.listingId, f.field, f.ours, f.amazon, f.autoPush]),
      [
        [1, 'price', '19.99', '17.50', false],
        [2, 'presence', 'listed', null, false],
      ],
    );
  });

  it('skips busy listings, FBA quantities, parents and quantities we do not send', () => {
    const r = compareWithReport(
      [
        listing({ busy: true }),
        listing({ id: 2, sellerSku: 'FBA' }),
        listing({ id: 3, sellerSku: 'P', isParent: true, desired: { quantity: null, price: null } }),
        listing({ id: 4, sellerSku: 'NOQ', desired: { quantity: null, price: '19.99' } }),
      ],
      [
        row({ quantity: 50 }),
        row({ sellerSku: 'FBA', quantity: null, fulfillmentChannel: 'AMAZON_NA' }),
        row({ sellerSku: 'P', quantity: 0 }),
        row({ sellerSku: 'NOQ', quantity: 7 }),
      ],
    );
    assert.deepEqual(r.compared, [2, 3, 4]);
    assert.deepEqual(r.findings, []);
  });

  it('corrects Active ↔ Inactive from the report, never other statuses', () => {
    const r = compareWithReport(
      [
        listing({ desired: { quantity: 0, price: '19.99' } }),
        listing({ id: 2, sellerSku: 'B', status: 'inactive' }),
        listing({ id: 3, sellerSku: 'C', status: 'list_in_progress' }),
      ],
      [row({ quantity: 0, status: 'Inactive' }), row({ sellerSku: 'B', status: 'Active' }), row({ sellerSku: 'C', status: 'Inactive' })],
    );
    assert.deepEqual(
      r.statuses.map((s) => [s.listingId, s.event]),
      [
        [1, 'amazon_not_buyable'],
        [2, 'amazon_buyable'],
      ],
    );
  });
});
