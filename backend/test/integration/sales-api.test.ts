/**
 * Sales > Orders over HTTP: the grid's filters, sort and paging, the CSV export, the order page with its
 * Seller Central link, history comments, saved views per admin, and who may see orders at all.
 */
import assert from 'node:assert/strict';
import { as, signIn } from '../helpers/app';
import { startSalesHarness, type SalesHarness } from './sales-harness';

describe('sales orders over HTTP', function () {
  this.timeout(60_000);
  let h: SalesHarness;
  let admin: ReturnType<typeof as>;
  let other: ReturnType<typeof as>;
  const ids: Record<string, number> = {};

  before(async () => {
    h = await startSalesHarness();
    admin = as(h.app, h.adminCookie);
    await h.app.auth.createUser({
      email: 'second@example.com',
      name: 'Second Admin',
      role: 'administrator',
      password: 'second-admin-pass-48!',
    });
    other = as(h.app, await signIn(h.app, 'second@example.com', 'second-admin-pass-48!'));
    const make = async (key: string, input: Parameters<SalesHarness['create']>[0]) => {
      const r = await h.create(input);
      if (!r.ok) throw new Error(r.message);
      ids[key] = r.orderId;
    };
    await make('web', h.order({ customerEmail: 'ann@example.com', purchasedAt: '2026-11-01T10:00:00Z' }));
    await make(
      'us',
      h.order({
        source: 'amazon',
        customerEmail: 'x1@marketplace.amazon.com',
        purchasedAt: '2026-12-01T09:00:00Z',
        totals: { subtotal: 100, taxAmount: 0, shippingAmount: 0, shippingTaxAmount: 0, discountAmount: 0, grandTotal: 100 },
        amazon: h.amazon('113-1111111-1111111', { latestShipDate: '2026-12-03T23:59:59Z' }),
      }),
    );
    await make(
      'afn',
      h.order({
        source: 'amazon',
        customerEmail: 'x2@marketplace.amazon.com',
        purchasedAt: '2026-12-02T09:00:00Z',
        state: 'processing',
        reserveStock: false,
        totals: { subtotal: 5, taxAmount: 0, shippingAmount: 0, shippingTaxAmount: 0, discountAmount: 0, grandTotal: 5 },
        amazon: h.amazon('114-2222222-2222222', {
          fulfillmentChannel: 'AFN',
          marketplaceId: 'A1PA6795UKMFR9',
          latestShipDate: '2026-12-10T23:59:59Z',
        }),
      }),
    );
  });
  after(async () => h.close());

  const list = async (query: string) => {
    const res = await admin({ method: 'GET', url: `/api/sales/orders?${query}` });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{
      items: { id: number; incrementId: string; amazon: { amazonOrderId: string; marketplaceCountry: string } | null }[];
      total: number;
    }>();
  };
  const mineId = (res: { json<T>(): T }, name: string) => res.json<{ id: number; name: string }[]>().find((v) => v.name === name)!.id;
  const idsOf = (page: { items: { id: number }[] }) => page.items.map((i) => i.id);

  it('lists orders newest first, Amazon ones with marketplace, store and ship-by date', async () => {
    const page = await list('');
    assert.equal(page.total, 3);
    assert.deepEqual(idsOf(page), [ids.afn, ids.us, ids.web]);
    assert.deepEqual(page.items[0]!.amazon, {
      storeId: h.storeId,
      marketplaceId: 'A1PA6795UKMFR9',
      marketplaceCountry: 'DE',
      amazonOrderId: '114-2222222-2222222',
      amazonStatus: 'Unshipped',
      fulfillmentChannel: 'AFN',
      purchaseDate: '2026-12-01T09:00:00.000Z',
      latestShipDate: '2026-12-10T23:59:59.000Z',
      isPrime: false,
      isBusiness: false,
    });
    assert.equal(page.items[2]!.amazon, null);
  });

  it('filters by text, source, store, marketplace, status, purchase dates and ship-by; sorts and pages', async () => {
    assert.deepEqual(idsOf(await list('q=1111111')), [ids.us]);
    assert.deepEqual(idsOf(await list('q=ANN@')), [ids.web]);
    assert.deepEqual(idsOf(await list('q=%25')), [], 'wildcards are taken literally');
    assert.deepEqual(idsOf(await list('source=web')), [ids.web]);
    assert.deepEqual(idsOf(await list(`storeId=${h.storeId}&sort=purchasedAt&dir=asc`)), [ids.us, ids.afn]);
    assert.deepEqual(idsOf(await list('marketplaceId=A1PA6795UKMFR9')), [ids.afn]);
    assert.deepEqual(idsOf(await list('status=processing')), [ids.afn]);
    assert.deepEqual(idsOf(await list('status=processing&status=pending&sort=grandTotal&dir=asc')), [ids.afn, ids.web, ids.us]);
    assert.deepEqual(idsOf(await list('purchasedFrom=2026-11-15T00:00:00Z&purchasedTo=2026-12-02T00:00:00Z')), [ids.us]);
    assert.deepEqual(idsOf(await list('shipByBefore=2026-12-05T00:00:00Z')), [ids.us]);
    assert.deepEqual(idsOf(await list('fulfillmentChannel=AFN')), [ids.afn]);
    const paged = await list('pageSize=2&page=2');
    assert.deepEqual([paged.total, idsOf(paged)], [3, [ids.web]]);
    const bad = await admin({ method: 'GET', url: '/api/sales/orders?sort=secret&purchasedFrom=yesterday' });
    assert.equal(bad.statusCode, 400);
  });

  it('exports the filtered grid as CSV', async () => {
    const res = await admin({ method: 'GET', url: `/api/sales/orders.csv?storeId=${h.storeId}&sort=purchasedAt&dir=asc` });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    const lines = res.body.trim().split('\n');
    assert.equal(
      lines[0],
      'increment_id,purchased_at,source,status,state,amazon_order_id,store_id,marketplace,fulfillment_channel,ship_by,customer_email,ship_to_name,total_qty,grand_total,currency',
    );
    assert.equal(lines.length, 3);
    assert.match(
      lines[1]!,
      /,amazon,pending,new,113-1111111-1111111,\d+,US,MFN,2026-12-03T23:59:59.000Z,x1@marketplace.amazon.com,Sam Shipper,2,100,USD$/,
    );
  });

  it('shows the order page with the Seller Central link, and takes comments from admins', async () => {
    const res = await admin({ method: 'GET', url: `/api/sales/orders/${ids.us}` });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json<{
      amazon: { sellerCentralUrl: string };
      items: unknown[];
      history: unknown[];
      shippingAddress: { street: string[] };
    }>();
    assert.match(
      d.amazon.sellerCentralUrl,
      /^http:\/\/127\.0\.0\.1:\d+\/sellercentral\.amazon\.com\/orders-v3\/order\/113-1111111-1111111$/,
    );
    assert.deepEqual(d.shippingAddress.street, ['9 Dock Rd']);
    const de = (await admin({ method: 'GET', url: `/api/sales/orders/${ids.afn}` })).json<{ amazon: { sellerCentralUrl: string } }>();
    assert.match(de.amazon.sellerCentralUrl, /\/sellercentral\.amazon\.de\/orders-v3\/order\/114-2222222-2222222$/);

    const comment = await admin({
      method: 'POST',
      url: `/api/sales/orders/${ids.us}/comments`,
      payload: { comment: 'Buyer asked for gift wrap' },
    });
    assert.equal(comment.statusCode, 201, comment.body);
    assert.equal(comment.json<{ author: string }>().author, 'admin@example.com');
    const after = (await admin({ method: 'GET', url: `/api/sales/orders/${ids.us}` })).json<{
      status: string;
      history: { comment: string | null; status: string }[];
    }>();
    assert.deepEqual(after.history[0], { ...after.history[0], comment: 'Buyer asked for gift wrap', status: 'pending' });
    assert.equal((await admin({ method: 'GET', url: '/api/sales/orders/99999' })).statusCode, 404);
    assert.equal((await admin({ method: 'POST', url: '/api/sales/orders/99999/comments', payload: { comment: 'x' } })).statusCode, 404);
    assert.equal((await admin({ method: 'POST', url: `/api/sales/orders/${ids.us}/comments`, payload: { comment: '' } })).statusCode, 400);
  });

  it('keeps saved views per admin: save, replace by name, list, delete only your own', async () => {
    const save = (client: typeof admin, name: string, filters: Record<string, unknown>) =>
      client({ method: 'POST', url: '/api/sales/order-views', payload: { name, filters } });
    const first = await save(admin, 'To ship', {
      source: 'amazon',
      shipByBefore: '2026-12-05T00:00:00Z',
      sort: 'latestShipDate',
      dir: 'asc',
    });
    assert.equal(first.statusCode, 200, first.body);
    const view = first.json<{ id: number; filters: Record<string, unknown> }>();
    assert.deepEqual(view.filters, { source: 'amazon', shipByBefore: '2026-12-05T00:00:00Z', sort: 'latestShipDate', dir: 'asc' });
    const replaced = await save(admin, 'To ship', { source: 'amazon' });
    assert.equal(replaced.json<{ id: number }>().id, view.id);
    await save(other, 'To ship', { status: ['pending'] });
    const mine = (await admin({ method: 'GET', url: '/api/sales/order-views' })).json<{ name: string; filters: unknown }[]>();
    assert.deepEqual(
      mine.map((v) => [v.name, v.filters]),
      [['To ship', { source: 'amazon' }]],
    );
    assert.equal((await save(admin, 'Bad', { sort: 'secret' })).statusCode, 400);
    assert.deepEqual((await save(admin, 'Paged', { page: 3 })).json<{ filters: unknown }>().filters, {}, 'a view keeps no page');
    await admin({
      method: 'DELETE',
      url: `/api/sales/order-views/${mineId(await admin({ method: 'GET', url: '/api/sales/order-views' }), 'Paged')}`,
    });
    assert.equal((await other({ method: 'DELETE', url: `/api/sales/order-views/${view.id}` })).statusCode, 404);
    assert.equal((await admin({ method: 'DELETE', url: `/api/sales/order-views/${view.id}` })).statusCode, 204);
    assert.deepEqual((await admin({ method: 'GET', url: '/api/sales/order-views' })).json(), []);
    assert.equal((await other({ method: 'GET', url: '/api/sales/order-views' })).json<unknown[]>().length, 1);
  });

  it('refuses orders to an admin without sales.read (a Catalog Manager) and to strangers', async () => {
    const manager = as(h.app, h.managerCookie);
    for (const url of ['/api/sales/orders', '/api/sales/orders.csv', `/api/sales/orders/${ids.us}`, '/api/sales/order-views']) {
      assert.equal((await manager({ method: 'GET', url })).statusCode, 403, url);
      assert.equal((await h.app.inject({ method: 'GET', url })).statusCode, 401, url);
    }
    assert.equal(
      (await manager({ method: 'POST', url: `/api/sales/orders/${ids.us}/comments`, payload: { comment: 'hi' } })).statusCode,
      403,
    );
  });
});
