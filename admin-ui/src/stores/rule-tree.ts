/**
 * The listing rule editor's tree, pure: a draft copy of the API's conditions tree with a stable id per node
 * (list keys) and the value as the form holds it (text, or a list of texts); adding and removing groups and
 * conditions; the operators and the kind of value each field allows (`operatorsFor` from schema/listings.ts,
 * the same table the server checks with); validation before sending, keyed by the paths the API reports
 * (`conditions.conditions[1].value`); and serialising back to the API's shape.
 */
import { PRODUCT_STATUSES, PRODUCT_TYPES, VISIBILITIES, type AttributeType } from '../../../schema/catalog';
import { EMPTY_OPERATORS, operatorsFor, RULE_FIELDS, type RuleField, type RuleNode, type RuleOperator } from '../../../schema/listings';

export { operatorsFor };

export interface DraftCombine {
  id: number;
  kind: 'combine';
  aggregator: 'all' | 'any';
  value: boolean;
  conditions: DraftNode[];
}
export interface DraftCondition {
  id: number;
  kind: 'condition';
  field: RuleField;
  /** field "attribute": the catalog attribute's code. */
  attribute: string;
  operator: RuleOperator;
  /** A text for one value, a list for in / not in / contains any / contains all. */
  value: string | string[];
}
export type DraftNode = DraftCombine | DraftCondition;

/** What the editor needs to know about a catalog attribute. */
export interface RuleAttribute {
  code: string;
  label: string;
  type: AttributeType;
  options: readonly string[];
}

export const FIELD_LABELS: Record<RuleField, string> = {
  category: 'Category',
  attribute_set: 'Attribute Set',
  product_type: 'Product Type',
  status: 'Status',
  visibility: 'Visibility',
  price: 'Price',
  salable_qty: 'Salable Quantity',
  attribute: 'Attribute',
};
export const FIELDS = RULE_FIELDS.map((value) => ({ value, title: FIELD_LABELS[value] }));

export const OPERATOR_LABELS: Record<RuleOperator, string> = {
  eq: 'is',
  neq: 'is not',
  gt: 'greater than',
  gte: 'equals or greater than',
  lt: 'less than',
  lte: 'equals or less than',
  in: 'is one of',
  not_in: 'is not one of',
  contains: 'contains',
  not_contains: 'does not contain',
  starts_with: 'starts with',
  contains_any: 'contains any of',
  contains_all: 'contains all of',
  is_empty: 'is empty',
  is_not_empty: 'is not empty',
};

const LIST_OPERATORS: readonly RuleOperator[] = ['in', 'not_in', 'contains_any', 'contains_all'];

export type ValueKind = 'none' | 'list' | 'number' | 'integer' | 'date' | 'boolean' | 'text';

/** How a condition's value is entered and sent. */
export function valueKind(field: RuleField, operator: RuleOperator, type?: AttributeType): ValueKind {
  if (EMPTY_OPERATORS.includes(operator)) return 'none';
  if (LIST_OPERATORS.includes(operator)) return 'list';
  if (field === 'price' || field === 'salable_qty') return 'number';
  if (field === 'attribute') {
    if (type === 'int' || type === 'decimal') return 'number';
    if (type === 'date') return 'date';
    if (type === 'boolean') return 'boolean';
    if (type === 'multiselect' && operator === 'not_contains') return 'list';
  }
  return 'text';
}

/** The choices a list or one-of value offers (null: free entry; categories have their own picker, CategoryPicker.vue). */
export function choicesFor(field: RuleField, attribute?: RuleAttribute): readonly string[] | null {
  switch (field) {
    case 'product_type':
      return PRODUCT_TYPES;
    case 'visibility':
      return VISIBILITIES;
    case 'status':
      return PRODUCT_STATUSES;
    case 'attribute':
      return attribute && (attribute.type === 'select' || attribute.type === 'multiselect') ? attribute.options : null;
    default:
      return null;
  }
}

let nextId = 1;
const newId = () => nextId++;

export const emptyRoot = (): DraftCombine => ({ id: newId(), kind: 'combine', aggregator: 'all', value: true, conditions: [] });

function textOf(value: unknown): string | string[] {
  if (Array.isArray(value)) return value.map(String);
  if (value === null || value === undefined) return '';
  return String(value);
}

/** The API's tree → a draft the form edits. */
export function fromApi(node: RuleNode): DraftNode {
  if (node.kind === 'combine')
    return {
      id: newId(),
      kind: 'combine',
      aggregator: node.aggregator ?? 'all',
      value: node.value ?? true,
      conditions: (node.conditions ?? []).map(fromApi),
    };
  return {
    id: newId(),
    kind: 'condition',
    field: node.field,
    attribute: node.attribute ?? '',
    operator: node.operator,
    value: textOf(node.value),
  };
}

export function rootFromApi(node: RuleNode | null | undefined): DraftCombine {
  const draft = node ? fromApi(node) : emptyRoot();
  return draft.kind === 'combine' ? draft : { ...emptyRoot(), conditions: [draft] };
}

/** A new condition with the field's first operator. */
export function newCondition(field: RuleField = 'product_type', attribute?: RuleAttribute): DraftCondition {
  const operator = operatorsFor(field, attribute?.type)[0]!;
  const kind = valueKind(field, operator, attribute?.type);
  return { id: newId(), kind: 'condition', field, attribute: attribute?.code ?? '', operator, value: kind === 'list' ? [] : '' };
}

export function addCondition(group: DraftCombine, condition: DraftCondition = newCondition()): DraftCondition {
  group.conditions.push(condition);
  return condition;
}

export function addGroup(group: DraftCombine): DraftCombine {
  const child = emptyRoot();
  group.conditions.push(child);
  return child;
}

/** Removes the node with this id anywhere under root (never the root itself). */
export function removeNode(root: DraftCombine, id: number): boolean {
  const at = root.conditions.findIndex((n) => n.id === id);
  if (at >= 0) {
    root.conditions.splice(at, 1);
    return true;
  }
  return root.conditions.some((n) => n.kind === 'combine' && removeNode(n, id));
}

/** Field or attribute changed: keep the operator when still allowed, reset the value when its kind changes. */
export function retarget(node: DraftCondition, field: RuleField, attribute?: RuleAttribute): void {
  const before = valueKind(node.field, node.operator);
  node.field = field;
  node.attribute = field === 'attribute' ? (attribute?.code ?? '') : '';
  const allowed = operatorsFor(field, attribute?.type);
  if (!allowed.includes(node.operator)) node.operator = allowed[0]!;
  const after = valueKind(field, node.operator, attribute?.type);
  if (after !== before || field === 'attribute') node.value = after === 'list' ? [] : '';
}

export function setOperator(node: DraftCondition, operator: RuleOperator, attribute?: RuleAttribute): void {
  const before = valueKind(node.field, node.operator, attribute?.type);
  node.operator = operator;
  const after = valueKind(node.field, operator, attribute?.type);
  if (after !== before) node.value = after === 'list' ? [] : '';
}

type Lookup = (code: string) => RuleAttribute | undefined;

function valueToApi(node: DraftCondition, attribute: RuleAttribute | undefined): RuleNode['value'] | undefined {
  const kind = valueKind(node.field, node.operator, attribute?.type);
  const v = node.value;
  const one = Array.isArray(v) ? (v[0] ?? '') : v.trim();
  switch (kind) {
    case 'none':
      return undefined;
    case 'list': {
      const list = (Array.isArray(v) ? v : v.split(',')).map((x) => x.trim()).filter(Boolean);
      return node.field === 'category' ? list.map((x) => (/^\d+$/.test(x) ? Number(x) : x)) : list;
    }
    case 'number':
    case 'integer':
      return one === '' || Number.isNaN(Number(one)) ? one : Number(one);
    case 'boolean':
      return one === 'true' ? true : one === 'false' ? false : one;
    default:
      return one;
  }
}

/** The draft → the API's shape (no ids, values typed as the field needs). */
export function toApi(node: DraftNode, lookup: Lookup = () => undefined): RuleNode {
  if (node.kind === 'combine')
    return { kind: 'combine', aggregator: node.aggregator, value: node.value, conditions: node.conditions.map((n) => toApi(n, lookup)) };
  const attribute = node.field === 'attribute' ? lookup(node.attribute) : undefined;
  const value = valueToApi(node, attribute);
  return {
    kind: 'condition',
    field: node.field,
    ...(node.field === 'attribute' ? { attribute: node.attribute } : {}),
    operator: node.operator,
    ...(value !== undefined ? { value } : {}),
  };
}

/** The path the API uses for a node's field, without `body.`: `conditions.conditions[0].conditions[2]`. */
export function pathOf(root: DraftCombine, id: number, base = 'conditions'): string | null {
  if (root.id === id) return base;
  for (const [i, child] of root.conditions.entries()) {
    const path = `${base}.conditions[${i}]`;
    if (child.id === id) return path;
    if (child.kind === 'combine') {
      const deeper = pathOf(child, id, path);
      if (deeper) return deeper;
    }
  }
  return null;
}

export const MAX_DEPTH = 6;

/** Problems before sending, keyed like the server's field names (`conditions.conditions[1].value`). */
export function validateTree(root: DraftCombine, lookup: Lookup): Record<string, string> {
  const problems: Record<string, string> = {};
  const walk = (node: DraftNode, path: string, depth: number) => {
    if (node.kind === 'combine') {
      if (depth > MAX_DEPTH) problems[path] = `groups nest at most ${MAX_DEPTH} deep`;
      node.conditions.forEach((child, i) => walk(child, `${path}.conditions[${i}]`, depth + 1));
      return;
    }
    const attribute = node.field === 'attribute' ? lookup(node.attribute) : undefined;
    if (node.field === 'attribute' && !attribute) {
      problems[`${path}.attribute`] = node.attribute ? `unknown attribute "${node.attribute}"` : 'choose an attribute';
      return;
    }
    const kind = valueKind(node.field, node.operator, attribute?.type);
    const api = valueToApi(node, attribute);
    const at = `${path}.value`;
    if (kind === 'list' && (!Array.isArray(api) || api.length === 0)) problems[at] = 'choose at least one value';
    else if (kind === 'number' && typeof api !== 'number') problems[at] = 'must be a number';
    else if (kind === 'boolean' && typeof api !== 'boolean') problems[at] = 'must be Yes or No';
    else if (kind === 'date' && !(typeof api === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(api))) problems[at] = 'must be a date YYYY-MM-DD';
    else if (kind === 'text' && api === '') problems[at] = 'is required';
  };
  walk(root, 'conditions', 0);
  return problems;
}

/** One line in words, for the preview header and the audit of what is being saved. */
export function describe(node: DraftNode, lookup: Lookup = () => undefined): string {
  if (node.kind === 'combine') {
    if (!node.conditions.length) return 'every product of the website';
    const inner = node.conditions.map((n) => describe(n, lookup)).join(node.aggregator === 'all' ? ' and ' : ' or ');
    return node.value ? `(${inner})` : `not (${inner})`;
  }
  const name = node.field === 'attribute' ? (lookup(node.attribute)?.label ?? node.attribute) : FIELD_LABELS[node.field];
  const value = Array.isArray(node.value) ? node.value.join(', ') : node.value;
  return `${name} ${OPERATOR_LABELS[node.operator]}${value ? ` ${value}` : ''}`;
}
