/**
 * The catalog's structure for other domains and the admin: websites, attributes, attribute sets,
 * categories, sources and stocks (`app.catalog.structure`). Creating a custom attribute is the one write.
 */
import type { Knex } from 'knex';
import type { AttributeScope, AttributeType } from '../../../schema/catalog';
import type { AuditActor, AuditLog } from '../audit/index';
import { invalid, notFound, type FieldProblem } from '../platform/errors';
import {
  addAttributeToSets,
  attributeByCode,
  attributeSetIdsByCode,
  categoryTree,
  insertAttribute,
  listAttributeSets,
  listAttributes,
  listCategories,
  listSources,
  listStocks,
  listWebsites,
  sourceItemCount,
  type Attribute,
  type AttributeSet,
  type Category,
  type Source,
  type Stock,
  type Website,
} from './structure.queries';

export interface CreateAttributeInput {
  code: string;
  label: string;
  type: AttributeType;
  scope?: AttributeScope;
  isRequired?: boolean;
  options?: string[];
  attributeSets?: string[];
}

const WITH_OPTIONS: readonly AttributeType[] = ['select', 'multiselect'];

export class StructureService {
  constructor(
    private readonly db: Knex,
    private readonly audit: AuditLog,
  ) {}

  /** Websites with their store views and stock; `db` is a caller's open transaction (SQLite has one connection). */
  websites(db: Knex = this.db): Promise<Website[]> {
    return listWebsites(db);
  }

  async website(code: string): Promise<Website> {
    const [website] = await listWebsites(this.db, code);
    if (!website) throw notFound('Website', code);
    return website;
  }

  attributes(filter: { q?: string; type?: AttributeType } = {}): Promise<Attribute[]> {
    return listAttributes(this.db, filter);
  }

  async attribute(code: string): Promise<Attribute> {
    const attribute = await attributeByCode(this.db, code);
    if (!attribute) throw notFound('Attribute', code);
    return attribute;
  }

  attributeSets(): Promise<AttributeSet[]> {
    return listAttributeSets(this.db);
  }

  async categories(format: 'flat' | 'tree' = 'flat'): Promise<Category[]> {
    const flat = await listCategories(this.db);
    return format === 'tree' ? categoryTree(flat) : flat;
  }

  sources(): Promise<Source[]> {
    return listSources(this.db);
  }

  async source(code: string): Promise<Source> {
    const [source] = await listSources(this.db, code);
    if (!source) throw notFound('Source', code);
    return { ...source, itemCount: await sourceItemCount(this.db, code) };
  }

  stocks(): Promise<Stock[]> {
    return listStocks(this.db);
  }

  async stock(id: number): Promise<Stock> {
    const [stock] = await listStocks(this.db, id);
    if (!stock) throw notFound('Stock', id);
    return stock;
  }

  async createAttribute(actor: AuditActor, input: CreateAttributeInput): Promise<Attribute> {
    const options = input.options ?? [];
    const problems: FieldProblem[] = [];
    if (WITH_OPTIONS.includes(input.type) && !options.length)
      problems.push({ field: 'body.options', message: `a ${input.type} attribute needs at least one option` });
    if (!WITH_OPTIONS.includes(input.type) && options.length)
      problems.push({ field: 'body.options', message: `a ${input.type} attribute has no options` });
    // Values match options case-insensitively, so "Red" and "red" would be the same option.
    const lower = options.map((o) => o.trim().toLowerCase());
    const dup = lower.find((o, i) => lower.indexOf(o) !== i);
    if (dup !== undefined)
      problems.push({ field: 'body.options', message: `"${dup}" is listed twice (options are matched ignoring case)` });
    return this.db.transaction(async (trx) => {
      if (await attributeByCode(trx, input.code))
        problems.push({ field: 'body.code', message: `an attribute with the code "${input.code}" already exists` });
      const setCodes = input.attributeSets ?? [];
      const setIds = await attributeSetIdsByCode(trx, setCodes);
      const unknown = setCodes.filter((c) => !setIds.has(c));
      if (unknown.length)
        problems.push({ field: 'body.attributeSets', message: `unknown attribute set ${unknown.map((c) => `"${c}"`).join(', ')}` });
      if (problems.length) throw invalid(problems);
      const id = await insertAttribute(trx, {
        code: input.code,
        label: input.label,
        type: input.type,
        scope: input.scope ?? 'store_view',
        isRequired: input.isRequired ?? false,
        options: options.map((o) => o.trim()),
      });
      await addAttributeToSets(trx, id, [...new Set(setIds.values())]);
      await this.audit.record(
        actor,
        { action: 'create', entityType: 'attribute', entityId: input.code, details: { ...input, options } },
        trx,
      );
      return (await attributeByCode(trx, input.code))!;
    });
  }
}
