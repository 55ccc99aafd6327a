import assert from 'node:assert/strict';
import { chunksAfter, groupFamilies } from './run-plan';

describe('rule run plan (chunks that never split a variation family)', () => {
  // 10 is a configurable with children 11, 12; 30 is a child listed under the parent listing of product 20.
  const plan = groupFamilies(
    [1, 2, 10, 11, 12, 20, 30, 2],
    [
      [11, 10],
      [12, 10],
      [12, 40],
    ],
    [[30, 20]],
  );

  it('groups children with their configurable (the lowest one) and listed children with their parent listing', () => {
    assert.equal(plan.total, 7);
    assert.deepEqual(plan.families, [
      [1, [1]],
      [2, [2]],
      [10, [10, 11, 12]],
      [20, [20, 30]],
    ]);
  });

  it('chunks by about `size` products, a family whole, and resumes after a position', () => {
    assert.deepEqual(
      chunksAfter(plan, 0, 2).map((c) => [c.lastRoot, c.productIds, c.products]),
      [
        [2, [1, 2], 2],
        [10, [10, 11, 12], 3],
        [20, [20, 30], 2],
      ],
    );
    assert.deepEqual(
      chunksAfter(plan, 2, 100).map((c) => c.productIds),
      [[10, 11, 12, 20, 30]],
    );
  });

  it('a child whose configurable is not a candidate still brings the configurable along; nothing left is one empty last chunk', () => {
    const lone = groupFamilies([11], [[11, 10]], []);
    assert.deepEqual(chunksAfter(lone, 0, 5), [{ lastRoot: 10, productIds: [10, 11], products: 1 }]);
    assert.deepEqual(chunksAfter(plan, 20, 5), [{ lastRoot: 20, productIds: [], products: 0 }]);
  });
});
