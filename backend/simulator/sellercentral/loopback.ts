/**
 * Seller Central and the storefront for a person's browser: plain HTTP on the simulator's loopback address, each
 * of Amazon's hosts under its own path — http://127.0.0.1:8444/sellercentral.amazon.com/apps/authorize/consent?… —
 * so the consent link the channel opens works in any browser, as it is; the marketplaces' storefronts
 * (http://127.0.0.1:8444/www.amazon.com/, storefront/storefront.ts) show the offers shoppers can buy, with their
 * pictures from the image host's path (/m.media-amazon.com/images/I/<ASIN>.png).
 *
 * Why a second, plain-HTTP listener rather than the HTTPS one: the HTTPS listener tells Amazon's hosts apart
 * by the Host header, which a browser only sends for Amazon's names with a host mapping nobody has (DNS
 * entries, Chromium's --host-resolver-rules); and its certificate comes from the simulator's test CA, which no
 * browser trusts, so even https://127.0.0.1:8443 would open on a certificate warning. Plain HTTP on loopback
 * needs neither: nothing leaves the machine, browsers treat http://127.0.0.1 as a secure context, and the
 * pages carry nothing worth TLS (the demo seller's password of a local fake). Only these pages are served
 * here: LWA, the SP-API, the document host and the control plane stay on HTTPS, so the channel's client
 * still reaches Amazon's host names over TLS exactly as in live mode.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Sim } from '../sim';
import { pathAndQuery } from '../http-util';
import { handleSellerCentral, SELLER_CENTRAL_HOSTS, sellerCentralRegion } from './consent';
import { errorPage, sellerCentralIndexPage } from './pages';
import { handleStorefront, storefrontMarketplace } from '../storefront/storefront';
import { handleImages, IMAGE_HOST } from '../images';

export function buildSellerCentralLoopbackApp(sim: Sim, opts: { logger: boolean }): FastifyInstance {
  const app = Fastify({ logger: opts.logger });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.all('/*', async (req, reply) => {
    const { pathname } = pathAndQuery(req);
    const host = pathname.split('/')[1] ?? '';
    const region = sellerCentralRegion(host);
    if (region) return handleSellerCentral(sim, req, reply, region, { base: `/${host}`, secure: false });
    const market = storefrontMarketplace(sim, host);
    if (market) return handleStorefront(sim, req, reply, market);
    if (host === IMAGE_HOST) return handleImages(sim.world, req.method, pathname.slice(host.length + 1), reply);
    const html = (status: number, page: string) =>
      reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
    if (pathname === '/' && req.method === 'GET') {
      const storefronts = [...sim.world.marketplaces.values()].map((m) => ({ domain: m.domainName, name: m.name }));
      return html(200, sellerCentralIndexPage(Object.keys(SELLER_CENTRAL_HOSTS), storefronts));
    }
    return html(
      404,
      errorPage(
        'Looking for something?',
        'This address serves Seller Central under /<Seller Central host>/, e.g. /sellercentral.amazon.com/apps/manage, and the storefronts under /<marketplace domain>/, e.g. /www.amazon.com/.',
      ),
    );
  });
  return app;
}
