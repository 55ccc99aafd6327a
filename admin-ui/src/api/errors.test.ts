import assert from 'node:assert/strict';
import { ApiError } from './client';
import { describeError, errorLine, fieldName } from './errors';

describe('describeError (error envelope → what the admin reads)', () => {
  it('keys field problems by the form field name', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'body.price: must be >= 0', {
      fields: [
        { field: 'body.price', message: 'must be >= 0' },
        { field: 'body.attributes.color', message: 'is not an option' },
      ],
    });
    const p = describeError(error);
    assert.equal(p.code, 'VALIDATION_FAILED');
    // Each message names its field as the form does, in the admin's words rather than the schema checker's.
    assert.deepEqual(p.fields, { price: 'Price must be 0 or more', 'attributes.color': 'Color is not an option' });
    assert.equal(p.message, 'Price must be 0 or more; Color is not an option');
    assert.equal(describeError(error, { price: 'Price override' }).fields.price, 'Price override must be 0 or more');
    assert.equal(fieldName('query.salableMin'), 'salableMin');
  });

  it('tells a refused role what to do, keeping the server’s reason', () => {
    const p = describeError(new ApiError(403, 'FORBIDDEN', 'Your role (Catalog Manager) may not do this.'));
    assert.match(p.message, /Catalog Manager.*Ask an administrator/);
  });

  it('never shows server internals for a 5xx, but keeps the code to quote', () => {
    const line = errorLine(new ApiError(500, 'INTERNAL', 'TypeError: x is undefined at foo.ts:12'));
    assert.doesNotMatch(line, /TypeError/);
    assert.match(line, /\(INTERNAL\)$/);
  });

  it('describes a bug in the admin itself as CLIENT_ERROR', () => {
    assert.equal(describeError(new Error('boom')).code, 'CLIENT_ERROR');
  });
});
