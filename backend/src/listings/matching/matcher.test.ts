import assert from 'node:assert/strict';
import type { CatalogItem } from '../../spapi/index';
import { restrictionOf, verdict } from './matcher';

const item = (asin: string, classification = 'BASE_PRODUCT', children: string[] = []): CatalogItem => ({
  asin,
  summaries: [{ marketplaceId: 'M', itemName: `Item ${asin}`, brand: 'B', itemClassification: classification }],
  productTypes: [{ productType: 'BOWL' }],
  relationships: [{ marketplaceId: 'M', relationships: children.length ? [{ type: 'VARIATION', childAsins: children }] : [] }],
});

describe('matcher', () => {
  it('one ASIN, several, none', () => {
    const one = verdict([item('A1')], false);
    assert.equal(one.kind, 'single');
    assert.equal(one.kind === 'single' && one.productType, 'BOWL');
    assert.equal(verdict([item('A1'), item('A2')], false).kind, 'multiple');
    assert.equal(verdict([item('A1'), item('A1')], false).kind, 'single'); // the same item on two pages
    assert.equal(verdict([], false).kind, 'none');
  });
  it('a variation parent is a family, not an item — unless the listing is a parent itself', () => {
    const v = verdict([item('P', 'VARIATION_PARENT', ['C1', 'C2'])], false);
    assert.equal(v.kind, 'variation_parent');
    assert.deepEqual(v.kind === 'variation_parent' && v.candidates.map((c) => c.asin), ['C1', 'C2']);
    assert.equal(verdict([item('P', 'VARIATION_PARENT')], true).kind, 'single');
  });
  it("restriction: Listings Restrictions in Amazon's words, with the approval link; none is no restriction", () => {
    const approval = {
      marketplaceId: 'ATVPDKIKX0DER',
      conditionType: 'new_new',
      reasons: [
        {
          reasonCode: 'APPROVAL_REQUIRED' as const,
          message: 'You need approval.',
          links: [{ resource: 'https://sellercentral.amazon.com/hz/approvalrequest?asin=B0X', verb: 'GET' }],
        },
      ],
    };
    assert.equal(
      restrictionOf([approval]),
      'You need approval. Request approval: https://sellercentral.amazon.com/hz/approvalrequest?asin=B0X',
    );
    const notEligible = { marketplaceId: 'ATVPDKIKX0DER', reasons: [{ reasonCode: 'NOT_ELIGIBLE' as const, message: 'Not eligible.' }] };
    assert.equal(restrictionOf([notEligible]), 'Not eligible.');
    assert.equal(restrictionOf([]), null);
  });
});
