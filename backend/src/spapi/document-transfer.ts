/**
 * Feed/report document transfers (PUT/GET on Amazon's pre-signed S3 URLs), made by document-http.ts through
 * the transport's agent with an idle timeout, and downloads decoded by document-codec.ts. Like SP-API
 * calls, every attempt is one Communication Log row and transient failures are retried with the same
 * bounded backoff. A PUT of the same bytes to the same URL and a GET are idempotent, so retrying them is
 * always safe. Decoding runs inside the attempt, so a GZIP stream that ends early is retried like a broken
 * connection.
 */
import { performance } from 'node:perf_hooks';
import type { SellerContext, SpApiCaller } from './client';
import type { ApiCallRecord } from './comm-log.queries';
import { AmazonError, AmazonUnavailableError, isRetryableNetworkError, type AmazonErrorDetails } from './errors';
import { backoffMs, type RetryPolicy } from './retry';
import { requestDocument } from './document-http';
import { decodeDocument, DocumentDecodeError } from './document-codec';

/** A document is re-created (upload) or its URL re-fetched (download) at most this many times. */
export const URL_RENEWALS = 2;

export type TransferOperation = 'uploadFeedDocument' | 'downloadFeedDocument' | 'downloadReportDocument';

export interface Transfer {
  operation: TransferOperation;
  method: 'PUT' | 'GET';
  url: string;
  storeId: number | null;
  sellerId: string;
  marketplaceId: string | null;
}

export interface TransferDeps {
  record(call: ApiCallRecord): Promise<void>;
  retry: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
}

/** The pre-signed URL is past its lifetime (5 minutes): ask Amazon for a new document/URL and try again. */
export class DocumentUrlExpiredError extends AmazonError {
  constructor(details: AmazonErrorDetails) {
    super(`The pre-signed document URL for ${details.operation} has expired`, details);
    this.name = 'DocumentUrlExpiredError';
  }
}

/** S3's documented status per error code (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). */
const S3_STATUS: Record<string, number> = {
  AccessDenied: 403,
  SignatureDoesNotMatch: 403,
  NoSuchKey: 404,
  MethodNotAllowed: 405,
  RequestTimeout: 400,
  InternalError: 500,
  ServiceUnavailable: 503,
  SlowDown: 503,
};

/**
 * Worth another attempt: S3 server errors, a socket S3 timed out, our timeout, an answer that ended early
 * (connection broken, body shorter than its Content-Length, a GZIP stream cut short), network failures.
 */
const RETRYABLE_CODES = ['InternalError', 'ServiceUnavailable', 'SlowDown', 'RequestTimeout', 'DOCUMENT_TIMEOUT', 'INCOMPLETE_BODY'];

export interface TransferFailure {
  status: number | null;
  code: string;
  message: string;
  kind: 'retry' | 'expired' | 'refused';
}

export function classifyTransferError(err: unknown): TransferFailure {
  const e = err as { code?: unknown; message?: unknown; status?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : 'TRANSFER_ERROR';
  const message = typeof e?.message === 'string' ? e.message : typeof e?.message === 'object' ? JSON.stringify(e.message) : String(err);
  // Our transfer errors carry the answer's status (null: no complete answer); for others, S3's documented one.
  const answered = typeof e === 'object' && e !== null && 'status' in e;
  const status = typeof e?.status === 'number' ? e.status : answered ? null : (S3_STATUS[code] ?? null);
  const retryable =
    isRetryableNetworkError(err) ||
    RETRYABLE_CODES.includes(code) ||
    (status !== null && status >= 500) ||
    (err instanceof DocumentDecodeError && err.retryable);
  if (retryable) return { status, code, message, kind: 'retry' };
  if (code === 'AccessDenied' && /expired/i.test(message)) return { status, code, message, kind: 'expired' };
  return { status, code, message, kind: 'refused' };
}

/** Where the document lives, without the query string: the pre-signed signature is a credential. */
export function logPath(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return '(invalid document URL)';
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function transferDocument<T>(deps: TransferDeps, t: Transfer, run: () => Promise<T>): Promise<T> {
  const sleep = deps.sleep ?? defaultSleep;
  const base = {
    storeId: t.storeId,
    sellerId: t.sellerId,
    marketplaceId: t.marketplaceId,
    operation: t.operation,
    method: t.method,
    path: logPath(t.url),
    amazonRequestId: null,
  };
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    try {
      const result = await run();
      await deps.record({ ...base, status: 200, latencyMs: performance.now() - started, attempt, errorCode: null, errorMessage: null });
      return result;
    } catch (err) {
      const f = classifyTransferError(err);
      await deps.record({
        ...base,
        status: f.status,
        latencyMs: performance.now() - started,
        attempt,
        errorCode: f.code,
        errorMessage: f.message,
      });
      const details: AmazonErrorDetails = {
        operation: t.operation,
        status: f.status,
        amazonCode: f.code,
        amazonMessage: f.message,
        amazonDetails: null,
        requestId: null,
        attempts: attempt,
      };
      if (f.kind === 'expired') throw new DocumentUrlExpiredError(details);
      if (f.kind === 'refused' && err instanceof DocumentDecodeError)
        throw new AmazonError(`${t.operation}: the document cannot be read: ${f.message}`, details);
      if (f.kind === 'refused') throw new AmazonError(`Amazon refused ${t.operation}: ${f.code}: ${f.message}`, details);
      if (attempt > deps.retry.maxRetries)
        throw new AmazonUnavailableError(`${t.operation} failed ${attempt} times (last error ${f.code})`, details);
      await sleep(backoffMs(attempt, deps.retry));
    }
  }
}

/** Who and where a transfer is for, in the Communication Log. */
export const transferSite = (ctx: SellerContext, marketplaceId: string | null) => ({
  storeId: ctx.storeId ?? null,
  sellerId: ctx.sellerId,
  marketplaceId: marketplaceId ?? ctx.marketplaceId ?? null,
});

/** What each download holds: feed processing reports are JSON, reports flat files. */
const DOWNLOAD_FORMAT = { downloadFeedDocument: 'json', downloadReportDocument: 'text' } as const;

/**
 * Downloads a document and returns its text: un-GZIPped, decoded by its declared charset or else the
 * marketplace's (document-codec.ts). Asks for a fresh URL when the one it had expired. `locate` is
 * getFeedDocument / getReportDocument.
 */
export async function downloadDocument(
  caller: SpApiCaller,
  ctx: SellerContext,
  operation: keyof typeof DOWNLOAD_FORMAT,
  marketplaceId: string | null,
  locate: () => Promise<{ url: string; compressionAlgorithm?: string }>,
): Promise<string> {
  for (let renewal = 0; ; renewal++) {
    const doc = await locate();
    try {
      return await transferDocument(
        { record: (c) => caller.record(c), retry: caller.retryPolicy },
        { operation, method: 'GET', url: doc.url, ...transferSite(ctx, marketplaceId) },
        async () => {
          const answer = await requestDocument(caller.documentAgent, { method: 'GET', url: doc.url, timeoutMs: caller.documentTimeoutMs });
          return decodeDocument(answer.body, {
            compressionAlgorithm: doc.compressionAlgorithm ?? null,
            contentType: typeof answer.headers['content-type'] === 'string' ? answer.headers['content-type'] : null,
            marketplaceId,
            format: DOWNLOAD_FORMAT[operation],
          });
        },
      );
    } catch (err) {
      if (!(err instanceof DocumentUrlExpiredError) || renewal >= URL_RENEWALS) throw err;
    }
  }
}

/** Uploads a feed document to its pre-signed URL (one attempt per retry, each with the idle timeout). */
export function uploadDocument(
  caller: SpApiCaller,
  ctx: SellerContext,
  marketplaceId: string | null,
  url: string,
  content: Buffer,
  contentType: string,
): Promise<void> {
  return transferDocument(
    { record: (c) => caller.record(c), retry: caller.retryPolicy },
    { operation: 'uploadFeedDocument', method: 'PUT', url, ...transferSite(ctx, marketplaceId) },
    async () => {
      await requestDocument(caller.documentAgent, { method: 'PUT', url, body: content, contentType, timeoutMs: caller.documentTimeoutMs });
    },
  );
}
