import assert from 'node:assert/strict';
import type { FeedProcessingReport } from '../../spapi/index';
import { readReport } from './report';

const report: FeedProcessingReport = {
  header: { sellerId: 'S', version: '2.0', feedId: '1' },
  issues: [
    { messageId: 2, sku: 'B', code: '8560', severity: 'ERROR', message: 'SKU mismatch', attributeName: 'merchant_suggested_asin' },
    { messageId: 3, sku: 'C', code: '4000003', severity: 'ERROR', message: 'An internal error occurred' },
    { messageId: 4, sku: 'D', code: '4000001', severity: 'ERROR', message: "SKU 'D' does not exist" },
    { messageId: 5, sku: 'E', code: '18027', severity: 'WARNING', message: 'no price' },
  ],
  summary: { errors: 3, warnings: 1, messagesProcessed: 5, messagesAccepted: 2, messagesInvalid: 3 },
  items: [{ sku: 'A', summaries: [{ status: ['BUYABLE', 'DISCOVERABLE'] }], issues: [] }],
};

describe('listings sync: reading a feed processing report', () => {
  const r = readReport(report);
  it('accepts messages without errors, with the resulting listing status and warnings', () => {
    const a = r.resultFor({ messageId: 1, sellerSku: 'A', operation: 'put' }, '1');
    assert.ok(a.kind === 'accepted' && a.amazonStatus.join() === 'BUYABLE,DISCOVERABLE');
    const e = r.resultFor({ messageId: 5, sellerSku: 'E', operation: 'put' }, '1');
    assert.ok(e.kind === 'accepted' && e.issues[0]?.code === '18027');
  });
  it("refuses data errors with Amazon's words, retries Amazon's trouble, turns an unknown-SKU PATCH into a PUT", () => {
    const b = r.resultFor({ messageId: 2, sellerSku: 'B', operation: 'put' }, '1');
    assert.deepEqual(b.kind === 'rejected' && b.issues, [
      { code: '8560', message: 'SKU mismatch', severity: 'ERROR', attributeNames: ['merchant_suggested_asin'] },
    ]);
    assert.equal(r.resultFor({ messageId: 3, sellerSku: 'C', operation: 'put' }, '1').kind, 'retry');
    assert.equal(r.resultFor({ messageId: 4, sellerSku: 'D', operation: 'patch' }, '1').kind, 'unknown_on_amazon');
    assert.equal(r.resultFor({ messageId: 4, sellerSku: 'D', operation: 'put' }, '1').kind, 'rejected');
  });
});
