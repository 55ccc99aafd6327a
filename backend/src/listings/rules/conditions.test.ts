import assert from 'node:assert/strict';
import type { RuleNode } from '../../../../schema/listings';
import { operatorsFor, validateConditions, type RuleCatalog } from './conditions';
import { categoryIdsWithDescendants } from './rule-sql';

const catalog: RuleCatalog = {
  attributes: new Map([
    ['color', { id: 1, type: 'select', options: ['Red', 'Blue'] }],
    ['qty_pack', { id: 2, type: 'int', options: [] }],
    ['launch', { id: 3, type: 'date', options: [] }],
  ]),
  attributeSets: new Set(['default']),
  categoryIds: new Set([1, 2]),
};
const all = (conditions: RuleNode[]): RuleNode => ({ kind: 'combine', aggregator: 'all', value: true, conditions });

describe('rule conditions', () => {
  it('operators follow the field or attribute type', () => {
    assert.deepEqual(operatorsFor('attribute', 'boolean'), ['eq']);
    assert.ok(operatorsFor('attribute', 'multiselect').includes('contains_all'));
    assert.ok(!operatorsFor('price').includes('contains'));
  });
  it('accepts a valid nested tree', () => {
    const tree = all([
      { kind: 'condition', field: 'attribute', attribute: 'color', operator: 'in', value: ['Red'] },
      {
        kind: 'combine',
        aggregator: 'any',
        value: false,
        conditions: [{ kind: 'condition', field: 'price', operator: 'gt', value: '9.5' }],
      },
      { kind: 'condition', field: 'attribute', attribute: 'launch', operator: 'lt', value: '2026-01-01' },
    ]);
    assert.deepEqual(validateConditions(tree, catalog), []);
  });
  it('names each bad node', () => {
    const tree = all([
      { kind: 'condition', field: 'attribute', attribute: 'color', operator: 'in', value: ['Green'] },
      {
        kind: 'combine',
        aggregator: 'any',
        value: true,
        conditions: [{ kind: 'condition', field: 'attribute', attribute: 'qty_pack', operator: 'gt', value: 'many' }],
      },
      { kind: 'condition', field: 'category', operator: 'in', value: [9] },
    ]);
    assert.deepEqual(
      validateConditions(tree, catalog).map((p) => p.field),
      ['body.conditions.conditions[0].value', 'body.conditions.conditions[1].conditions[0].value', 'body.conditions.conditions[2].value'],
    );
  });
  it('a category includes its descendants', () => {
    const paths = new Map([
      [1, 'Root'],
      [2, 'Root/Gear'],
      [3, 'Root/Gear/Bags'],
      [4, 'Root/Gearbox'],
    ]);
    assert.deepEqual(categoryIdsWithDescendants([2], paths), [2, 3]);
  });
});
