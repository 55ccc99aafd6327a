import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { DECIMAL_MAX, INT_MAX, INT_MIN, hardenSchema, numeralKeyword } from './strict-schemas';

/** An Ajv configured like Fastify's, validating the hardened schema; returns the coerced data or the first error. */
function check(schema: object, data: unknown): { ok: true; data: unknown } | { ok: false; message: string } {
  const ajv = new Ajv({ coerceTypes: 'array', useDefaults: true, removeAdditional: true, allErrors: false });
  ajv.addKeyword(numeralKeyword);
  const validate = ajv.compile(hardenSchema(schema));
  return validate(data)
    ? { ok: true, data }
    : { ok: false, message: `${validate.errors?.[0]?.instancePath} ${validate.errors?.[0]?.message}` };
}

const query = {
  type: 'object',
  properties: {
    page: { type: 'integer', minimum: 1, default: 1 },
    price: { type: 'number', minimum: 0, maximum: 100 },
    limit: { type: ['integer', 'null'] },
    ids: { type: 'array', items: { type: 'integer', minimum: 1 } },
    name: { type: 'string' },
  },
} as const;

describe('strict schemas', () => {
  it('keeps coercion of plain digits and the defaults', () => {
    assert.deepEqual(check(query, { page: '2', price: '12.5', ids: '3', name: '7' }), {
      ok: true,
      data: { page: 2, price: 12.5, ids: [3], name: '7' },
    });
    assert.deepEqual(check(query, {}), { ok: true, data: { page: 1 } });
    assert.deepEqual(check(query, { limit: '' }), { ok: true, data: { page: 1, limit: null } });
  });

  it('refuses numbers as sent that are not plain digits, or not finite', () => {
    for (const page of [' 1', '0x10', '1e3', '+1', '1.0', 'Infinity', '', ['1e3']])
      assert.deepEqual(
        check(query, { page }),
        { ok: false, message: '/page must be a whole number written in plain digits (like 42)' },
        String(page),
      );
    for (const price of ['Infinity', '-Infinity', '1e309', '.5', '5.', '1,5', 'NaN'])
      assert.deepEqual(
        check(query, { price }),
        { ok: false, message: '/price must be a number written in plain digits (like 12.5)' },
        price,
      );
    assert.deepEqual(check(query, { price: Infinity }), { ok: false, message: '/price must be a finite number' });
    assert.deepEqual(check(query, { price: '9'.repeat(400) }), { ok: false, message: '/price is out of range' });
    assert.deepEqual(check(query, { ids: ['1', '0x2'] }), {
      ok: false,
      message: '/ids/1 must be a whole number written in plain digits (like 42)',
    });
  });

  it('gives numbers without bounds of their own the range of the columns, and keeps the ones they name', () => {
    assert.deepEqual(check(query, { page: String(INT_MAX + 1) }), { ok: false, message: `/page must be <= ${INT_MAX}` });
    assert.deepEqual(check(query, { limit: INT_MIN - 1 }), { ok: false, message: `/limit must be >= ${INT_MIN}` });
    assert.deepEqual(check(query, { price: 101 }), { ok: false, message: '/price must be <= 100' });
    assert.deepEqual(check({ type: 'number' }, 1e9), { ok: false, message: ` must be <= ${DECIMAL_MAX}` });
  });

  it('leaves the original schema untouched and keeps $id outside', () => {
    const shared = { $id: 'Qty', type: 'integer', minimum: 0 } as const;
    const hardened = hardenSchema(shared) as Record<string, unknown>;
    assert.deepEqual(shared, { $id: 'Qty', type: 'integer', minimum: 0 });
    assert.equal(hardened.$id, 'Qty');
    assert.deepEqual(hardened.allOf, [{ numeral: { kind: 'integer' } }, { type: 'integer', minimum: 0, maximum: INT_MAX }]);
  });
});
