/**
 * Attribute mapping use cases: which catalog attribute receives each Amazon attribute, per marketplace;
 * active or not; overwrite existing catalog values or not; which store views receive imported values.
 * Catalog attributes and store views are checked through `app.catalog`. Every write is audited.
 */
import type { Knex } from 'knex';
import { isProductFieldSource } from '../../../schema/attribute-mapping';
import type { AuditActor, AuditLog } from '../audit/index';
import type { CatalogModule } from '../catalog/index';
import { AppError, invalid, notFound, type FieldProblem } from '../platform/errors';
import { marketplaceById, marketplaceByCountry, MARKETPLACES } from '../stores/marketplaces';
import { AMAZON_ATTRIBUTES, isAmazonAttribute } from './amazon-attributes';
import * as q from './mapping.queries';

export interface MappingView extends q.MappingRow {
  country: string;
  source: 'product_field' | 'attribute';
}

/** An active mapping as the listing payload uses it: this Amazon attribute gets its value from this source. */
export interface OutboundMapping {
  amazonAttribute: string;
  /** A product field (name, sku, price) or a catalog attribute code. */
  source: string;
}

export interface CreateMappingInput {
  country: string;
  amazonAttribute: string;
  catalogAttribute: string;
  isActive?: boolean;
  overwriteExisting?: boolean;
  storeViews?: string[];
}

export type UpdateMappingInput = Partial<Pick<CreateMappingInput, 'catalogAttribute' | 'isActive' | 'overwriteExisting' | 'storeViews'>>;

const view = (row: q.MappingRow): MappingView => ({
  ...row,
  country: marketplaceById(row.marketplaceId)?.country ?? '',
  source: isProductFieldSource(row.catalogAttribute) ? 'product_field' : 'attribute',
});

export class AttributeMappingService {
  constructor(
    private readonly db: Knex,
    private readonly audit: AuditLog,
    private readonly catalog: CatalogModule,
  ) {}

  amazonAttributes() {
    return AMAZON_ATTRIBUTES;
  }

  async list(country?: string): Promise<MappingView[]> {
    let marketplaceId: string | undefined;
    if (country) {
      const m = marketplaceByCountry(country);
      if (!m) throw invalid([{ field: 'querystring.country', message: `no Amazon marketplace for "${country}"` }]);
      marketplaceId = m.marketplaceId;
    }
    return (await q.listMappings(this.db, marketplaceId)).map(view);
  }

  /**
   * The marketplace's active mappings, for what the channel sends Amazon. Takes the caller's transaction (the
   * listings domain computes offers inside one, and SQLite has a single connection).
   */
  async outbound(marketplaceId: string, db: Knex = this.db): Promise<OutboundMapping[]> {
    return (await q.listMappings(db, marketplaceId))
      .filter((m) => m.isActive)
      .map((m) => ({ amazonAttribute: m.amazonAttribute, source: m.catalogAttribute }));
  }

  async get(id: number): Promise<MappingView> {
    const row = await q.mappingById(this.db, id);
    if (!row) throw notFound('Attribute mapping', id);
    return view(row);
  }

  async create(actor: AuditActor, input: CreateMappingInput): Promise<MappingView> {
    const problems: FieldProblem[] = [];
    const m = marketplaceByCountry(input.country);
    if (!m)
      problems.push({
        field: 'body.country',
        message: `no Amazon marketplace for "${input.country}"; one of ${MARKETPLACES.map((x) => x.country).join(', ')}`,
      });
    if (!isAmazonAttribute(input.amazonAttribute)) {
      problems.push({
        field: 'body.amazonAttribute',
        message: `"${input.amazonAttribute}" is not an Amazon attribute the channel maps (see GET /api/attribute-mapping/amazon-attributes)`,
      });
    } else if (m && (await q.mappingIdFor(this.db, m.marketplaceId, input.amazonAttribute)) !== null) {
      problems.push({
        field: 'body.amazonAttribute',
        message: `"${input.amazonAttribute}" is already mapped for ${m.name}; edit that mapping instead`,
      });
    }
    problems.push(...(await this.catalogProblems(input)));
    if (problems.length || !m) throw invalid(problems);
    const id = await this.db.transaction(async (trx) => {
      const newId = await q.insertMapping(trx, {
        marketplaceId: m.marketplaceId,
        amazonAttribute: input.amazonAttribute,
        catalogAttribute: input.catalogAttribute,
        isActive: input.isActive ?? true,
        overwriteExisting: input.overwriteExisting ?? false,
        storeViews: input.storeViews ?? [],
      });
      await this.audit.record(
        actor,
        { action: 'attribute_mapping.create', entityType: 'attribute_mapping', entityId: newId, details: { ...input } },
        trx,
      );
      return newId;
    });
    return this.get(id);
  }

  async update(actor: AuditActor, id: number, input: UpdateMappingInput): Promise<MappingView> {
    await this.get(id);
    const problems = await this.catalogProblems(input);
    if (problems.length) throw invalid(problems);
    await this.db.transaction(async (trx) => {
      await q.updateMapping(trx, id, input);
      await this.audit.record(
        actor,
        { action: 'attribute_mapping.update', entityType: 'attribute_mapping', entityId: id, details: { ...input } },
        trx,
      );
    });
    return this.get(id);
  }

  async delete(actor: AuditActor, id: number): Promise<void> {
    const before = await this.get(id);
    await this.db.transaction(async (trx) => {
      await q.deleteMapping(trx, id);
      await this.audit.record(
        actor,
        { action: 'attribute_mapping.delete', entityType: 'attribute_mapping', entityId: id, details: { ...before } },
        trx,
      );
    });
  }

  private async catalogProblems(input: { catalogAttribute?: string; storeViews?: string[] }): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    // The product's name, sku and price are fields of the product, always there: nothing to look up.
    if (input.catalogAttribute !== undefined && !isProductFieldSource(input.catalogAttribute)) {
      try {
        await this.catalog.structure.attribute(input.catalogAttribute);
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
        problems.push({ field: 'body.catalogAttribute', message: `no catalog attribute with code "${input.catalogAttribute}"` });
      }
    }
    if (input.storeViews?.length) {
      const known = new Set((await this.catalog.structure.websites()).flatMap((w) => w.storeViews.map((v) => v.code)));
      const unknown = input.storeViews.filter((c) => !known.has(c));
      if (unknown.length) problems.push({ field: 'body.storeViews', message: `unknown store view code(s): ${unknown.join(', ')}` });
    }
    return problems;
  }
}
