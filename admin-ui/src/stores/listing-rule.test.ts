import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/client';
import { provideApi } from '../api/provider';
import { fakeApi, validationError } from '../test-support/fake-api';
import { runPolling, useListingRuleStore } from './listing-rule';
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
  items: [
    {
      productId: 1,
      sku: 'BOTTLE',
      name: 'Water Bottle',
      type: 'simple',
      listingId: null,
      price: 19.99,
      quantity: 10,
      reason: 'new_listing',
      message: 'New listing: it goes to matching (Validating ASIN), then is listed',
    },
  ],
  tookMs: 4,
});

const run = (over: Record<string, unknown> = {}) => ({
  id: 7,
  storeId: 4,
  status: 'done',
  total: 100_000,
  done: 100_000,
  created: 2,
  madeIneligible: 1,
  madeEligible: 0,
  error: null,
  createdBy: 'admin@example.com',
  createdAt: '2026-11-25T10:00:00.000Z',
  startedAt: '2026-11-25T10:00:00.000Z',
  finishedAt: null,
  ...over,
});
const noRunYet = () => new ApiError(404, 'NOT_FOUND', 'listing rule run of store 4 does not exist');

describe('listing rule store (Listing Rules)', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    runPolling.intervalMs = 1;
  });

  it('loads the rule, previews a list page of the draft and saves it (reporting what the apply did)', async () => {
    const api = provideApi(
      fakeApi((call) => {
        if (call.path === '/api/catalog/attributes') return attrs;
        if (call.path.endsWith('/runs/latest')) return noRunYet();
        if (call.method === 'GET') return rule();
        if (call.path.endsWith('/preview')) return preview(String(call.query?.list), Number(call.query?.page));
        // A small rule: the run is already done in the answer.
        return run({ total: 12, done: 12 });
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
    assert.equal(s.inFlight, false);
    assert.ok(api.calls.some((c) => c.method === 'PUT' && c.path === '/api/stores/4/listing-rule'));
  });

  it('polls a large run until it is done, with the figure "12,000 of 100,000 products", then shows the counts', async () => {
    const progress = [run({ status: 'running', done: 12_000 }), run({ status: 'running', done: 64_000 }), run()];
    /** The figure shown when each poll goes out (it reflects the poll before). */
    const shown: string[] = [];
    const api = provideApi(
      fakeApi((call) => {
        if (call.path === '/api/catalog/attributes') return attrs;
        if (call.path.endsWith('/runs/latest')) return noRunYet();
        if (call.path === '/api/stores/4/listing-rule/runs/7') {
          shown.push(s.progressText);
          return progress.shift();
        }
        if (call.method === 'GET') return rule();
        return run({ status: 'queued', done: 0 });
      }),
    );
    const s = useListingRuleStore();
    await s.load(4);
    assert.equal(s.run?.id, undefined); // no run before the first save
    assert.equal(await s.save(), null);
    assert.equal(s.inFlight, true);
    assert.equal(s.applied?.id, undefined);
    assert.equal(s.progressText, 'Applying the rule: 0 of 100,000 products');
    await s.settled();
    assert.deepEqual(shown, [
      'Applying the rule: 0 of 100,000 products',
      'Applying the rule: 12,000 of 100,000 products',
      'Applying the rule: 64,000 of 100,000 products',
    ]);
    assert.equal(s.inFlight, false);
    assert.equal(s.run?.status, 'done');
    assert.equal(s.progressPercent, 100);
    assert.deepEqual([s.applied?.created, s.applied?.madeIneligible, s.applied?.madeEligible], [2, 1, 0]);
    assert.equal(api.calls.filter((c) => c.path.endsWith('/runs/7')).length, 3);
  });

  it('reopening the page while a run is in flight shows its progress; a failed run shows its error and Retry carries on', async () => {
    let latest = run({ status: 'running', done: 2000, total: 5000 });
    let retried = false;
    const api = provideApi(
      fakeApi((call) => {
        if (call.path === '/api/catalog/attributes') return attrs;
        if (call.path.endsWith('/runs/latest')) return latest;
        if (call.path.endsWith('/runs/7/retry')) {
          retried = true;
          return run({ status: 'running', done: 4000, total: 5000 });
        }
        if (call.path.endsWith('/runs/7')) return retried ? run({ total: 5000, done: 5000 }) : latest;
        return rule();
      }),
    );
    const s = useListingRuleStore();
    await s.load(4);
    assert.equal(s.inFlight, true);
    assert.equal(s.progressText, 'Applying the rule: 2,000 of 5,000 products');
    assert.equal(s.progressPercent, 40);
    s.stopWatching(); // the page closes: polling stops, the run goes on
    latest = run({ status: 'failed', done: 2000, total: 5000, error: 'disk full' });
    await s.load(4);
    assert.equal(s.inFlight, false);
    assert.equal(s.run?.error, 'disk full');
    assert.equal(s.applied?.id, undefined);
    assert.equal(await s.retry(), null);
    await s.settled();
    assert.equal(s.run?.status, 'done');
    assert.equal(s.applied?.done, 5000);
    assert.ok(api.calls.some((c) => c.method === 'POST' && c.path === '/api/stores/4/listing-rule/runs/7/retry'));
  });

  it('sends nothing while the draft has problems, and shows the server refusal on the node it names', async () => {
    let refuse = false;
    const api = provideApi(
      fakeApi((call) => {
        if (call.path === '/api/catalog/attributes') return attrs;
        if (call.path.endsWith('/runs/latest')) return noRunYet();
        if (call.method === 'GET') return rule();
        return refuse ? validationError([{ field: 'body.conditions.conditions[0].value', message: 'unknown category ids: 99' }]) : null;
      }),
    );
    const s = useListingRuleStore();
    await s.load(4);
    const c = addCondition(s.draft, newCondition('category'));
    assert.equal(await s.runPreview(), null);
    assert.equal(s.fieldProblems['conditions.conditions[0].value'], 'Value (condition 1): choose at least one value');
    assert.equal(api.calls.length, 3); // only the loads
    c.value = ['99'];
    refuse = true;
    const problem = await s.save();
    assert.equal(problem?.code, 'VALIDATION_FAILED');
    assert.equal(s.fieldProblems['conditions.conditions[0].value'], 'Value (condition 1): unknown category ids: 99');
    assert.deepEqual(
      (api.calls.at(-1)?.body as { conditions: { conditions: { value: unknown }[] } }).conditions.conditions[0]?.value,
      [99],
    );
  });
});
