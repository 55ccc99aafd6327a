import assert from 'node:assert/strict';
import { createAdminUserBodySchema, loginBodySchema } from '../../../schema/auth';
import { productPatchBodySchema, sourceItemBodySchema } from '../../../schema/catalog';
import { validate } from './validate';

describe('form validation with the shared schemas', () => {
  it('accepts a valid body', () => {
    assert.deepEqual(validate(sourceItemBodySchema, { quantity: 3, inStock: true }), { valid: true, fields: {} });
  });

  it('names each wrong field with a message a person can act on', () => {
    const r = validate(createAdminUserBodySchema, { email: 'not-an-email', name: '', role: 'administrator', password: 'short' });
    assert.equal(r.valid, false);
    assert.deepEqual(r.fields, {
      email: 'E-mail address must be a valid e-mail address',
      name: 'Name is required',
      password: 'Password must be at least 10 characters',
    });
  });

  it('reports a missing field under its own name', () => {
    assert.deepEqual(validate(loginBodySchema, { email: 'a@b.co' }).fields, { password: 'Password is required' });
  });

  it('refuses a negative price or quantity, and text where a number belongs', () => {
    assert.equal(validate(productPatchBodySchema, { price: -1 }).fields.price, 'Price must be 0 or more');
    assert.equal(
      validate(sourceItemBodySchema, { quantity: 'ten', inStock: true }, { quantity: 'Qty at US East' }).fields.quantity,
      'Qty at US East must be a number',
    );
  });

  it('refuses an empty change', () => {
    assert.equal(validate(productPatchBodySchema, {}).valid, false);
  });
});
