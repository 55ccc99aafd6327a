/**
 * Compiles a validated conditions tree into one SQL boolean expression over the product row `p`
 * (products) — with `pss` (product_stock_settings, left-joined) when salable quantity is tested — so a
 * rule is evaluated by the database for 100,000 products at once. Pure: identifiers are fixed here,
 * every value is a binding. Only portable SQL (EXISTS, CAST AS DECIMAL, LOWER … LIKE … ESCAPE '!').
 */
import type { ConditionNode, RuleNode } from '../../../../schema/listings';
import { LIKE_ESCAPE, containsPattern, escapeLike, startsWithPattern } from '../../db/like';
import type { SalableSql } from '../../catalog/inventory.queries';
import type { RuleCatalog } from './conditions';

export interface Sql {
  sql: string;
  bindings: (string | number)[];
}

export interface CompileContext extends RuleCatalog {
  /** Category id → path ("Default Category/Gear"), to include descendants of a chosen category. */
  categoryPaths: Map<number, string>;
  /** The salable quantity expression of the store's stock (needs `pss`). */
  salable: SalableSql;
}

const TRUE: Sql = { sql: '1 = 1', bindings: [] };
const FALSE: Sql = { sql: '1 = 0', bindings: [] };

export function usesSalable(node: RuleNode): boolean {
  return node.kind === 'combine' ? node.conditions.some(usesSalable) : node.field === 'salable_qty';
}

export function compileRule(node: RuleNode, ctx: CompileContext): Sql {
  if (node.kind === 'combine') {
    // Magento: an empty combine matches everything.
    if (!node.conditions.length) return TRUE;
    const parts = node.conditions.map((c) => {
      const s = compileRule(c, ctx);
      return node.value ? s : { sql: `NOT (${s.sql})`, bindings: s.bindings };
    });
    const glue = node.aggregator === 'all' ? ' AND ' : ' OR ';
    return { sql: `(${parts.map((p) => `(${p.sql})`).join(glue)})`, bindings: parts.flatMap((p) => p.bindings) };
  }
  return compileCondition(node, ctx);
}

const OPS: Record<string, string> = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };
const list = (v: ConditionNode['value']): (string | number)[] =>
  Array.isArray(v) ? v : v === undefined || v === null ? [] : [v as string];
const marks = (n: number) => new Array(n).fill('?').join(', ');
const num = (v: ConditionNode['value']) => Number(v);

function inList(column: string, values: (string | number)[], negate: boolean): Sql {
  if (!values.length) return negate ? TRUE : FALSE;
  return { sql: `${column} ${negate ? 'NOT IN' : 'IN'} (${marks(values.length)})`, bindings: values };
}

function compileCondition(c: ConditionNode, ctx: CompileContext): Sql {
  const negate = c.operator === 'not_in' || c.operator === 'neq';
  switch (c.field) {
    case 'product_type':
      return inList('p.type', list(c.value), negate);
    case 'visibility':
      return inList('p.visibility', list(c.value), negate);
    case 'status':
      return { sql: `p.status ${negate ? '<>' : '='} ?`, bindings: [String(c.value)] };
    case 'attribute_set': {
      const s = inList('s.code', list(c.value), false);
      return exists(`SELECT 1 FROM attribute_sets s WHERE s.id = p.attribute_set_id AND ${s.sql}`, s.bindings, negate);
    }
    case 'category': {
      const ids = categoryIdsWithDescendants(list(c.value).map(Number), ctx.categoryPaths);
      const s = inList('pc.category_id', ids, false);
      return exists(`SELECT 1 FROM product_categories pc WHERE pc.product_id = p.id AND ${s.sql}`, s.bindings, negate);
    }
    case 'price':
      return { sql: `p.price IS NOT NULL AND p.price ${OPS[c.operator]} ?`, bindings: [num(c.value)] };
    case 'salable_qty':
      return { sql: `${ctx.salable.sql} ${OPS[c.operator]} ?`, bindings: [...ctx.salable.bindings, num(c.value)] };
    case 'attribute':
      return compileAttribute(c, ctx);
  }
}

function exists(sub: string, bindings: (string | number)[], negate: boolean): Sql {
  return { sql: `${negate ? 'NOT ' : ''}EXISTS (${sub})`, bindings };
}

export function categoryIdsWithDescendants(ids: number[], paths: Map<number, string>): number[] {
  const out = new Set<number>();
  for (const id of ids) {
    const path = paths.get(id);
    if (path === undefined) continue;
    for (const [other, p] of paths) if (other === id || p.startsWith(`${path}/`)) out.add(other);
  }
  return [...out].sort((a, b) => a - b);
}

/** Attribute tests look at the default (global) value row: EXISTS for positive tests, NOT EXISTS for negative ones. */
function compileAttribute(c: ConditionNode, ctx: CompileContext): Sql {
  const attr = ctx.attributes.get(c.attribute ?? '');
  if (!attr) return FALSE;
  const base = 'SELECT 1 FROM product_attribute_values v WHERE v.product_id = p.id AND v.attribute_id = ?';
  const has = (cond: string, bindings: (string | number)[], negate = false) =>
    exists(`${base} AND ${cond}`, [attr.id, ...bindings], negate);
  const value = c.value;
  switch (c.operator) {
    case 'is_empty':
      return has(`v.value IS NOT NULL AND v.value <> ''`, [], true);
    case 'is_not_empty':
      return has(`v.value IS NOT NULL AND v.value <> ''`, []);
    case 'in':
    case 'not_in': {
      const s = inList('v.value', list(value).map(String), false);
      return has(s.sql, s.bindings, c.operator === 'not_in');
    }
    case 'contains_any':
    case 'contains_all':
    case 'not_contains': {
      if (attr.type === 'multiselect') {
        const one = (option: string): Sql => {
          const e = escapeLike(option);
          return {
            sql: `(v.value = ? OR v.value LIKE ? ${LIKE_ESCAPE} OR v.value LIKE ? ${LIKE_ESCAPE} OR v.value LIKE ? ${LIKE_ESCAPE})`,
            bindings: [option, `${e},%`, `%,${e}`, `%,${e},%`],
          };
        };
        const parts = list(value).map((o) => has(one(String(o)).sql, one(String(o)).bindings));
        if (!parts.length) return c.operator === 'not_contains' ? TRUE : FALSE;
        const glue = c.operator === 'contains_all' ? ' AND ' : ' OR ';
        const joined = { sql: `(${parts.map((p) => p.sql).join(glue)})`, bindings: parts.flatMap((p) => p.bindings) };
        return c.operator === 'not_contains' ? { sql: `NOT ${joined.sql}`, bindings: joined.bindings } : joined;
      }
      const pattern = containsPattern(String(value));
      return has(`LOWER(v.value) LIKE ? ${LIKE_ESCAPE}`, [pattern], c.operator === 'not_contains');
    }
    case 'contains':
      return has(`LOWER(v.value) LIKE ? ${LIKE_ESCAPE}`, [containsPattern(String(value))]);
    case 'starts_with':
      return has(`LOWER(v.value) LIKE ? ${LIKE_ESCAPE}`, [startsWithPattern(String(value))]);
    default: {
      const op = OPS[c.operator] ?? '=';
      const negate = c.operator === 'neq';
      if (attr.type === 'int' || attr.type === 'decimal')
        return has(`v.value <> '' AND CAST(v.value AS DECIMAL(20,4)) ${negate ? '=' : op} ?`, [num(value)], negate);
      if (attr.type === 'boolean') return has(`v.value = ?`, [value === true ? '1' : '0']);
      // text and date (YYYY-MM-DD sorts as text); text equality ignores case like the catalog's filters.
      if (attr.type === 'date') return has(`v.value ${negate ? '=' : op} ?`, [String(value)], negate);
      return has(`LOWER(v.value) = ?`, [String(value).toLowerCase()], negate);
    }
  }
}
