import assert from 'node:assert/strict';
import { DEFAULT_STOCK_POLICY, validatePolicy, type StockPolicy } from './policy';
import { quantityPipeline, type QuantityFacts, type QuantityInput } from './quantity-pipeline';

const facts = (over: Partial<QuantityFacts> = {}): QuantityFacts => ({
  source: 'stock',
  quantity: 40,
  hasSourceItems: true,
  threshold: 0,
  manageStock: true,
  backordersAllowed: false,
  ...over,
});
const run = (policy: Partial<StockPolicy> = {}, f: Partial<QuantityFacts> = {}, over: Partial<QuantityInput> = {}) =>
  quantityPipeline({
    facts: facts(f),
    policy: { ...DEFAULT_STOCK_POLICY, ...policy },
    manualQty: null,
    previousQty: null,
    selling: true,
    ...over,
  });
const stepsOf = (r: ReturnType<typeof run>) => r.steps.map((s) => s.step);

describe('quantity pipeline (inventory)', () => {
  it('product value: the salable quantity of the website stock, floored, never below 0', () => {
    assert.equal(run().value, 40);
    assert.deepEqual(stepsOf(run()), ['source', 'clamp']);
    assert.equal(run({}, { quantity: 7.6 }).value, 7);
    assert.equal(run({}, { quantity: -3 }).value, 0);
  });
  it('single stock is always 1, whatever the catalog says', () => {
    assert.equal(run({ mode: 'single' }).value, 1);
    assert.equal(run({ mode: 'single' }, { quantity: 0 }).value, 1);
  });
  it('custom quantity is the fixed number', () => {
    assert.equal(run({ mode: 'custom', value: 5 }, { quantity: 999 }).value, 5);
  });
  it('custom quantity is lowered by the units sold on Amazon since it was set, never below 0', () => {
    const r = run({ mode: 'custom', value: 10 }, { quantity: 999 }, { soldSinceCustomSet: 1 });
    assert.equal(r.value, 9);
    assert.match(r.steps.find((s) => s.step === 'mode')?.note ?? '', /custom quantity 10 minus 1 sold on Amazon/);
    assert.equal(run({ mode: 'custom', value: 3 }, {}, { soldSinceCustomSet: 5 }).value, 0);
    assert.equal(run({ mode: 'custom', value: 10 }, {}, { soldSinceCustomSet: 0 }).value, 10);
  });
  it('sales since a custom quantity was set do not lower other modes (the catalog or a manual count says)', () => {
    assert.equal(run({ mode: 'product' }, { quantity: 40 }, { soldSinceCustomSet: 4 }).value, 40);
    assert.equal(run({ mode: 'cap', value: 10 }, {}, { soldSinceCustomSet: 4 }).value, 10);
    assert.equal(run({ mode: 'custom', value: 10 }, {}, { soldSinceCustomSet: 4, manualQty: 6 }).value, 6);
  });
  it('not more than N caps, and leaves smaller quantities alone', () => {
    assert.equal(run({ mode: 'cap', value: 10 }).value, 10);
    assert.equal(run({ mode: 'cap', value: 10 }, { quantity: 3 }).value, 3);
  });
  it('percentage of the catalog quantity rounds down', () => {
    assert.equal(run({ mode: 'percentage', value: 50 }, { quantity: 7 }).value, 3);
    assert.equal(run({ mode: 'percentage', value: 50 }, { quantity: -4 }).value, 0);
  });
  it('a maximum listed quantity applies after the mode', () => {
    const r = run({ mode: 'custom', value: 500, maxQty: 200 });
    assert.equal(r.value, 200);
    assert.deepEqual(stepsOf(r), ['source', 'mode', 'maximum', 'clamp']);
  });
  it('chosen sources: raw quantities minus the out-of-stock threshold', () => {
    const r = run({ sources: ['wh_b'] }, { source: 'sources', quantity: 12, threshold: 2, sourceCodes: ['wh_b'] });
    assert.equal(r.value, 10);
    assert.deepEqual(stepsOf(r), ['source', 'threshold', 'clamp']);
    assert.match(String(r.steps[0]!.note), /wh_b/);
    // The stock's salable quantity already has the threshold: not subtracted twice.
    assert.equal(run({}, { quantity: 12, threshold: 2 }).value, 12);
  });
  it('stock not managed or backorders allowed: the placeholder (default 100, configurable), then the mode', () => {
    assert.equal(run({}, { manageStock: false, quantity: 0 }).value, 100);
    assert.equal(run({}, { backordersAllowed: true, quantity: 0 }).value, 100);
    assert.equal(run({ placeholderQty: 25 }, { manageStock: false }).value, 25);
    assert.equal(run({ maxQty: 10 }, { manageStock: false }).value, 10);
    assert.ok(stepsOf(run({}, { manageStock: false })).includes('placeholder'));
  });
  it('only a placeholder that stands as such is re-asserted (not fixed modes, manual counts or ended listings)', () => {
    assert.equal(run({}, { manageStock: false }).reassert, true);
    assert.equal(run({ mode: 'cap', value: 10 }, { backordersAllowed: true }).reassert, true);
    assert.equal(run({ mode: 'custom', value: 5 }, { manageStock: false }).reassert, false);
    assert.equal(run({ mode: 'single' }, { manageStock: false }).reassert, false);
    assert.equal(run({}, { manageStock: false }, { manualQty: 4 }).reassert, false);
    assert.equal(run({}, { manageStock: false }, { selling: false }).reassert, false);
    assert.equal(run().reassert, false);
  });
  it('a manual quantity wins over the catalog and the mode', () => {
    const r = run({ mode: 'custom', value: 5 }, { quantity: 40 }, { manualQty: 3 });
    assert.equal(r.value, 3);
    assert.deepEqual(stepsOf(r), ['manual', 'clamp']);
    assert.equal(run({}, {}, { manualQty: 0 }).value, 0, 'manual 0 pauses selling');
  });
  it('no quantity at all: listed as 0 or skipped, with a warning either way', () => {
    const zero = run({}, { hasSourceItems: false, quantity: 0 });
    assert.equal(zero.value, 0);
    assert.equal(zero.warnings.length, 1);
    const skip = run({ noQuantity: 'skip' }, { hasSourceItems: false, quantity: 0 });
    assert.equal(skip.value, null);
    assert.match(skip.warnings[0]!, /no quantity/);
    // A placeholder product has no source items by nature: not a warning.
    assert.equal(run({ noQuantity: 'skip' }, { hasSourceItems: false, manageStock: false }).value, 100);
  });
  it('catalog updates off: the last quantity is kept (the first one is computed)', () => {
    assert.equal(run({ updateOnCatalogChange: false }, { quantity: 3 }, { previousQty: 9 }).value, 9);
    assert.equal(run({ updateOnCatalogChange: false }, { quantity: 3 }).value, 3);
  });
  it('ended or ineligible listings sell 0, manual or not', () => {
    assert.equal(run({}, {}, { selling: false }).value, 0);
    assert.equal(run({}, {}, { manualQty: 4, selling: false }).value, 0);
  });
});

describe('stock policy validation', () => {
  const check = (p: Partial<StockPolicy>) => validatePolicy({ ...DEFAULT_STOCK_POLICY, ...p }).map((e) => e.field);
  it('names the field that is wrong', () => {
    assert.deepEqual(check({}), []);
    assert.deepEqual(check({ mode: 'custom', value: null }), ['body.value']);
    assert.deepEqual(check({ mode: 'percentage', value: 150 }), ['body.value']);
    assert.deepEqual(check({ mode: 'product', value: 3 }), ['body.value']);
    assert.deepEqual(check({ maxQty: -1 }), ['body.maxQty']);
    assert.deepEqual(check({ sources: ['a', 'a'] }), ['body.sources']);
  });
});
