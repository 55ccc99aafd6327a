import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { provideApi } from '../api/provider';
import { fakeApi, validationError } from '../test-support/fake-api';
import { useListingRuleStore } from './listing-rule';
import { addCondition, newCondition } from './rule-tree';

const rule = (conditions: unknown = { kind: 'combine', aggregator: 'all', value: true, conditions: [] }) => ({
  storeId: 4,
  websiteCode: 'base',
  conditions,
  updatedAt: null,
  updatedBy: null,
  appliedAt: null,
});
const attrs = [{ id: 1, code: 'ean', label: 'EAN', type: 'text', scope: 'global', isRequired: false, isSystem: false, options: [] }];
const preview = (list: string, page: number) => ({
  counts: { eligible: 3, newListings: 2, ineligible: 1 },
  list,
  page,
  pageSize: 20,
  total: 2,
  items: [{ productId: 1, sku: 'BOTTLE', name: 'Water Bottle', type: 'simple', listingId: null, reason: null, message: null }],
  tookMs: 4,
});

describe('listing rule store (Listing Rules)', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads the rule, previews a list page of the draft and saves it (reporting what the apply did)', async () => {
    const api = provideApi(
      fakeApi((call) => {
        if (call.path === '/api/catalog/attributes') return attrs;
        if (call.method === 'GET') return rule();
        if (call.path.endsWith('/preview')) return preview(String(call.query?.list), Number(call.query?.page));
        return {
          rule: rule(call.body && (call.body as { conditions: unknown }).conditions),
          created: 2,
          madeIneligible: 1,
          madeEligible: 0,
        };
      }),
    );
    const s = useListingRuleStore();
    await s.load(4);
    assert.deepEqual(
      s.attributes.map((a) => a.code),
      ['ean'],
    );
    const ean = addCondition(s.draft, newCondition('attribute', s.lookup('ean')));
    ean.operator = 'is_not_empty';
    assert.equal(await s.runPreview('new', 2), null);
    const sent = api.calls.find((c) => c.path === '/api/stores/4/listing-rule/preview')!;
    assert.deepEqual(sent.body, {
      conditions: {
        kind: 'combine',
        aggregator: 'all',
        value: true,
        conditions: [{ kind: 'condition', field: 'attribute', attribute: 'ean', operator: 'is_not_empty' }],
      },
    });
    assert.deepEqual(sent.query, { list: 'new', page: 2, pageSize: 20 });
    assert.equal(s.preview?.counts.newListings, 2);
    assert.equal(s.previewStale, false);
    assert.equal(await s.save(), null);
    assert.deepEqual([s.applied?.created, s.applied?.madeIneligible], [2, 1]);
    assert.equal(api.calls.at(-1)?.method, 'PUT');
  });

  it('sends nothing while the draft has problems, and shows the server refusal on the node it names', async () => {
    let refuse = false;
    const api = provideApi(
      fakeApi((call) => {
        if (call.path === '/api/catalog/attributes') return attrs;
        if (call.method === 'GET') return rule();
        return refuse ? validationError([{ field: 'body.conditions.conditions[0].value', message: 'unknown category ids: 99' }]) : null;
      }),
    );
    const s = useListingRuleStore();
    await s.load(4);
    const c = addCondition(s.draft, newCondition('category'));
    assert.equal(await s.runPreview(), null);
    assert.equal(s.fieldProblems['conditions.conditions[0].value'], 'choose at least one value');
    assert.equal(api.calls.length, 2); // only the loads
    c.value = ['99'];
    refuse = true;
    const problem = await s.save();
    assert.equal(problem?.code, 'VALIDATION_FAILED');
    assert.equal(s.fieldProblems['conditions.conditions[0].value'], 'unknown category ids: 99');
    assert.deepEqual(
      (api.calls.at(-1)?.body as { conditions: { conditions: { value: unknown }[] } }).conditions.conditions[0]?.value,
      [99],
    );
  });
});
