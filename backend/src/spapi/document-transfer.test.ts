import assert from 'node:assert/strict';
import type { ApiCallRecord } from './comm-log.queries';
import { classifyTransferError, DocumentUrlExpiredError, logPath, transferDocument, type Transfer } from './document-transfer';
import { AmazonError, AmazonUnavailableError } from './errors';

/** What the npm client throws: S3's XML error code as `code`, or a network error. */
const s3 = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('spapi document transfers', () => {
  const transfer: Transfer = {
    operation: 'uploadFeedDocument',
    method: 'PUT',
    url: 'https://tortuga-prod-na.s3-external-1.amazonaws.com/%2FNinetyDays/amzn1.tortuga.4.na.x?X-Amz-Signature=secret',
    storeId: 1,
    sellerId: 'S',
    marketplaceId: 'M',
  };

  function harness(failures: Error[]) {
    const log: ApiCallRecord[] = [];
    let runs = 0;
    const deps = {
      record: async (c: ApiCallRecord) => void log.push(c),
      retry: { maxRetries: 2, baseMs: 1, capMs: 1 },
      sleep: async () => undefined,
    };
    const run = async () => {
      const failure = failures[runs++];
      if (failure) throw failure;
      return 'ok';
    };
    return { log, deps, run, runs: () => runs };
  }

  it('retries S3 server errors and network failures, logging every attempt without the signature', async () => {
    const t = harness([
      s3('InternalError', 'We encountered an internal error.'),
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    ]);
    assert.equal(await transferDocument(t.deps, transfer, t.run), 'ok');
    assert.deepEqual(
      t.log.map((r) => [r.status, r.attempt, r.errorCode]),
      [
        [500, 1, 'InternalError'],
        [null, 2, 'ECONNRESET'],
        [200, 3, null],
      ],
    );
    assert.ok(t.log.every((r) => r.path === 'tortuga-prod-na.s3-external-1.amazonaws.com/%2FNinetyDays/amzn1.tortuga.4.na.x'));
  });

  it('gives up after maxRetries with AMAZON_UNAVAILABLE', async () => {
    const t = harness([s3('SlowDown', 'a'), s3('SlowDown', 'b'), s3('SlowDown', 'c')]);
    await assert.rejects(transferDocument(t.deps, transfer, t.run), AmazonUnavailableError);
    assert.equal(t.runs(), 3);
  });

  it('reports an expired URL for renewal and refuses other 4xx without retrying', async () => {
    const expired = harness([s3('AccessDenied', 'Request has expired')]);
    await assert.rejects(transferDocument(expired.deps, transfer, expired.run), DocumentUrlExpiredError);
    const refused = harness([s3('SignatureDoesNotMatch', 'no')]);
    await assert.rejects(transferDocument(refused.deps, transfer, refused.run), (err: unknown) => {
      assert.ok(err instanceof AmazonError && !(err instanceof DocumentUrlExpiredError));
      assert.deepEqual([err.amazon.status, err.amazon.amazonCode], [403, 'SignatureDoesNotMatch']);
      return true;
    });
    assert.equal(refused.runs(), 1);
  });

  it('classifies what the client throws', () => {
    assert.equal(classifyTransferError(s3('UPLOAD_ERROR', '<html>')).kind, 'retry');
    assert.equal(classifyTransferError(s3('AccessDenied', 'Access Denied')).kind, 'refused');
    assert.equal(classifyTransferError(new Error('boom')).kind, 'refused');
    assert.equal(logPath('not a url'), '(invalid document URL)');
  });
});
