/**
 * One HTTP exchange with Amazon's document host (pre-signed S3 URLs): the raw bytes and headers, nothing
 * decoded. We make it ourselves rather than through the client's `download()`/`upload()`: `download()`
 * decodes by the Content-Type charset or else UTF-8 (wrong for the legacy-charset reports Amazon serves
 * without one) and hides the headers, and `upload()` takes no timeout, so a hung PUT would hold a sync
 * worker forever. Same agent as the client (the transport's: the loopback simulator in simulator mode,
 * Node's default live), so nothing else changes between the modes.
 */
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';

export interface DocumentAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A transfer that did not give a complete answer, or S3's error answer. `code` is S3's `<Code>` when it sent
 * one, else ours (DOCUMENT_TIMEOUT, INCOMPLETE_BODY, HTTP_<status>); `status` the HTTP status, null when no
 * complete answer came.
 */
export class DocumentTransferError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'DocumentTransferError';
  }
}

export interface DocumentRequest {
  method: 'GET' | 'PUT';
  url: string;
  /** PUT: the document and the content type createFeedDocument was given (S3 checks it against the signature). */
  body?: Buffer;
  contentType?: string;
  /** Longest time without a byte going either way before the transfer is abandoned (an idle timeout). */
  timeoutMs: number;
}

/** S3's XML error document: `<Error><Code>…</Code><Message>…</Message></Error>`. */
function s3Error(body: Buffer): { code: string; message: string } | null {
  const text = body.toString('utf8');
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  if (!code) return null;
  return { code, message: /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? code };
}

/** Resolves with a complete 2xx answer; rejects with a DocumentTransferError or the socket's own error. */
export function requestDocument(agent: https.Agent | undefined, r: DocumentRequest): Promise<DocumentAnswer> {
  const url = new URL(r.url);
  if (url.protocol !== 'https:')
    return Promise.reject(new DocumentTransferError(`document URL is not https: ${url.protocol}`, 'INVALID_URL', null));
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {};
    if (r.method === 'PUT') {
      headers['content-type'] = r.contentType ?? 'application/octet-stream';
      headers['content-length'] = r.body?.length ?? 0;
    }
    const req = https.request(
      {
        method: r.method,
        host: url.hostname,
        servername: url.hostname,
        port: url.port || 443,
        path: `${url.pathname}${url.search}`,
        headers,
        agent,
        timeout: r.timeoutMs,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const declared = res.headers['content-length'] === undefined ? null : Number(res.headers['content-length']);
        const chunks: Buffer[] = [];
        let received = 0;
        let complete = false;
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          received += chunk.length;
        });
        res.on('end', () => {
          complete = true;
          const body = Buffer.concat(chunks);
          if (declared !== null && received < declared) return incomplete();
          if (status >= 200 && status < 300) return resolve({ status, headers: res.headers, body });
          const s3 = s3Error(body);
          reject(
            new DocumentTransferError(
              s3 ? s3.message : `the document host answered HTTP ${status}: ${body.toString('utf8').slice(0, 200)}`,
              s3?.code ?? `HTTP_${status}`,
              status,
            ),
          );
        });
        // The connection closed before the body was complete (Node reports it as aborted / closed, not as end).
        const incomplete = () =>
          reject(
            new DocumentTransferError(
              `the document host sent ${received} of ${declared ?? 'an unknown number of'} bytes, then the connection ended`,
              'INCOMPLETE_BODY',
              null,
            ),
          );
        res.on('aborted', incomplete);
        res.on('error', incomplete);
        res.on('close', () => {
          if (!complete) incomplete();
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(
        new DocumentTransferError(`no data from the document host for ${r.timeoutMs} ms (${r.method})`, 'DOCUMENT_TIMEOUT', null),
      ),
    );
    req.on('error', reject);
    req.end(r.method === 'PUT' ? r.body : undefined);
  });
}
