/** Builds what validating and compiling a rule needs, from `app.catalog.structure`, and the store's eligibility scope. */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { RuleNode } from '../../../../schema/listings';
import { invalid } from '../../platform/errors';
import { salableSql, type EligibilityScope } from '../catalog-reads';
import type { StoreContext } from '../store-context';
import { validateConditions, type RuleCatalog } from './conditions';
import { compileRule, usesSalable, type CompileContext } from './rule-sql';

export async function ruleCatalog(app: FastifyInstance): Promise<RuleCatalog & { categoryPaths: Map<number, string> }> {
  const [attributes, sets, categories] = await Promise.all([
    app.catalog.structure.attributes(),
    app.catalog.structure.attributeSets(),
    app.catalog.structure.categories('flat'),
  ]);
  return {
    attributes: new Map(attributes.map((a) => [a.code, { id: a.id, type: a.type, options: a.options }])),
    attributeSets: new Set(sets.map((s) => s.code)),
    categoryIds: new Set(categories.map((c) => c.id)),
    categoryPaths: new Map(categories.map((c) => [c.id, c.path])),
  };
}

/** Validates (400 with the node's path) and compiles a rule into the store's eligibility scope. */
export async function eligibilityScope(app: FastifyInstance, db: Knex, ctx: StoreContext, conditions: RuleNode): Promise<EligibilityScope> {
  const catalog = await ruleCatalog(app);
  const problems = validateConditions(conditions, catalog);
  if (problems.length) throw invalid(problems);
  const joinStock = usesSalable(conditions);
  const compileCtx: CompileContext = {
    ...catalog,
    salable: joinStock ? await salableSql(db, ctx.stockId) : { sql: '0', bindings: [] },
  };
  return { websiteId: ctx.websiteId, rule: compileRule(conditions, compileCtx), joinStock };
}
