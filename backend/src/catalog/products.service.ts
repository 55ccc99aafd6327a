/**
 * Reading products: the grid (filters resolved to ids, one page of ids, then the rows), the CSV
 * export of every matching row (in chunks, so 100,000 rows never sit in memory as objects) and
 * the product detail.
 */
import { pipeline, Readable } from 'node:stream';
import type { Knex } from 'knex';
import { stringify } from 'csv-stringify';
import type { Backorders, ProductSort, ProductStatus, ProductType, Visibility } from '../../../schema/catalog';
import type { AuditActor, AuditLog } from '../audit/index';
import { chunk } from '../db/rows';
import { invalid, notFound, type FieldProblem } from '../platform/errors';
import { toStored, type ApiValue } from './attribute-values';
import type { ChangeLog } from './changes';
import { spreadsheetSafeRecord } from './csv-cells';
import {
  salableQty,
  salableScope,
  sourceItemsOf,
  stockSettingsOf,
  type SalableScope,
  type SourceItemRow,
  type StockSettings,
} from './inventory.queries';
import {
  attributeValuesFor,
  categoryPathsOf,
  childrenOf,
  parentsOf,
  productAttributeValues,
  superAttributesOf,
  type ProductAttributeValue,
} from './product-detail.queries';
import { updateProduct, type ProductPatch } from './product-update';
import {
  productIds,
  productIdsBySku,
  productStatesBySku,
  productPage,
  productRowById,
  productRowsByIds,
  websiteCodesOf,
  type AttributeFilter,
  type ProductFilter,
  type ProductOrder,
  type ProductRow,
} from './products.queries';
import { defaultStockId, listAttributes, listStocks, websiteByCode } from './structure.queries';

export interface ProductListQuery {
  page: number;
  pageSize: number;
  sort: ProductSort;
  dir: 'asc' | 'desc';
  sku?: string;
  name?: string;
  q?: string;
  type?: ProductType;
  status?: ProductStatus;
  visibility?: Visibility;
  website?: string;
  stock?: number;
  salableMin?: number;
  salableMax?: number;
  attr?: string[];
}

export interface ProductListItem {
  id: number;
  sku: string;
  name: string;
  type: ProductType;
  status: ProductStatus;
  visibility: Visibility;
  price: number | null;
  specialPrice: number | null;
  attributeSet: string;
  websites: string[];
  salableQty: number;
  isSalable: boolean;
  manageStock: boolean;
  backorders: Backorders;
  updatedAt: string;
}

export interface ProductDetail extends ProductListItem {
  stockId: number | null;
  attributeSetCode: string;
  specialPriceFrom: string | null;
  specialPriceTo: string | null;
  weight: number | null;
  createdAt: string;
  categories: string[];
  attributes: Omit<ProductAttributeValue, 'attributeId'>[];
  stockSettings: StockSettings;
  sourceItems: SourceItemRow[];
  salable: { stockId: number; stockName: string; websites: string[]; salableQty: number; isSalable: boolean }[];
  superAttributes: { code: string; label: string }[];
  children: {
    id: number;
    sku: string;
    name: string;
    type: string;
    status: string;
    price: number | null;
    superAttributeValues: Record<string, ApiValue>;
    salableQty: number;
    isSalable: boolean;
  }[];
  parents: { id: number; sku: string; name: string; type: string }[];
}

export const CSV_COLUMNS = ['sku', 'name', 'type', 'status', 'visibility', 'price', 'websites', 'salable_qty'] as const;
const CSV_CHUNK = 1000;

/** The stock that answers salable quantities when nothing else exists: no source, no reservation (id 0 is never used). */
const NO_STOCK = 0;

export class ProductsService {
  constructor(
    private readonly db: Knex,
    private readonly audit: AuditLog,
    private readonly changes: ChangeLog,
  ) {}

  /** Product ids by SKU (SKUs that are no product are left out); `db` is a caller's open transaction. */
  idsBySku(skus: readonly string[], db: Knex = this.db): Promise<Map<string, number>> {
    return productIdsBySku(db, skus);
  }

  /** Id, status (enabled/disabled), type and name by SKU, for an order importer's checks; `db` is a caller's open transaction. */
  statesBySku(skus: readonly string[], db: Knex = this.db) {
    return productStatesBySku(db, skus);
  }

  /** PATCH: columns and attribute values in one transaction with change log and audit (see product-update.ts). */
  update(actor: AuditActor, id: number, patch: ProductPatch): Promise<{ changed: boolean }> {
    return updateProduct({ db: this.db, audit: this.audit, changes: this.changes }, actor, id, patch);
  }

  /** Turns the query's codes into ids, and picks the stock: asked for, else the website filter's, else the default website's. */
  async resolveQuery(
    query: Omit<ProductListQuery, 'page' | 'pageSize'>,
  ): Promise<{ filter: ProductFilter; order: ProductOrder; stockId: number | null }> {
    const problems: FieldProblem[] = [];
    const filter: ProductFilter = {
      sku: query.sku,
      name: query.name,
      q: query.q,
      type: query.type,
      status: query.status,
      visibility: query.visibility,
      salableMin: query.salableMin,
      salableMax: query.salableMax,
    };
    let stockId: number | null = null;
    if (query.website !== undefined) {
      const website = await websiteByCode(this.db, query.website);
      if (website) {
        filter.websiteId = website.id;
        stockId = website.stockId;
      } else problems.push({ field: 'querystring.website', message: `no website has the code "${query.website}"` });
    }
    if (query.stock !== undefined) {
      if ((await listStocks(this.db, query.stock)).length) stockId = query.stock;
      else problems.push({ field: 'querystring.stock', message: `stock ${query.stock} does not exist` });
    }
    if (stockId === null && query.website === undefined) stockId = await defaultStockId(this.db);
    filter.attributes = await this.attributeFilters(query.attr ?? [], problems);
    if (problems.length) throw invalid(problems);
    return { filter, order: { sort: query.sort, dir: query.dir }, stockId };
  }

  private async attributeFilters(specs: readonly string[], problems: FieldProblem[]): Promise<AttributeFilter[]> {
    const parsed = specs.map((spec) => ({ spec, code: spec.slice(0, spec.indexOf(':')), value: spec.slice(spec.indexOf(':') + 1) }));
    const defs = new Map((await listAttributes(this.db, { codes: parsed.map((p) => p.code) })).map((a) => [a.code, a]));
    const out: AttributeFilter[] = [];
    for (const { code, value } of parsed) {
      const def = defs.get(code);
      if (!def) problems.push({ field: 'querystring.attr', message: `unknown attribute "${code}"` });
      else if (def.isSystem) problems.push({ field: 'querystring.attr', message: `"${code}" is a system attribute; use its own filter` });
      else {
        // The same normalisation as a write ("red" → "Red", "yes" → "1"), so a filter matches what is stored.
        const checked = toStored({ ...def, isRequired: false }, def.type === 'multiselect' ? [value] : value);
        if (!checked.ok) problems.push({ field: 'querystring.attr', message: `${code}: ${checked.message}` });
        else if (checked.stored?.value)
          out.push({ attributeId: def.id, value: checked.stored.value, multiselect: def.type === 'multiselect' });
        else problems.push({ field: 'querystring.attr', message: `${code}: give a value to match (at most 255 characters)` });
      }
    }
    return out;
  }

  async list(
    query: ProductListQuery,
  ): Promise<{ items: ProductListItem[]; total: number; page: number; pageSize: number; stockId: number | null }> {
    const { filter, order, stockId } = await this.resolveQuery(query);
    const scope = await salableScope(this.db, stockId ?? NO_STOCK);
    const { ids, total } = await productPage(this.db, filter, scope, order, query.pageSize, (query.page - 1) * query.pageSize);
    return { items: await this.listItems(ids, scope), total, page: query.page, pageSize: query.pageSize, stockId };
  }

  /** Grid rows for ids, in their order. */
  async listItems(ids: readonly number[], scope: SalableScope): Promise<ProductListItem[]> {
    const rows = await productRowsByIds(this.db, ids);
    const websites = await websiteCodesOf(this.db, ids);
    const salable = await salableQty(this.db, { skus: rows.map((r) => r.sku), stockId: scope.stockId, scope });
    return rows.map((r) => toListItem(r, websites.get(r.id) ?? [], salable.get(r.sku)));
  }

  /** Every matching row as CSV, written chunk by chunk. */
  async csv(query: Omit<ProductListQuery, 'page' | 'pageSize'>): Promise<Readable> {
    const { filter, order, stockId } = await this.resolveQuery(query);
    const scope = await salableScope(this.db, stockId ?? NO_STOCK);
    const ids = await productIds(this.db, filter, scope, order);
    const listItems = (part: number[]) => this.listItems(part, scope);
    async function* records() {
      for (const part of chunk(ids, CSV_CHUNK)) {
        for (const p of await listItems(part)) {
          // Text a spreadsheet would run as a formula is escaped; numbers stay numbers (csv-cells.ts).
          yield spreadsheetSafeRecord({
            sku: p.sku,
            name: p.name,
            type: p.type,
            status: p.status,
            visibility: p.visibility,
            price: p.price ?? '',
            websites: p.websites.join(','),
            salable_qty: p.salableQty,
          });
        }
      }
    }
    // pipeline, not pipe: a database error half-way destroys the response instead of leaving it hanging.
    return pipeline(Readable.from(records()), stringify({ header: true, columns: [...CSV_COLUMNS] }), () => undefined);
  }

  async detail(id: number, stockId?: number): Promise<ProductDetail> {
    const row = await productRowById(this.db, id);
    if (!row) throw notFound('Product', id);
    const stocks = await listStocks(this.db);
    if (stockId !== undefined && !stocks.some((s) => s.id === stockId))
      throw invalid([{ field: 'querystring.stock', message: `stock ${stockId} does not exist` }]);
    const stock = stockId ?? (await defaultStockId(this.db));
    const [websites, categories, attributes, stockSettings, sourceItems, superAttributes, children, parents] = await Promise.all([
      websiteCodesOf(this.db, [id]),
      categoryPathsOf(this.db, id),
      productAttributeValues(this.db, id, row.attributeSetId),
      stockSettingsOf(this.db, id),
      sourceItemsOf(this.db, row.sku),
      superAttributesOf(this.db, id),
      childrenOf(this.db, id),
      parentsOf(this.db, id),
    ]);
    const salable = [];
    for (const s of stocks) {
      const own = (await salableQty(this.db, { skus: [row.sku], stockId: s.id })).get(row.sku);
      salable.push({
        stockId: s.id,
        stockName: s.name,
        websites: s.websites,
        salableQty: own?.salableQty ?? 0,
        isSalable: own?.isSalable ?? false,
      });
    }
    const skus = [row.sku, ...children.map((c) => c.sku)];
    const inStock = await salableQty(this.db, { skus, stockId: stock ?? NO_STOCK });
    const childValues = await attributeValuesFor(
      this.db,
      children.map((c) => c.id),
      superAttributes,
    );
    return {
      ...toListItem(row, websites.get(id) ?? [], inStock.get(row.sku)),
      stockId: stock,
      attributeSetCode: row.attributeSetCode,
      specialPriceFrom: row.specialPriceFrom,
      specialPriceTo: row.specialPriceTo,
      weight: row.weight,
      createdAt: row.createdAt,
      categories,
      attributes: attributes.map(({ attributeId: _id, ...a }) => a),
      stockSettings,
      sourceItems,
      salable,
      superAttributes: superAttributes.map((a) => ({ code: a.code, label: a.label })),
      children: children.map((c) => ({
        ...c,
        superAttributeValues: childValues.get(c.id) ?? {},
        salableQty: inStock.get(c.sku)?.salableQty ?? 0,
        isSalable: inStock.get(c.sku)?.isSalable ?? false,
      })),
      parents: parents.map((p) => ({ id: p.id, sku: p.sku, name: p.name, type: p.type })),
    };
  }
}

function toListItem(
  r: ProductRow,
  websites: string[],
  salable: { salableQty: number; isSalable: boolean; manageStock: boolean; backorders: Backorders } | undefined,
): ProductListItem {
  return {
    id: r.id,
    sku: r.sku,
    name: r.name,
    type: r.type,
    status: r.status,
    visibility: r.visibility,
    price: r.price,
    specialPrice: r.specialPrice,
    attributeSet: r.attributeSet,
    websites,
    salableQty: salable?.salableQty ?? 0,
    isSalable: salable?.isSalable ?? false,
    manageStock: salable?.manageStock ?? true,
    backorders: salable?.backorders ?? 'no',
    updatedAt: r.updatedAt,
  };
}
