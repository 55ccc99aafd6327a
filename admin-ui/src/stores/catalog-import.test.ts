import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/client';
import { provideApi } from '../api/provider';
import type { CatalogImportPlan, CatalogImportRun } from '../api/types';
import { fakeApi } from '../test-support/fake-api';
import { optionPreview, structureSummary, useCatalogImportStore } from './catalog-import';

const EMPTY = { attributeSets: [], attributes: [], options: [] };
const PLAN: CatalogImportPlan = {
  id: 'a'.repeat(32),
  fileName: 'export.csv',
  bytes: 100,
  expiresAt: '2026-01-01T01:00:00.000Z',
  create: {
    attributeSets: [{ code: 'top', name: 'Top' }],
    attributes: [{ code: 'color', label: 'Color', type: 'select', scope: 'global', options: ['Black', 'Gray'], superAttribute: true }],
    options: [],
  },
  rowsRead: 3,
  imported: 2,
  updated: 0,
  failed: 1,
  errors: [{ row: 3, sku: 'X', reason: 'price: "abc" is not a number' }],
};
const RUN: CatalogImportRun = {
  fileName: 'export.csv',
  created: PLAN.create,
  rowsRead: 3,
  imported: 2,
  updated: 0,
  failed: 1,
  errors: PLAN.errors,
};

describe('catalog import store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('says what a plan creates, in words', () => {
    assert.equal(structureSummary(EMPTY), null);
    assert.equal(structureSummary(PLAN.create), '1 attribute set and 1 attribute');
    assert.equal(
      structureSummary({ ...PLAN.create, options: [{ code: 'size', values: ['XL', 'XXL'] }] }),
      '1 attribute set, 1 attribute and 2 new options',
    );
    assert.equal(optionPreview({ options: ['A', 'B', 'C'] }, 2), 'A, B … 1 more');
    assert.equal(optionPreview({ options: [] }), '');
  });

  it('checks a file (the plan), then runs the upload it names', async () => {
    const api = provideApi(fakeApi((call) => (call.path === '/api/catalog/imports' ? PLAN : RUN)));
    const store = useCatalogImportStore();
    const file = new Blob(['sku\nX\n']);
    await store.check(file, 'export.csv');
    assert.equal(store.step, 'checked');
    assert.deepEqual(store.plan, PLAN);
    assert.deepEqual(api.calls[0], { method: 'POST', path: '/api/catalog/imports', body: file, query: { fileName: 'export.csv' } });
    await store.run();
    assert.equal(store.step, 'done');
    assert.deepEqual(store.result, RUN);
    assert.equal(api.calls[1]?.path, `/api/catalog/imports/${PLAN.id}/run`);
  });

  it('goes back to choosing a file when the upload is refused or gone, and drops it on cancel', async () => {
    let gone = false;
    const api = provideApi(
      fakeApi((call) => {
        if (call.path === '/api/catalog/imports' && call.method === 'POST' && !gone)
          return new ApiError(422, 'UNPROCESSABLE', 'The file cannot be imported: the header has no sku column');
        if (call.path === '/api/catalog/imports') return PLAN;
        if (call.path.endsWith('/run')) return new ApiError(404, 'NOT_FOUND', 'Uploaded import x does not exist');
        return undefined;
      }),
    );
    const store = useCatalogImportStore();
    await store.check(new Blob(['name\n']), 'bad.csv');
    assert.equal(store.step, 'choose');
    assert.match(store.problem?.message ?? '', /no sku column/);

    gone = true;
    await store.check(new Blob(['sku\n']), 'ok.csv');
    await store.run();
    assert.equal(store.step, 'choose');
    assert.match(store.problem?.message ?? '', /no longer on the server/);

    await store.check(new Blob(['sku\n']), 'ok.csv');
    await store.cancel();
    assert.equal(store.step, 'choose');
    assert.equal(store.plan, null);
    assert.deepEqual(api.calls.at(-1), { method: 'DELETE', path: `/api/catalog/imports/${PLAN.id}` });
  });
});
