/**
 * The "S3" document host for feed uploads and feed/report downloads. URLs are created by the Feeds and
 * Reports handlers (pre-signed in spirit: the key is unguessable); PUT stores, GET returns the bytes.
 * Errors use S3's XML shape. Injected faults (document-faults.ts) hit requests that would otherwise succeed.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Sim } from './sim';
import type { World } from './state';
import type { Region } from './scenario';
import { contentType, pathAndQuery, rawBody } from './http-util';
import { damagedAnswer, type DocumentFaultRule } from './document-faults';

export const DOCUMENT_HOSTS = [
  'tortuga-prod-na.s3-external-1.amazonaws.com',
  'tortuga-prod-eu.s3-eu-west-1.amazonaws.com',
  'tortuga-prod-fe.s3-us-west-2.amazonaws.com',
];
export const isDocumentHost = (host: string) => DOCUMENT_HOSTS.includes(host);
/** The document host of each region (the same hosts Amazon's pre-signed URLs point at). */
export const documentBaseUrlFor = (region: Region): string =>
  `https://${DOCUMENT_HOSTS[{ na: 0, eu: 1, fe: 2 }[region]] ?? DOCUMENT_HOSTS[0]}`;

export interface StoredDocument {
  /** Key = URL path on the document host. */
  key: string;
  contentType: string;
  body: Buffer | null;
  /** Uploads are only accepted on feed documents created by createFeedDocument. */
  writable: boolean;
  compression?: 'GZIP';
  /** Document id (feedDocumentId / reportDocumentId) and the seller it belongs to, for the API handlers. */
  documentId?: string;
  sellerId?: string;
  region?: Region;
}

/** Pre-signed URLs live 5 minutes on Amazon; the client must fetch a fresh one after that. */
export const URL_TTL_SECONDS = 300;

const S3_REGION: Record<Region, string> = { na: 'us-east-1', eu: 'eu-west-1', fe: 'us-west-2' };
const amzDate = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function signature(world: World, key: string, date: string, expires: string): string {
  return createHmac('sha256', world.documentSecret).update(`${key}\n${date}\n${expires}`).digest('hex');
}

/** Registers a document under the region's host and returns its key; `url()` makes a pre-signed URL for it. */
export function createDocument(world: World, baseUrl: string, init: Omit<StoredDocument, 'key'> & { documentId: string }): StoredDocument {
  const key = new URL(`${baseUrl}/%2FNinetyDays/${encodeURIComponent(init.documentId)}`).pathname;
  const doc: StoredDocument = { ...init, key };
  world.documents.set(key, doc);
  return doc;
}

/** A pre-signed-looking URL (SigV4 query parameters) valid for URL_TTL_SECONDS on the simulator clock. */
export function presignedUrl(world: World, baseUrl: string, doc: StoredDocument): string {
  const now = world.clock.nowMs();
  const date = amzDate(now);
  const expires = String(URL_TTL_SECONDS);
  const region = S3_REGION[doc.region ?? 'na'];
  const q = new URLSearchParams({
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Date': date,
    'X-Amz-SignedHeaders': doc.writable ? 'content-type;host' : 'host',
    'X-Amz-Expires': expires,
    'X-Amz-Credential': `AKIASIMULATOR0000000/${date.slice(0, 8)}/${region}/s3/aws4_request`,
    'X-Amz-Signature': signature(world, doc.key, date, expires),
  });
  return `${new URL(baseUrl).origin}${doc.key}?${q.toString()}`;
}

/** Why a request's pre-signed parameters do not open the document, or null when they do. */
function presignProblem(world: World, key: string, search: URLSearchParams): string | null {
  const date = search.get('X-Amz-Date') ?? '';
  const expires = search.get('X-Amz-Expires') ?? '';
  const given = Buffer.from(search.get('X-Amz-Signature') ?? '');
  const wanted = Buffer.from(signature(world, key, date, expires));
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return 'signature';
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  const signedAt = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
  if (!(signedAt + Number(expires) * 1000 >= world.clock.nowMs())) return 'expired';
  return null;
}

export const isGzip = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

const s3Error = (reply: FastifyReply, status: number, code: string, message: string) =>
  reply
    .code(status)
    .type('application/xml')
    .send(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);

/** The injected fault for this request, if any; a slow one has already waited when this returns. */
async function injectedFault(sim: Sim, method: string): Promise<DocumentFaultRule | null> {
  const fault = sim.documentFaults.take(method);
  if (!fault) return null;
  sim.counters.documentFault(fault.kind);
  if (fault.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 5000));
  return fault;
}

/** S3's two server errors, as its XML error documents. */
const s3Fault = (reply: FastifyReply, fault: DocumentFaultRule) =>
  fault.status === 503
    ? s3Error(reply, 503, 'SlowDown', 'Please reduce your request rate.')
    : s3Error(reply, 500, 'InternalError', 'We encountered an internal error. Please try again.');

export async function handleDocuments(sim: Sim, req: FastifyRequest, reply: FastifyReply, pathname: string) {
  const doc = sim.world.documents.get(pathname);
  if (!doc) return s3Error(reply, 403, 'AccessDenied', 'Access Denied');
  // Documents made by the Feeds/Reports handlers are only reachable through a valid pre-signed URL.
  if (doc.documentId) {
    const problem = presignProblem(sim.world, doc.key, pathAndQuery(req).search);
    if (problem === 'expired') return s3Error(reply, 403, 'AccessDenied', 'Request has expired');
    if (problem)
      return s3Error(reply, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  }
  sim.counters.documentRequest(req.method);
  if (req.method === 'PUT') {
    if (!doc.writable) return s3Error(reply, 403, 'AccessDenied', 'Access Denied');
    if (contentType(req) !== doc.contentType.split(';')[0]?.trim().toLowerCase()) {
      return s3Error(reply, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
    const fault = await injectedFault(sim, req.method);
    if (fault?.kind === '5xx') return s3Fault(reply, fault);
    doc.body = rawBody(req);
    // A GZIP upload (Content-Encoding or the magic bytes) is kept compressed and reported as GZIP.
    if (String(req.headers['content-encoding'] ?? '').toLowerCase() === 'gzip' || isGzip(doc.body)) doc.compression = 'GZIP';
    else delete doc.compression;
    return reply
      .code(200)
      .header('etag', `"${createHash('md5').update(doc.body).digest('hex')}"`)
      .send();
  }
  if (req.method === 'GET') {
    if (!doc.body) return s3Error(reply, 404, 'NoSuchKey', 'The specified key does not exist.');
    const fault = await injectedFault(sim, req.method);
    if (fault?.kind === '5xx') return s3Fault(reply, fault);
    if (fault?.kind === 'truncated' || fault?.kind === 'wrong-length')
      return damagedAnswer(req, reply, fault, doc.body, { 'Content-Type': doc.contentType });
    return reply.code(200).header('content-type', doc.contentType).send(doc.body);
  }
  return s3Error(reply, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
}
