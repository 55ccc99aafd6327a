import assert from 'node:assert/strict';
import { checkSourceQuantity } from './source-quantity';

describe('source quantity rule', () => {
  it('stores 0 up to the maximum, rounded to 4 decimals', () => {
    assert.deepEqual(checkSourceQuantity(0), { ok: true, quantity: 0 });
    assert.deepEqual(checkSourceQuantity(2.123456), { ok: true, quantity: 2.1235 });
    assert.deepEqual(checkSourceQuantity(-0.00001), { ok: true, quantity: 0 });
    assert.deepEqual(checkSourceQuantity(99_999_999), { ok: true, quantity: 99_999_999 });
  });

  it('says what is wrong otherwise', () => {
    assert.deepEqual(checkSourceQuantity(-1), { ok: false, problem: 'must be 0 or more' });
    assert.deepEqual(checkSourceQuantity(100_000_000), { ok: false, problem: 'must be 99999999 or less' });
    assert.deepEqual(checkSourceQuantity(Number.NaN), { ok: false, problem: 'must be a number' });
  });
});
