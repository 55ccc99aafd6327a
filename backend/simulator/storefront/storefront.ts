/**
 * The local Amazon's storefront, for a person's browser on the plain-HTTP loopback listener: each marketplace under
 * its domain's path (`/www.amazon.com/…`), so a seller sees what shoppers see of the offers their channel listed.
 *
 *   GET  /s?k=…&me=<sellerId>&page=N  the live (BUYABLE) offers of every seller, searchable, one seller's with `me`
 *   GET  /dp/<ASIN>                    the product with each seller's offer and a Buy form (quantity)
 *   POST /gp/buy                       buys through the shopper — the control plane's code path — then back to the
 *                                      product page (303); buying more than offered is refused there with a message
 *
 * Forgery: the Buy form carries a signed token naming the offer and a nonce that must match this browser's
 * `sim-store-csrf` cookie (HttpOnly, scoped to the marketplace's path), and a browser's Origin, when sent, must be
 * this listener's own — another site, the channel's admin on another port included, cannot place orders.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Sim } from '../sim';
import type { ScenarioMarketplace } from '../scenario';
import { offerOf } from '../listings-store';
import { ShopperError } from '../shopper';
import { bodyFields, pathAndQuery } from '../http-util';
import { cookieValue, sign, verify } from '../sellercentral/signed';
import { productPage, resultsPage, storefrontErrorPage, type OfferView } from './pages';

const COOKIE = 'sim-store-csrf';
const TOKEN_TTL_MS = 12 * 60 * 60 * 1000;
export const PAGE_SIZE = 20;

interface BuyToken {
  sellerId: string;
  marketplaceId: string;
  sku: string;
  asin: string;
  nonce: string;
}

/** The marketplace whose storefront a path segment names (its domain, e.g. www.amazon.com). */
export function storefrontMarketplace(sim: Sim, segment: string): ScenarioMarketplace | null {
  for (const m of sim.world.marketplaces.values()) if (m.domainName === segment) return m;
  return null;
}

/** Every offer a shopper can buy in the marketplace right now, across sellers, by title then price. */
export function liveOffers(sim: Sim, marketplaceId: string): OfferView[] {
  const w = sim.world;
  const offers: OfferView[] = [];
  for (const l of w.listings.list()) {
    if (l.marketplaceId !== marketplaceId || !l.status.includes('BUYABLE') || !l.asin) continue;
    const offer = offerOf(l.attributes);
    const available = w.shopper.available(l);
    if (!offer || available < 1) continue;
    const item = w.catalog.get(l.asin);
    offers.push({
      sellerId: l.sellerId,
      storeName: w.sellers.get(l.sellerId)?.scenario.storeName ?? l.sellerId,
      sku: l.sku,
      asin: l.asin,
      title: item?.title ?? l.sku,
      brand: item?.brand ?? '',
      amount: offer.amount,
      currency: offer.currency,
      available,
    });
  }
  return offers.sort(
    (a, b) => a.title.localeCompare(b.title) || Number(a.amount) - Number(b.amount) || a.sellerId.localeCompare(b.sellerId),
  );
}

/** Every word of the query in the title, brand or ASIN (case-insensitive), as a plain keyword search. */
export function matchesQuery(o: OfferView, query: string): boolean {
  const haystack = `${o.title} ${o.brand} ${o.asin}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

export async function handleStorefront(sim: Sim, req: FastifyRequest, reply: FastifyReply, market: ScenarioMarketplace) {
  const base = `/${market.domainName}`;
  const { pathname: fullPath, search } = pathAndQuery(req);
  const pathname = fullPath.slice(base.length) || '/';
  // same-origin keeps the Origin header on the Buy form's POST (no-referrer would turn it into "null").
  reply.header('referrer-policy', 'same-origin').header('cache-control', 'no-store');
  const html = (status: number, page: string) => reply.code(status).type('text/html; charset=utf-8').send(page);
  const fail = (status: number, title: string, message: string) => html(status, storefrontErrorPage(base, market, title, message));
  sim.tick();
  const now = sim.clock.nowMs();

  // Every page hands out the nonce its Buy forms are bound to, once per browser.
  let nonce = cookieValue(req.headers.cookie, COOKIE);
  if (!nonce || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) {
    nonce = randomBytes(16).toString('base64url');
    reply.header('set-cookie', `${COOKIE}=${nonce}; Path=${base}; HttpOnly; SameSite=Strict`);
  }

  const product = (asin: string, status: number, extra: { notice?: string; error?: string } = {}) => {
    const item = sim.world.catalog.get(asin);
    if (!item || !item.marketplaceIds.includes(market.id))
      return fail(404, 'Looking for something?', `There is no product ${asin} on ${market.domainName}.`);
    const offers = liveOffers(sim, market.id)
      .filter((o) => o.asin === asin)
      .map((o) => ({
        ...o,
        token: sign(
          sim.secret,
          { sellerId: o.sellerId, marketplaceId: market.id, sku: o.sku, asin, nonce } satisfies BuyToken,
          now + TOKEN_TTL_MS,
        ),
      }));
    return html(status, productPage(base, market, { asin, title: item.title, brand: item.brand, offers, ...extra }));
  };

  if (req.method === 'GET' && (pathname === '/' || pathname === '/s')) {
    const query = (search.get('k') ?? '').trim().slice(0, 200);
    const sellerId = search.get('me') ?? '';
    const seller = sellerId ? sim.world.sellers.get(sellerId) : undefined;
    if (sellerId && !seller) return fail(404, 'Looking for something?', `There is no seller ${sellerId}.`);
    const all = liveOffers(sim, market.id).filter((o) => (!seller || o.sellerId === sellerId) && matchesQuery(o, query));
    const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
    const page = Math.min(pages, Math.max(1, Math.floor(Number(search.get('page') ?? 1)) || 1));
    return html(
      200,
      resultsPage(base, market, {
        query,
        seller: seller ? { id: seller.sellerId, name: seller.scenario.storeName } : null,
        offers: all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
        total: all.length,
        page,
        pages,
      }),
    );
  }

  const dp = /^\/dp\/([A-Z0-9]{10})\/?$/.exec(pathname);
  if (req.method === 'GET' && dp) {
    const ordered = search.get('ordered');
    const order = ordered ? findOrder(sim, market.id, ordered) : undefined;
    const notice =
      order &&
      `Thank you, your order ${order.amazonOrderId} is placed: ${order.items.map((i) => `${i.quantity} × ${i.title}`).join(', ')}.`;
    return product(dp[1]!, 200, notice ? { notice } : {});
  }

  if (req.method === 'POST' && pathname === '/gp/buy') {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`)
      return fail(403, 'Not allowed', 'This order was sent from another site; open the product page here and buy from it.');
    const form = bodyFields(req) ?? {};
    const token = verify<BuyToken>(sim.secret, form.token, now);
    if (!token || token.marketplaceId !== market.id || token.nonce !== cookieValue(req.headers.cookie, COOKIE))
      return fail(403, 'This page has expired', 'Open the product page again and buy from there.');
    const quantity = Number(form.quantity ?? '1');
    try {
      const order = sim.world.shopper.buy({ sellerId: token.sellerId, marketplaceId: market.id, sku: token.sku, quantity });
      return reply
        .code(303)
        .header('location', `${base}/dp/${token.asin}?ordered=${encodeURIComponent(order.amazonOrderId)}`)
        .send();
    } catch (error) {
      if (!(error instanceof ShopperError)) throw error;
      const rec = sim.world.listings.get(token.sellerId, market.id, token.sku);
      const available = rec ? sim.world.shopper.available(rec) : 0;
      const message = error.oversell
        ? `Only ${available} left in stock from this seller; you asked for ${form.quantity ?? quantity}. Nothing was ordered.`
        : error.status === 400
          ? `Enter a whole number of at least 1 (you entered "${form.quantity ?? ''}"). Nothing was ordered.`
          : `This offer cannot be bought now (${error.message}). Nothing was ordered.`;
      return product(token.asin, error.status, { error: message });
    }
  }

  return fail(404, 'Looking for something?', "We're sorry. The Web address you entered is not a functioning page on our site.");
}

function findOrder(sim: Sim, marketplaceId: string, amazonOrderId: string) {
  for (const s of sim.world.sellers.values()) {
    const o = s.orders.get(amazonOrderId);
    if (o && o.marketplaceId === marketplaceId) return o;
  }
  return undefined;
}
