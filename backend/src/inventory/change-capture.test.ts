import assert from 'node:assert/strict';
import { sourceCodeOf } from './change-capture';

describe('change capture', () => {
  it('a source change names its source (sourceCode or code); other kinds name a sku', () => {
    assert.equal(sourceCodeOf({ kind: 'source', details: { sourceCode: 'wh_b' } }), 'wh_b');
    assert.equal(sourceCodeOf({ kind: 'source', details: { code: 'wh_c' } }), 'wh_c');
    assert.equal(sourceCodeOf({ kind: 'source', details: {} }), null);
    assert.equal(sourceCodeOf({ kind: 'stock', details: { sourceCode: 'wh_b' } }), null);
  });
});
