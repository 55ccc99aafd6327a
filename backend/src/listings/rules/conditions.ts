/**
 * Pure validation of a listing rule's conditions tree: every node is checked against the field it tests
 * and, for catalog attributes, the attribute's type — so a saved rule always compiles to SQL. Problems
 * name the node by its path (`body.conditions.conditions[1].operator`), as the API reports fields.
 */
import type { AttributeType } from '../../../../schema/catalog';
import { PRODUCT_STATUSES, PRODUCT_TYPES, VISIBILITIES } from '../../../../schema/catalog';
import { EMPTY_OPERATORS, operatorsFor, type ConditionNode, type RuleNode } from '../../../../schema/listings';

export { operatorsFor };
import type { FieldProblem } from '../../platform/errors';

export interface RuleCatalog {
  /** Attribute code → type and options (select/multiselect). */
  attributes: Map<string, { id: number; type: AttributeType; options: string[] }>;
  attributeSets: Set<string>;
  categoryIds: Set<number>;
}

export const MAX_DEPTH = 6;

export function validateConditions(root: RuleNode, catalog: RuleCatalog, base = 'body.conditions'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (root.kind !== 'combine') problems.push({ field: `${base}.kind`, message: 'the root must be a "combine" node (ALL/ANY of …)' });
  walk(root, base, 0, catalog, problems);
  return problems;
}

function walk(node: RuleNode, path: string, depth: number, catalog: RuleCatalog, problems: FieldProblem[]): void {
  if (depth > MAX_DEPTH) {
    problems.push({ field: path, message: `conditions nest at most ${MAX_DEPTH} levels deep` });
    return;
  }
  if (node.kind === 'combine') {
    if (node.aggregator !== 'all' && node.aggregator !== 'any')
      problems.push({ field: `${path}.aggregator`, message: 'must be "all" or "any"' });
    if (typeof node.value !== 'boolean') problems.push({ field: `${path}.value`, message: 'must be true or false (TRUE/FALSE)' });
    if (!Array.isArray(node.conditions)) problems.push({ field: `${path}.conditions`, message: 'must be a list of conditions' });
    else node.conditions.forEach((c, i) => walk(c, `${path}.conditions[${i}]`, depth + 1, catalog, problems));
    return;
  }
  checkCondition(node, path, catalog, problems);
}

const isList = (v: unknown): v is (string | number)[] => Array.isArray(v) && v.length > 0;
const isNumber = (v: unknown) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v));

function checkCondition(node: ConditionNode, path: string, catalog: RuleCatalog, problems: FieldProblem[]): void {
  const p = (suffix: string, message: string): void => {
    problems.push({ field: `${path}.${suffix}`, message });
  };
  if (!node.field) return p('field', 'is required');
  if (!node.operator) return p('operator', 'is required');
  let type: AttributeType | undefined;
  let options: string[] = [];
  if (node.field === 'attribute') {
    const attr = node.attribute ? catalog.attributes.get(node.attribute) : undefined;
    if (!attr) return p('attribute', node.attribute ? `no catalog attribute "${node.attribute}"` : 'is required when field is "attribute"');
    type = attr.type;
    options = attr.options;
  }
  const allowed = operatorsFor(node.field, type);
  if (!allowed.includes(node.operator))
    return p('operator', `"${node.operator}" does not fit ${type ? `a ${type} attribute` : node.field}; use one of ${allowed.join(', ')}`);
  if (EMPTY_OPERATORS.includes(node.operator)) return;
  const v = node.value;
  const listOf = (known: readonly (string | number)[] | Set<string | number>, what: string): void => {
    if (!isList(v)) return p('value', `must be a non-empty list of ${what}`);
    const has = (x: string | number) => (known instanceof Set ? known.has(x) : known.includes(x));
    const unknown = v.filter((x) => !has(x));
    if (unknown.length) p('value', `unknown ${what}: ${unknown.join(', ')}`);
  };
  switch (node.field) {
    case 'category':
      return listOf(catalog.categoryIds as Set<string | number>, 'category ids');
    case 'attribute_set':
      return listOf(catalog.attributeSets as Set<string | number>, 'attribute set codes');
    case 'product_type':
      return listOf(PRODUCT_TYPES, 'product types');
    case 'visibility':
      return listOf(VISIBILITIES, 'visibilities');
    case 'status':
      if (typeof v !== 'string' || !(PRODUCT_STATUSES as readonly string[]).includes(v))
        p('value', `must be one of ${PRODUCT_STATUSES.join(', ')}`);
      return;
    case 'price':
    case 'salable_qty':
      if (!isNumber(v)) p('value', 'must be a number');
      return;
    case 'attribute':
      if (type === 'int' || type === 'decimal') {
        if (!isNumber(v)) p('value', 'must be a number');
      } else if (type === 'date') {
        if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) p('value', 'must be a date YYYY-MM-DD');
      } else if (type === 'boolean') {
        if (typeof v !== 'boolean') p('value', 'must be true or false');
      } else if (type === 'select' || type === 'multiselect') {
        listOf(options, `options of ${node.attribute}`);
      } else if (typeof v !== 'string' || v === '') p('value', 'must be a non-empty text');
  }
}
