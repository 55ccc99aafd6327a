/**
 * The simulator's single Fastify app. Every request goes through one catch-all route that dispatches on
 * the Host header: LWA (api.amazon.com), SP-API (sellingpartnerapi-*), Seller Central, the document host,
 * the image host (m.media-amazon.com), the SQS-compatible endpoint (sqs.<region>.amazonaws.com, or any host with an
 * `X-Amz-Target: AmazonSQS.*` header), and /_simulator on any host. Bodies are kept raw (Buffer) so each host parses them the way Amazon does.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Sim } from './sim';
import { hostOf, pathAndQuery } from './http-util';
import { handleLwa } from './lwa';
import { handleSpApi } from './spapi';
import { handleSellerCentral, sellerCentralRegion } from './sellercentral/consent';
import { handleControl } from './control';
import { handleDocuments, isDocumentHost } from './documents';
import { handleImages, IMAGE_HOST } from './images';
import { handleSqs, isSqsRequest } from './sqs/protocol';
import type { Region } from './scenario';

export function spApiHost(host: string): { region: Region; sandbox: boolean } | null {
  const m = /^(sandbox\.)?sellingpartnerapi-(na|eu|fe)\.amazon\.com$/.exec(host);
  return m ? { region: m[2] as Region, sandbox: Boolean(m[1]) } : null;
}

export function buildApp(sim: Sim, opts: { key: string; cert: string; logger: boolean }): FastifyInstance {
  const app = Fastify({ https: { key: opts.key, cert: opts.cert }, logger: opts.logger, bodyLimit: 100 * 1024 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.all('/*', async (req, reply) => {
    const host = hostOf(req);
    const { pathname } = pathAndQuery(req);
    if (pathname === '/_simulator' || pathname.startsWith('/_simulator/')) return handleControl(sim, req, reply, pathname);
    // SQS clients are either pointed at sqs.<region>.amazonaws.com or given the simulator as `endpoint`.
    if (isSqsRequest(host, req)) return handleSqs(sim, req, reply, host);
    if (host === 'api.amazon.com') return handleLwa(sim, req, reply, pathname);
    const sp = spApiHost(host);
    if (sp) return handleSpApi(sim, req, reply, sp.region, sp.sandbox);
    const sc = sellerCentralRegion(host);
    if (sc) return handleSellerCentral(sim, req, reply, sc);
    if (isDocumentHost(host)) return handleDocuments(sim, req, reply, pathname);
    if (host === IMAGE_HOST) return handleImages(sim.world, req.method, pathname, reply);
    return reply
      .code(421)
      .send({ error: `The simulator does not serve host '${host}'. Send Amazon's Host header (see backend/simulator/README.md).` });
  });
  return app;
}
