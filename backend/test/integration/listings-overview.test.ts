/**
 * GET /api/listings/overview, the landing dashboard's one call: every store's listings by status and when its
 * listing rule was saved. A store with neither is left out (the admin reads that as "no rule, no listings").
 */
import assert from 'node:assert/strict';
import { INCOMPLETE_STATUSES, LISTING_STATUSES } from '../../../schema/listings';
import { ALL, cond, startListingsHarness, type ListingsHarness } from './listings-harness';

interface Overview {
  items: { storeId: number; ruleSavedAt: string | null; statuses: Record<string, number> }[];
}

describe('listings: the overview of every store', function () {
  this.timeout(120_000);
  let h: ListingsHarness;
  const overview = async (cookie?: string) => {
    const res = await h.api({ method: 'GET', url: '/api/listings/overview' }, cookie);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<Overview>();
  };
  before(async () => {
    h = await startListingsHarness();
  });
  after(async () => h?.close());

  it('leaves out a connected store with no rule and no listings', async () => {
    assert.deepEqual((await overview()).items, []);
  });

  it('after a rule and matching: the rule’s save time and every status counted, zeros included', async () => {
    await h.saveRule(ALL([cond('product_type', 'in', ['simple']), cond('attribute', 'is_not_empty', undefined, 'ean')]));
    await h.app.jobs.runNow('listings.matching');
    const [entry, ...others] = (await overview()).items;
    assert.equal(others.length, 0);
    assert.equal(entry!.storeId, h.storeId);
    assert.ok(entry!.ruleSavedAt && !Number.isNaN(Date.parse(entry!.ruleSavedAt)), String(entry!.ruleSavedAt));
    assert.deepEqual(Object.keys(entry!.statuses).sort(), [...LISTING_STATUSES].sort());
    assert.equal(entry!.statuses.multiple_matches, 1, 'BOWL');
    assert.equal(entry!.statuses.active, 0);
    // The same numbers as the store's own grid counts.
    const counts = (await h.api({ method: 'GET', url: `/api/stores/${h.storeId}/listings/counts` })).json<Record<string, number>>();
    assert.equal(entry!.statuses.ready_to_list, counts.ready_to_list);
    assert.equal(
      INCOMPLETE_STATUSES.reduce((sum, s) => sum + entry!.statuses[s]!, 0),
      counts.incomplete,
    );
    assert.equal(
      Object.values(entry!.statuses).reduce((a, b) => a + b, 0),
      counts.all,
    );
  });

  it('a second store with nothing stays out; a Catalog Manager reads it too', async () => {
    await h.createStore({ name: 'Outdoor CA', country: 'CA' });
    const items = (await overview(h.manager)).items;
    assert.deepEqual(
      items.map((i) => i.storeId),
      [h.storeId],
    );
  });
});
