import assert from 'node:assert/strict';
import { MAX_JSON_DEPTH, MAX_JSON_VALUES, inputProblem, jsonTextProblem } from './input-limits';

describe('input limits', () => {
  it('measures JSON text: nesting beyond the limit and too many values, ignoring brackets and commas in strings', () => {
    assert.equal(jsonTextProblem(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`), null);
    assert.deepEqual(jsonTextProblem(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`), {
      field: 'body',
      message: `nests deeper than ${MAX_JSON_DEPTH} levels`,
    });
    assert.equal(jsonTextProblem(JSON.stringify({ a: '[[[[,,,,'.repeat(100_000), 'b\\"[': [1, 2] })), null);
    assert.equal(jsonTextProblem(`[${'0,'.repeat(MAX_JSON_VALUES - 1)}0]`), null);
    assert.deepEqual(jsonTextProblem(`[${'0,'.repeat(MAX_JSON_VALUES)}0]`), {
      field: 'body',
      message: `holds more than ${MAX_JSON_VALUES} values`,
    });
  });

  it('finds NUL and lone surrogates in values and keys, naming the field', () => {
    assert.deepEqual(inputProblem({ name: 'a\u0000' }, 'body'), { field: 'body.name', message: 'must not contain NUL characters' });
    const lone = { field: 'body.tags.1', message: 'must be valid unicode (it holds a lone UTF-16 surrogate)' };
    for (const bad of ['\ud800', 'x\udbffy', '\udc00', '\ude00\ud83d']) assert.deepEqual(inputProblem({ tags: ['ok', bad] }, 'body'), lone);
    assert.deepEqual(inputProblem({ map: { ['k\u0000']: 1 } }, 'body'), {
      field: 'body.map',
      message: 'has a key with a NUL character or a lone UTF-16 surrogate',
    });
    assert.equal(inputProblem({ name: 'Tasse ☕ 😀 Ünïcødé', n: [1, -2.5, null, true] }, 'body'), null);
  });

  it('finds numbers that are not finite, and bounds what it walks', () => {
    assert.deepEqual(inputProblem({ a: { b: Infinity } }, 'body'), { field: 'body.a.b', message: 'must be a finite number' });
    assert.deepEqual(inputProblem([NaN], 'body'), { field: 'body.0', message: 'must be a finite number' });
    let deep: unknown = [];
    for (let i = 0; i < 10_000; i++) deep = [deep];
    assert.deepEqual(inputProblem(deep, 'body'), { field: 'body', message: `nests deeper than ${MAX_JSON_DEPTH} levels` });
    assert.equal(inputProblem(Buffer.from('\u0000'), 'body'), null);
    assert.equal(inputProblem(undefined, 'querystring'), null);
  });
});
