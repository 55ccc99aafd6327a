import assert from 'node:assert/strict';
import {
  addCondition,
  addGroup,
  describe as describeRule,
  newCondition,
  operatorsFor,
  pathOf,
  removeNode,
  retarget,
  rootFromApi,
  setOperator,
  toApi,
  validateTree,
  valueKind,
  type RuleAttribute,
} from './rule-tree';

const ATTRS: RuleAttribute[] = [
  { code: 'ean', label: 'EAN', type: 'text', options: [] },
  { code: 'color', label: 'Color', type: 'select', options: ['Red', 'Blue'] },
  { code: 'weight_kg', label: 'Weight', type: 'decimal', options: [] },
  { code: 'fragile', label: 'Fragile', type: 'boolean', options: [] },
];
const lookup = (code: string) => ATTRS.find((a) => a.code === code);

describe('rule tree (listing rule editor)', () => {
  it('builds ALL of [type in simple, ANY of [ean not empty, price >= 10]] and serialises to the API shape', () => {
    const root = rootFromApi(null);
    const type = addCondition(root);
    type.value = ['simple'];
    const any = addGroup(root);
    any.aggregator = 'any';
    const ean = addCondition(any, newCondition('attribute', lookup('ean')));
    setOperator(ean, 'is_not_empty', lookup('ean'));
    const price = addCondition(any, newCondition('price'));
    setOperator(price, 'gte');
    price.value = '10';
    assert.deepEqual(validateTree(root, lookup), {});
    assert.deepEqual(toApi(root, lookup), {
      kind: 'combine',
      aggregator: 'all',
      value: true,
      conditions: [
        { kind: 'condition', field: 'product_type', operator: 'in', value: ['simple'] },
        {
          kind: 'combine',
          aggregator: 'any',
          value: true,
          conditions: [
            { kind: 'condition', field: 'attribute', attribute: 'ean', operator: 'is_not_empty' },
            { kind: 'condition', field: 'price', operator: 'gte', value: 10 },
          ],
        },
      ],
    });
    assert.equal(describeRule(root, lookup), '(Product Type is one of simple and (EAN is not empty or Price equals or greater than 10))');
  });

  it('round-trips a saved rule (FALSE group, category ids, boolean attribute) and removes nested nodes by id', () => {
    const saved = {
      kind: 'combine' as const,
      aggregator: 'all' as const,
      value: true,
      conditions: [
        { kind: 'condition' as const, field: 'category' as const, operator: 'in' as const, value: [3, 7] },
        {
          kind: 'combine' as const,
          aggregator: 'any' as const,
          value: false,
          conditions: [
            { kind: 'condition' as const, field: 'attribute' as const, attribute: 'fragile', operator: 'eq' as const, value: true },
          ],
        },
      ],
    };
    const root = rootFromApi(saved);
    assert.deepEqual(toApi(root, lookup), saved);
    const group = root.conditions[1]!;
    assert.equal(group.kind, 'combine');
    const inner = group.kind === 'combine' ? group.conditions[0]! : null;
    assert.equal(pathOf(root, inner!.id), 'conditions.conditions[1].conditions[0]');
    assert.equal(removeNode(root, inner!.id), true);
    const after = toApi(root, lookup);
    assert.deepEqual(after.kind === 'combine' ? after.conditions[1] : null, {
      kind: 'combine',
      aggregator: 'any',
      value: false,
      conditions: [],
    });
    assert.equal(removeNode(root, 99999), false);
  });

  it('offers the operators and value kind the field or attribute type allows, as the server does', () => {
    assert.deepEqual(operatorsFor('status'), ['eq', 'neq']);
    assert.deepEqual(operatorsFor('attribute', 'select'), ['in', 'not_in', 'is_empty', 'is_not_empty']);
    assert.deepEqual(operatorsFor('attribute', 'boolean'), ['eq']);
    assert.equal(valueKind('attribute', 'gt', 'decimal'), 'number');
    assert.equal(valueKind('attribute', 'is_empty', 'text'), 'none');
    assert.equal(valueKind('visibility', 'in'), 'list');
  });

  it('changing the field keeps an allowed operator and resets a value of another kind', () => {
    const node = newCondition('price');
    setOperator(node, 'gt');
    node.value = '5';
    retarget(node, 'salable_qty');
    assert.deepEqual([node.operator, node.value], ['gt', '5']);
    retarget(node, 'attribute', lookup('color'));
    assert.deepEqual([node.attribute, node.operator, node.value], ['color', 'in', []]);
  });

  it('names each problem by the path the API reports', () => {
    const root = rootFromApi(null);
    addCondition(root, newCondition('price')).value = 'cheap';
    const group = addGroup(root);
    addCondition(group, newCondition('attribute')); // no attribute chosen
    addCondition(group, newCondition('visibility')); // empty list
    assert.deepEqual(validateTree(root, lookup), {
      'conditions.conditions[0].value': 'must be a number',
      'conditions.conditions[1].conditions[0].attribute': 'choose an attribute',
      'conditions.conditions[1].conditions[1].value': 'choose at least one value',
    });
  });
});
