/**
 * Server-rendered pages of the local Amazon's storefront (storefront.ts): search results, a product page with
 * its offers and a Buy form per offer, and errors. Plain HTML without scripts, like the Seller Central pages, so
 * a person's browser, a headless one and a plain HTTP client all see the same. `base` is the marketplace's path
 * on the loopback listener (`/www.amazon.com`); images come from the image host's path beside it.
 */
import { escapeHtml as e } from '../http-util';
import type { ScenarioMarketplace } from '../scenario';
import { IMAGE_HOST } from '../images';

export interface OfferView {
  sellerId: string;
  storeName: string;
  sku: string;
  asin: string;
  title: string;
  brand: string;
  amount: string;
  currency: string;
  available: number;
}

/** Amazon says "Only N left in stock" when few are left; above that only "In stock". The number is shown anyway. */
const FEW_LEFT = 20;

export function money(market: ScenarioMarketplace, amount: string, currency: string): string {
  const locale = market.defaultLanguageCode.replace('_', '-');
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount));
  } catch {
    return `${currency} ${amount}`;
  }
}

const imageSrc = (asin: string) => `/${IMAGE_HOST}/images/I/${encodeURIComponent(asin)}.png`;

function stock(available: number): string {
  const words = available <= FEW_LEFT ? `Only ${available} left in stock` : `In stock: ${available} available`;
  return `<span class="quantity" data-quantity="${available}">${e(words)}</span>`;
}

function layout(base: string, market: ScenarioMarketplace, title: string, body: string, query = ''): string {
  return `<!doctype html>
<html lang="${e(market.defaultLanguageCode.slice(0, 2))}">
<head><meta charset="utf-8"><title>${e(title)} - ${e(market.domainName)} (local)</title>
<style>body{font-family:Arial,sans-serif;max-width:64em;margin:1em auto;padding:0 1em}header{display:flex;gap:1em;align-items:center;
background:#131921;color:#fff;padding:.6em 1em}header a{color:#fff}header form{flex:1;display:flex}header input{flex:1}
ul.offers{list-style:none;padding:0}li.offer{display:flex;gap:1em;border-bottom:1px solid #ddd;padding:.8em 0}
.price{font-size:1.2em;font-weight:bold}.quantity{color:#007600}.error{border:1px solid #c40000;color:#c40000;padding:.6em}
.notice{border:1px solid #2a7;padding:.6em}img{background:#fff}nav.pages a,nav.pages span{margin-right:.6em}</style></head>
<body>
<header><a href="${e(base)}/"><strong>amazon</strong></a> <small>${e(market.domainName)} · local simulator</small>
<form method="get" action="${e(base)}/s" role="search"><label for="search-box" hidden>Search Amazon</label>
<input type="search" id="search-box" name="k" value="${e(query)}" placeholder="Search Amazon"><button type="submit" id="search-submit">Go</button></form></header>
<main>
<h1>${e(title)}</h1>
${body}
</main>
</body>
</html>`;
}

export interface ResultsView {
  query: string;
  /** The seller whose storefront is shown (`me=`), with their store name. */
  seller: { id: string; name: string } | null;
  offers: OfferView[];
  total: number;
  page: number;
  pages: number;
}

export function resultsPage(base: string, market: ScenarioMarketplace, v: ResultsView): string {
  const link = (page: number) => {
    const q = new URLSearchParams({ ...(v.query ? { k: v.query } : {}), ...(v.seller ? { me: v.seller.id } : {}), page: String(page) });
    return `${base}/s?${q.toString()}`;
  };
  const rows = v.offers
    .map(
      (o) => `<li class="offer" data-asin="${e(o.asin)}" data-seller="${e(o.sellerId)}" data-sku="${e(o.sku)}">
      <a href="${e(base)}/dp/${e(o.asin)}"><img src="${e(imageSrc(o.asin))}" alt="" width="120" height="120"></a>
      <div><h2><a class="title" href="${e(base)}/dp/${e(o.asin)}">${e(o.title)}</a></h2>
      <div>by <span class="brand">${e(o.brand)}</span> · ASIN <span class="asin">${e(o.asin)}</span></div>
      <div class="price">${e(money(market, o.amount, o.currency))}</div>
      <div>Sold by <a class="seller" href="${e(base)}/s?me=${e(encodeURIComponent(o.sellerId))}">${e(o.storeName)}</a> · ${stock(o.available)}</div></div>
    </li>`,
    )
    .join('\n');
  const nav =
    v.pages > 1
      ? `<nav class="pages" aria-label="Pages">${v.page > 1 ? `<a href="${e(link(v.page - 1))}" rel="prev">Previous</a>` : ''}
      <span id="page-number">Page ${v.page} of ${v.pages}</span>${v.page < v.pages ? `<a href="${e(link(v.page + 1))}" rel="next">Next</a>` : ''}</nav>`
      : '';
  const scope = [v.query ? `for "${v.query}"` : '', v.seller ? `sold by ${v.seller.name}` : ''].filter(Boolean).join(' ');
  const title = v.seller && !v.query ? v.seller.name : v.query ? `Results for "${v.query}"` : `Offers on ${market.domainName}`;
  return layout(
    base,
    market,
    title,
    `<p id="result-count" data-total="${v.total}">${v.total} result${v.total === 1 ? '' : 's'}${scope ? ` ${e(scope)}` : ''}</p>
    ${rows ? `<ul class="offers" id="offers">${rows}</ul>` : '<p>No offer matches. Only offers that can be bought (BUYABLE) are shown.</p>'}
    ${nav}`,
    v.query,
  );
}

export interface ProductView {
  asin: string;
  title: string;
  brand: string;
  /** Each live offer with the signed token its Buy form carries. */
  offers: (OfferView & { token: string })[];
  notice?: string;
  error?: string;
}

export function productPage(base: string, market: ScenarioMarketplace, v: ProductView): string {
  const offers = v.offers
    .map(
      (o, i) => `<li class="offer" data-seller="${e(o.sellerId)}" data-sku="${e(o.sku)}">
      <div class="price">${e(money(market, o.amount, o.currency))}</div>
      <div>Sold by <a class="seller" href="${e(base)}/s?me=${e(encodeURIComponent(o.sellerId))}">${e(o.storeName)}</a> · ${stock(o.available)}</div>
      <form method="post" action="${e(base)}/gp/buy" class="buy-form">
        <input type="hidden" name="token" value="${e(o.token)}">
        <label for="quantity-${i}">Quantity</label>
        <input type="number" id="quantity-${i}" name="quantity" min="1" step="1" value="1" required>
        <button type="submit">Buy now</button>
      </form>
    </li>`,
    )
    .join('\n');
  return layout(
    base,
    market,
    v.title,
    `${v.notice ? `<div class="notice" role="status" id="order-notice">${e(v.notice)}</div>` : ''}
    ${v.error ? `<div class="error" role="alert" id="error-message">${e(v.error)}</div>` : ''}
    <img src="${e(imageSrc(v.asin))}" alt="${e(v.title)}" width="120" height="120">
    <p>Brand: <span class="brand">${e(v.brand)}</span> · ASIN <span class="asin" id="asin">${e(v.asin)}</span></p>
    ${offers ? `<ul class="offers" id="offers">${offers}</ul>` : '<p id="unavailable">Currently unavailable.</p>'}`,
  );
}

export function storefrontErrorPage(base: string, market: ScenarioMarketplace, title: string, message: string): string {
  return layout(
    base,
    market,
    title,
    `<div class="error" role="alert" id="error-message">${e(message)}</div>
    <p><a href="${e(base)}/">Back to ${e(market.domainName)}</a></p>`,
  );
}
