/**
 * The "S3" document host for feed uploads and feed/report downloads. URLs are created by the Feeds and
 * Reports handlers (pre-signed in spirit: the key is unguessable); PUT stores, GET returns the bytes.
 * Errors use S3's XML shape, which the npm client parses on upload failures.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Sim } from './sim';
import { contentType, rawBody } from './http-util';

export const DOCUMENT_HOSTS = [
  'tortuga-prod-na.s3-external-1.amazonaws.com',
  'tortuga-prod-eu.s3-eu-west-1.amazonaws.com',
  'tortuga-prod-fe.s3-us-west-2.amazonaws.com',
];
export const isDocumentHost = (host: string) => DOCUMENT_HOSTS.includes(host);

export interface StoredDocument {
  /** Key = URL path on the document host. */
  key: string;
  contentType: string;
  body: Buffer | null;
  /** Uploads are only accepted on feed documents created by createFeedDocument. */
  writable: boolean;
  compression?: 'GZIP';
}

const s3Error = (reply: FastifyReply, status: number, code: string, message: string) =>
  reply
    .code(status)
    .type('application/xml')
    .send(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);

export async function handleDocuments(sim: Sim, req: FastifyRequest, reply: FastifyReply, pathname: string) {
  const doc = sim.world.documents.get(pathname);
  if (!doc) return s3Error(reply, 403, 'AccessDenied', 'Access Denied');
  if (req.method === 'PUT') {
    if (!doc.writable) return s3Error(reply, 403, 'AccessDenied', 'Access Denied');
    if (contentType(req) !== doc.contentType.split(';')[0]?.trim().toLowerCase()) {
      return s3Error(reply, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
    doc.body = rawBody(req);
    return reply.code(200).send();
  }
  if (req.method === 'GET') {
    if (!doc.body) return s3Error(reply, 404, 'NoSuchKey', 'The specified key does not exist.');
    return reply.code(200).header('content-type', doc.contentType).send(doc.body);
  }
  return s3Error(reply, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
}
