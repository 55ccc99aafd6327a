import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/client';
import { provideApi } from '../api/provider';
import { fakeApi } from '../test-support/fake-api';
import { actionable, useListingVariantsStore } from './listing-variants';

const variant = (productId: number, sku: string, state: string, extra: Record<string, unknown> = {}) => ({
  productId,
  sku,
  name: sku,
  type: 'simple',
  enabled: true,
  attributes: { color: 'Red', size: 'S' },
  state,
  listing: state === 'not_listed' ? null : { id: productId + 100, status: state === 'listed' ? 'active' : 'ended', asin: 'B0SIM00023' },
  removedAt: null,
  removedBy: null,
  cannotAdd: null,
  ...extra,
});
const view = (variants: unknown[]) => ({ parentListingId: 7, variationTheme: 'COLOR/SIZE', superAttributes: ['color', 'size'], variants });

describe('listing-variants store (Variants card)', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('offers each action only for the variants it applies to', () => {
    assert.equal(actionable(variant(1, 'A', 'listed') as never, 'remove'), true);
    assert.equal(actionable(variant(1, 'A', 'listed') as never, 'add'), false);
    assert.equal(actionable(variant(2, 'B', 'removed') as never, 'add'), true);
    assert.equal(actionable(variant(2, 'B', 'removed') as never, 'remove'), false);
    assert.equal(actionable(variant(3, 'C', 'not_listed', { cannotAdd: 'the product is disabled in the catalog' }) as never, 'add'), false);
  });

  it('removes only the selected variants that are on the listing, then shows the answer and what was skipped', async () => {
    let state = view([variant(1, 'RED-S', 'listed'), variant(2, 'RED-M', 'listed'), variant(3, 'RED-L', 'removed')]);
    const api = provideApi(
      fakeApi((call) => {
        if (call.method === 'GET') return state;
        state = view([variant(1, 'RED-S', 'removed'), variant(2, 'RED-M', 'listed'), variant(3, 'RED-L', 'removed')]);
        return { done: [1], skipped: [{ productId: 2, reason: 'being deleted from Amazon' }], variants: state };
      }),
    );
    const s = useListingVariantsStore();
    await s.load(4, 7);
    assert.equal(s.canRemove, false, 'nothing selected');
    s.selected = [1, 2, 3];
    assert.deepEqual([s.canAdd, s.canRemove], [true, true]);
    assert.equal(await s.run('remove'), null);
    const post = api.calls.find((c) => c.method === 'POST');
    assert.deepEqual([post?.path, post?.body], ['/api/stores/4/listings/7/variants/remove', { productIds: [1, 2] }]);
    assert.deepEqual(s.lastResult, { action: 'remove', done: [1], skipped: [{ sku: 'RED-M', reason: 'being deleted from Amazon' }] });
    assert.equal(s.variants[0]?.state, 'removed', 'the answer replaces the list');
    assert.deepEqual(s.selected, []);
  });

  it("adds back removed variants; the server's refusal comes back as a problem, the list stays", async () => {
    provideApi(
      fakeApi((call) =>
        call.method === 'GET'
          ? view([variant(3, 'RED-L', 'removed')])
          : new ApiError(409, 'CONFLICT', 'Listing 7 (TRAIL) is not a variation parent', undefined),
      ),
    );
    const s = useListingVariantsStore();
    await s.load(4, 7);
    s.selected = [3];
    const problem = await s.run('add');
    assert.equal(problem?.code, 'CONFLICT');
    assert.match(problem?.message ?? '', /not a variation parent/);
    assert.equal(s.variants.length, 1);
    assert.equal(s.busy, null);
  });

  it('sends nothing when no selected variant can take the action', async () => {
    const api = provideApi(fakeApi(() => view([variant(1, 'RED-S', 'listed')])));
    const s = useListingVariantsStore();
    await s.load(4, 7);
    s.selected = [1];
    const problem = await s.run('add');
    assert.equal(problem?.code, 'VALIDATION_FAILED');
    assert.equal(api.calls.length, 1, 'only the load');
  });

  it('a failed load is kept as the problem to show', async () => {
    provideApi(fakeApi(() => new ApiError(404, 'NOT_FOUND', 'Listing 7 does not exist', undefined)));
    const s = useListingVariantsStore();
    await s.load(4, 7);
    assert.equal(s.problem?.code, 'NOT_FOUND');
    assert.equal(s.data, null);
  });
});
