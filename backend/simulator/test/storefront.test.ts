/**
 * The storefront on the plain-HTTP loopback listener: the live (BUYABLE) offers of a marketplace with price and
 * quantity, search and paging, a product page whose Buy form places an order through the shopper (lowering the
 * offer's quantity), oversell refused with a message, and forms that only this browser's page can send.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { control, plainRequest, SCENARIO, startTestSimulator } from './helpers';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;

/** The Buy form of one seller SKU's offer on a product page: its token field. */
function buyToken(html: string, sku: string): string {
  const offer = new RegExp(`<li class="offer" data-seller="[^"]+" data-sku="${sku}">([\\s\\S]*?)</li>`).exec(html);
  const token = /name="token" value="([^"]+)"/.exec(offer?.[1] ?? '');
  if (!token) throw new Error(`no Buy form for ${sku} in:\n${html.slice(0, 800)}`);
  return token[1]!;
}

const offersOn = (html: string) =>
  [...html.matchAll(/<li class="offer" data-asin="([^"]+)" data-seller="([^"]+)" data-sku="([^"]+)">/g)].map((m) => m[3]);
const quantityOf = (html: string, sku: string) =>
  Number(new RegExp(`data-sku="${sku}">[\\s\\S]*?data-quantity="(\\d+)"`).exec(html)?.[1] ?? NaN);

describe('Storefront on the loopback listener (plain HTTP)', () => {
  let sim: Sim;
  let us = '';
  let cookie = '';
  before(async () => {
    sim = await startTestSimulator();
    us = sim.storefrontUrlFor('www.amazon.com');
  });
  after(async () => {
    await sim.close();
  });

  /** A browser's visit: keeps the storefront's cookie between requests. */
  const visit = async (url: string, fields?: Record<string, string>, headers: Record<string, string> = {}) => {
    const res = await plainRequest(url, fields ? 'POST' : 'GET', fields, { ...(cookie ? { cookie } : {}), ...headers });
    const set = (res.headers['set-cookie'] as string[] | undefined)?.[0];
    if (set) cookie = set.split(';')[0]!;
    return res;
  };
  const simQuantity = (sku: string) =>
    sim.state().listings.find((l) => l.sku === sku && l.marketplaceId === SCENARIO.US)?.attributes.fulfillment_availability as
      { quantity: number }[] | undefined;

  it('lists only the BUYABLE offers of the marketplace, with price, seller, quantity and image', async () => {
    const index = await visit(`${sim.sellerCentralUrl}/`);
    assert.match(index.text, /<a href="\/www\.amazon\.com\/">www\.amazon\.com<\/a>/);
    const page = await visit(us);
    assert.equal(page.status, 200);
    assert.match(String(page.headers['set-cookie']), /^sim-store-csrf=[\w-]+; Path=\/www\.amazon\.com; HttpOnly; SameSite=Strict$/);
    // Out of stock (TM-MUG-350), no price (NO-TORCH-300) and gated (NO-BEARSPRAY) are not for sale.
    assert.deepEqual(offersOn(page.text), ['TM-BOTTLE-750', 'TM-BOTTLE-750-FBA']);
    assert.match(page.text, /data-total="2">2 results/);
    assert.match(page.text, /Stainless Steel Water Bottle 750 ml/);
    assert.match(page.text, /\$24\.99[\s\S]*Demo Outdoor Store[\s\S]*data-quantity="40">In stock: 40 available/);
    assert.match(page.text, /\$25\.99[\s\S]*data-quantity="120"/); // FBA: Amazon's fulfillable stock
    assert.match(page.text, /<img src="\/m\.media-amazon\.com\/images\/I\/B0SIM00001\.png"/);
    const image = await visit(`${sim.sellerCentralUrl}/m.media-amazon.com/images/I/B0SIM00001.png`);
    assert.equal(image.status, 200);
    assert.equal(image.headers['content-type'], 'image/png');
    // Each marketplace its own: the same seller's German offer in euros.
    const de = await visit(sim.storefrontUrlFor('www.amazon.de'));
    assert.deepEqual(offersOn(de.text), ['TM-BOTTLE-750']);
    assert.match(de.text, /22,99\s€/);
  });

  it('searches by words of the title, brand or ASIN, by seller, and pages the results', async () => {
    assert.deepEqual(offersOn((await visit(`${us}s?k=water+BOTTLE`)).text), ['TM-BOTTLE-750', 'TM-BOTTLE-750-FBA']);
    assert.deepEqual(offersOn((await visit(`${us}s?k=trailmate+B0SIM00001`)).text), ['TM-BOTTLE-750', 'TM-BOTTLE-750-FBA']);
    const none = await visit(`${us}s?k=mug`);
    assert.deepEqual(offersOn(none.text), []);
    assert.match(none.text, /0 results for &quot;mug&quot;/);
    assert.deepEqual(offersOn((await visit(`${us}s?me=${SCENARIO.bookSeller}`)).text), []);
    assert.equal((await visit(`${us}s?me=NOSUCHSELLER`)).status, 404);

    // 25 more offers of the demo catalog: two pages of 20.
    const w = sim.sim.world;
    const items = [...w.catalog.values()].filter((c) => c.asin.startsWith('B0DEMO') && !c.restricted && !c.variationTheme).slice(0, 25);
    for (const [i, c] of items.entries()) {
      w.listings.submit(SCENARIO.seller, SCENARIO.US, `DEMO-${i}`, {
        productType: c.productType,
        attributes: {
          condition_type: [{ value: 'new_new' }],
          merchant_suggested_asin: [{ value: c.asin }],
          purchasable_offer: [{ currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 10 + i }] }] }],
          fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 5 }],
        },
      });
    }
    const first = await visit(`${us}s?me=${SCENARIO.seller}`);
    assert.match(first.text, /data-total="27">27 results sold by Demo Outdoor Store/);
    assert.equal(offersOn(first.text).length, 20);
    assert.match(first.text, /Page 1 of 2/);
    assert.match(first.text, /Only 5 left in stock/);
    const next = /<a href="([^"]+)" rel="next">/.exec(first.text)?.[1]?.replace(/&amp;/g, '&');
    assert.equal(next, `/www.amazon.com/s?me=${SCENARIO.seller}&page=2`);
    const second = await visit(`${sim.sellerCentralUrl}${next}`);
    assert.equal(offersOn(second.text).length, 7);
    assert.equal(new Set([...offersOn(first.text), ...offersOn(second.text)]).size, 27);
  });

  it('Buy places an order through the shopper and lowers the quantity on the product page', async () => {
    const product = await visit(`${us}dp/B0SIM00001`);
    assert.equal(product.status, 200);
    assert.equal(quantityOf(product.text, 'TM-BOTTLE-750'), 40);
    const ordersBefore = sim.state().counters.shopper.orders;
    const bought = await visit(`${us}gp/buy`, { token: buyToken(product.text, 'TM-BOTTLE-750'), quantity: '3' });
    assert.equal(bought.status, 303, bought.text);
    const location = String(bought.headers.location);
    const orderId = /^\/www\.amazon\.com\/dp\/B0SIM00001\?ordered=(113-\d{7}-\d{7})$/.exec(location)?.[1];
    assert.ok(orderId, location);

    const after = await visit(`${sim.sellerCentralUrl}${location}`);
    assert.match(after.text, new RegExp(`your order ${orderId} is placed: 3 × Stainless Steel Water Bottle 750 ml`));
    assert.equal(quantityOf(after.text, 'TM-BOTTLE-750'), 37);
    assert.equal(simQuantity('TM-BOTTLE-750')?.[0]?.quantity, 37);
    const order = sim.state().orders.find((o) => o.amazonOrderId === orderId);
    assert.equal(order?.orderStatus, 'Pending');
    assert.equal(order?.items[0]?.sku, 'TM-BOTTLE-750');
    assert.equal(order?.items[0]?.quantity, 3);
    assert.equal(sim.state().counters.shopper.orders, ordersBefore + 1);
  });

  it('refuses to sell more than is offered, with a message, and orders nothing', async () => {
    const product = await visit(`${us}dp/B0SIM00001`);
    const before = sim.state().counters;
    const refused = await visit(`${us}gp/buy`, { token: buyToken(product.text, 'TM-BOTTLE-750'), quantity: '38' });
    assert.equal(refused.status, 409);
    assert.match(refused.text, /Only 37 left in stock from this seller; you asked for 38\. Nothing was ordered\./);
    assert.equal(quantityOf(refused.text, 'TM-BOTTLE-750'), 37);
    assert.equal(simQuantity('TM-BOTTLE-750')?.[0]?.quantity, 37);
    const now = sim.state().counters;
    assert.equal(now.shopper.orders, before.shopper.orders);
    assert.equal(now.oversells, before.oversells + 1);
    const bad = await visit(`${us}gp/buy`, { token: buyToken(product.text, 'TM-BOTTLE-750'), quantity: '0' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Enter a whole number of at least 1/);
  });

  it('takes a Buy only from its own page: the cookie-bound token and the same origin', async () => {
    const product = await visit(`${us}dp/B0SIM00001`);
    const token = buyToken(product.text, 'TM-BOTTLE-750');
    const ordersBefore = sim.state().counters.shopper.orders;
    // Another browser (no cookie), a forged token, another site's form (the channel's admin on another port).
    assert.equal((await plainRequest(`${us}gp/buy`, 'POST', { token, quantity: '1' })).status, 403);
    assert.equal((await visit(`${us}gp/buy`, { token: `${token}x`, quantity: '1' })).status, 403);
    const crossSite = await visit(`${us}gp/buy`, { token, quantity: '1' }, { origin: 'http://127.0.0.1:3000' });
    assert.equal(crossSite.status, 403);
    assert.equal((await visit(`${us}gp/buy`, { token, quantity: '1' }, { origin: 'null' })).status, 403);
    assert.equal(sim.state().counters.shopper.orders, ordersBefore);
    // The same origin is fine (a browser sends it on the form's POST).
    const own = await visit(`${us}gp/buy`, { token, quantity: '1' }, { origin: sim.sellerCentralUrl });
    assert.equal(own.status, 303, own.text);
  });

  it('says a product without offers is unavailable, and an unknown one is not there', async () => {
    const mug = await visit(`${us}dp/B0SIM00002`);
    assert.equal(mug.status, 200);
    assert.match(mug.text, /Currently unavailable\./);
    assert.equal((await visit(`${us}dp/B0SIM99999`)).status, 404);
    // Still only the storefront and Seller Central here: no control plane.
    const reset = await plainRequest(
      `${sim.sellerCentralUrl}/www.amazon.com/_simulator/reset`,
      'POST',
      {},
      { 'x-simulator-token': sim.controlToken },
    );
    assert.equal(reset.status, 404);
    assert.equal((await control(sim, 'GET', '/_simulator/counters')).status, 200);
  });
});
