import assert from 'node:assert/strict';
import type { ApiCallRecord } from './comm-log.queries';
import { classifyTransferError, DocumentUrlExpiredError, logPath, transferDocument, type Transfer } from './document-transfer';
import { AmazonError, AmazonUnavailableError } from './errors';
import { DocumentTransferError } from './document-http';
import { DocumentDecodeError } from './document-codec';

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

  it('classifies transfer failures: incomplete answers and server errors are retried, with the status the host sent', () => {
    const c = (err: unknown) => {
      const f = classifyTransferError(err);
      return [f.kind, f.status, f.code];
    };
    assert.deepEqual(c(new DocumentTransferError('cut', 'INCOMPLETE_BODY', null)), ['retry', null, 'INCOMPLETE_BODY']);
    assert.deepEqual(c(new DocumentTransferError('idle', 'DOCUMENT_TIMEOUT', null)), ['retry', null, 'DOCUMENT_TIMEOUT']);
    assert.deepEqual(c(new DocumentTransferError('<html>', 'HTTP_502', 502)), ['retry', 502, 'HTTP_502']);
    assert.deepEqual(c(new DocumentTransferError('Access Denied', 'AccessDenied', 403)), ['refused', 403, 'AccessDenied']);
    assert.deepEqual(c(new DocumentDecodeError('ends early', 'TRUNCATED_GZIP', true)), ['retry', null, 'TRUNCATED_GZIP']);
    assert.deepEqual(c(new DocumentDecodeError('x-foo', 'UNKNOWN_CHARSET', false)), ['refused', null, 'UNKNOWN_CHARSET']);
    assert.equal(classifyTransferError(new Error('boom')).kind, 'refused');
    assert.equal(classifyTransferError('a thrown string').kind, 'refused');
    assert.equal(logPath('not a url'), '(invalid document URL)');
  });

  it('stops at a document it cannot read with a clear error, without retrying', async () => {
    const t = harness([new DocumentDecodeError('the document declares charset x-foo, which we cannot decode', 'UNKNOWN_CHARSET', false)]);
    await assert.rejects(
      transferDocument(t.deps, { ...transfer, operation: 'downloadReportDocument', method: 'GET' }, t.run),
      (err: unknown) => {
        assert.ok(err instanceof AmazonError);
        assert.match(err.message, /downloadReportDocument: the document cannot be read: .*x-foo/);
        return true;
      },
    );
    assert.equal(t.runs(), 1);
    assert.deepEqual(
      t.log.map((r) => [r.status, r.errorCode]),
      [[null, 'UNKNOWN_CHARSET']],
    );
  });
});
