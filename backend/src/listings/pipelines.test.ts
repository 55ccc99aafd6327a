import assert from 'node:assert/strict';
import { conditionOf, fromScaled, pricePipeline, toScaled } from './pipelines';

const settings = { attribute: 'price', useSpecialPrice: true, currencyRate: '1' };
const price = (over: Partial<Parameters<typeof pricePipeline>[0]> = {}) =>
  pricePipeline({
    source: 20,
    sourceAttribute: 'price',
    specialPrice: null,
    specialFrom: null,
    specialTo: null,
    today: '2026-11-20',
    override: null,
    settings,
    currency: 'USD',
    ...over,
  });

describe('price pipeline', () => {
  it('source → currency rate → rounding half up, in decimals (no float drift)', () => {
    const r = price({ source: '19.99', settings: { ...settings, currencyRate: '1.085' } });
    assert.equal(r.value, '21.69'); // 21.68915
    assert.deepEqual(
      r.steps.map((s) => s.step),
      ['source', 'currency_rate', 'round'],
    );
    assert.equal(price({ source: '0.1', settings: { ...settings, currencyRate: '3' } }).value, '0.30');
    assert.equal(fromScaled(toScaled('2.005')), '2.01');
  });
  it('special price only while active by date and lower', () => {
    assert.equal(price({ specialPrice: 15, specialFrom: '2026-11-01', specialTo: '2026-11-30' }).value, '15.00');
    assert.equal(price({ specialPrice: 15, specialFrom: '2026-12-01' }).value, '20.00');
    assert.equal(price({ specialPrice: 25 }).value, '20.00');
    assert.equal(price({ specialPrice: 15, settings: { ...settings, useSpecialPrice: false } }).value, '20.00');
  });
  it('an override wins and is not converted again', () => {
    const r = price({ override: '17.5', settings: { ...settings, currencyRate: '2' } });
    assert.equal(r.value, '17.50');
    assert.equal(r.steps.at(-1)?.step, 'override');
  });
  it('no price: null, and it says so', () => {
    assert.equal(price({ source: null }).value, null);
  });
});

describe('condition', () => {
  const attr = {
    mode: 'attribute' as const,
    value: 'new_new' as const,
    attribute: 'cond',
    valueMap: { Used: 'used_good' as const },
    note: 'scratches',
  };
  it('single, attribute mapping, override, missing', () => {
    assert.equal(conditionOf({ ...attr, mode: 'single' }, null, { condition: null, note: null }).condition, 'new_new');
    assert.equal(conditionOf(attr, 'Used', { condition: null, note: null }).condition, 'used_good');
    assert.equal(conditionOf(attr, 'Broken', { condition: null, note: null }).condition, null);
    assert.equal(conditionOf(attr, null, { condition: 'used_acceptable', note: 'box dented' }).condition, 'used_acceptable');
    assert.equal(conditionOf(attr, null, { condition: 'used_acceptable', note: 'box dented' }).note, 'box dented');
  });
});
