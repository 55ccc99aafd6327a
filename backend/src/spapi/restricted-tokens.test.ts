import assert from 'node:assert/strict';
import type { SellerContext } from './client';
import { cacheKey, RDT_MARGIN_MS, RestrictedTokenCache, type RestrictedResource } from './restricted-tokens';

describe('spapi restricted data token cache', () => {
  const ctx: SellerContext = { sellerId: 'S1', region: 'na', refreshToken: 'r' };
  const address: RestrictedResource[] = [{ method: 'GET', path: '/orders/v0/orders/{orderId}/address' }];

  function cache() {
    let now = 0;
    let issued = 0;
    const c = new RestrictedTokenCache(
      async () => ({ restrictedDataToken: `rdt-${++issued}`, expiresIn: 3600 }),
      () => now,
    );
    return { c, issued: () => issued, advance: (ms: number) => (now += ms) };
  }

  it('issues one token for concurrent callers and reuses it until shortly before it expires', async () => {
    const t = cache();
    const src = t.c.source(ctx, address);
    assert.deepEqual(await Promise.all([src.token(), src.token()]), ['rdt-1', 'rdt-1']);
    t.advance(3600_000 - RDT_MARGIN_MS - 1);
    assert.equal(await src.token(), 'rdt-1');
    t.advance(1);
    assert.equal(await src.token(), 'rdt-2');
    assert.equal(t.issued(), 2);
  });

  it('drops a token Amazon refused, but not a newer one', async () => {
    const t = cache();
    const src = t.c.source(ctx, address);
    assert.equal(await src.token(), 'rdt-1');
    src.invalidate('rdt-1');
    assert.equal(await src.token(), 'rdt-2');
    src.invalidate('rdt-1');
    assert.equal(await src.token(), 'rdt-2');
  });

  it('keys by region, seller and the set of resources, whatever their order', () => {
    const both: RestrictedResource[] = [...address, { method: 'GET', path: '/orders/v0/orders/{orderId}/buyerInfo' }];
    assert.equal(cacheKey(ctx, both), cacheKey(ctx, [...both].reverse()));
    assert.notEqual(cacheKey(ctx, both), cacheKey(ctx, address));
    assert.notEqual(cacheKey(ctx, address), cacheKey({ ...ctx, sellerId: 'S2' }, address));
    assert.notEqual(cacheKey(ctx, address), cacheKey({ ...ctx, region: 'eu' }, address));
  });
});
