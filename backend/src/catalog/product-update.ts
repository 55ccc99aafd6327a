/**
 * PATCH of a product: columns and default-scope attribute values in one transaction, with a change
 * log entry per kind of change (old → new) and one audit record. Everything is checked before
 * anything is written; an unchanged value writes nothing.
 */
import type { Knex } from 'knex';
import type { ProductStatus, Visibility } from '../../../schema/catalog';
import type { AuditActor, AuditLog } from '../audit/index';
import { invalid, notFound, type FieldProblem } from '../platform/errors';
import { fromStored, toStored, type ApiValue, type StoredValue } from './attribute-values';
import type { ChangeInput, ChangeKind, ChangeLog } from './changes';
import { setAttributeValues, storedAttributeValues } from './product-detail.queries';
import { productRowById, touchProduct, updateProductColumns, type ProductColumns, type ProductRow } from './products.queries';
import { listAttributes } from './structure.queries';

export interface ProductPatch {
  name?: string;
  price?: number;
  specialPrice?: number | null;
  specialPriceFrom?: string | null;
  specialPriceTo?: string | null;
  status?: ProductStatus;
  visibility?: Visibility;
  weight?: number | null;
  attributes?: Record<string, unknown>;
}

type Column = keyof ProductColumns;
type Diff = Record<string, { old: unknown; new: unknown }>;

/** Which change-log kind a column change is: consumers (price sync, listing rules) read by kind. */
const KIND_OF: Record<Column, ChangeKind> = {
  name: 'product',
  visibility: 'product',
  weight: 'product',
  price: 'price',
  specialPrice: 'price',
  specialPriceFrom: 'price',
  specialPriceTo: 'price',
  status: 'status',
};

/** The column of each system attribute code, for a helpful message when one is sent under `attributes`. */
const SYSTEM_FIELD: Record<string, string> = {
  name: 'name',
  price: 'price',
  special_price: 'specialPrice',
  status: 'status',
  visibility: 'visibility',
  weight: 'weight',
};

/** DECIMAL(12,4): SQLite would keep more places, so both engines get the value rounded the same way. */
const round4 = (n: number | null | undefined) => (n === null || n === undefined ? n : Math.round(n * 10000) / 10000);

interface AttributeChange {
  attributeId: number;
  code: string;
  stored: StoredValue | null;
  old: ApiValue;
  new: ApiValue;
}

async function checkAttributes(
  trx: Knex,
  productId: number,
  input: Record<string, unknown>,
  problems: FieldProblem[],
): Promise<AttributeChange[]> {
  const codes = Object.keys(input);
  if (!codes.length) return [];
  const defs = new Map((await listAttributes(trx, { codes })).map((a) => [a.code, a]));
  const current = await storedAttributeValues(
    trx,
    productId,
    [...defs.values()].map((d) => d.id),
  );
  const out: AttributeChange[] = [];
  for (const code of codes) {
    const field = `body.attributes.${code}`;
    const def = defs.get(code);
    if (!def) {
      problems.push({ field, message: `unknown attribute "${code}"` });
      continue;
    }
    if (def.isSystem) {
      const hint = SYSTEM_FIELD[code] ? `; set body.${SYSTEM_FIELD[code]} instead` : '';
      problems.push({ field, message: `"${code}" is a system attribute${hint}` });
      continue;
    }
    const checked = toStored(def, input[code]);
    if (!checked.ok) {
      problems.push({ field, message: checked.message });
      continue;
    }
    const row = current.get(def.id);
    const old = row ? fromStored(def.type, row.value, row.longValue) : null;
    const next = checked.stored ? fromStored(def.type, checked.stored.value, checked.stored.longValue) : null;
    if (JSON.stringify(old) !== JSON.stringify(next)) out.push({ attributeId: def.id, code, stored: checked.stored, old, new: next });
  }
  return out;
}

function columnChanges(before: ProductRow, patch: ProductPatch): ProductColumns {
  const next: ProductColumns = {
    name: patch.name,
    price: round4(patch.price),
    specialPrice: round4(patch.specialPrice),
    specialPriceFrom: patch.specialPriceFrom,
    specialPriceTo: patch.specialPriceTo,
    status: patch.status,
    visibility: patch.visibility,
    weight: round4(patch.weight),
  };
  const out: ProductColumns = {};
  for (const key of Object.keys(next) as Column[]) {
    const value = next[key];
    if (value !== undefined && value !== before[key]) Object.assign(out, { [key]: value });
  }
  return out;
}

export async function updateProduct(
  deps: { db: Knex; audit: AuditLog; changes: ChangeLog },
  actor: AuditActor,
  id: number,
  patch: ProductPatch,
): Promise<{ changed: boolean }> {
  return deps.db.transaction(async (trx) => {
    const before = await productRowById(trx, id, true);
    if (!before) throw notFound('Product', id);
    const problems: FieldProblem[] = [];
    const from = patch.specialPriceFrom === undefined ? before.specialPriceFrom : patch.specialPriceFrom;
    const to = patch.specialPriceTo === undefined ? before.specialPriceTo : patch.specialPriceTo;
    if (from && to && from > to) {
      problems.push({
        field: patch.specialPriceTo === undefined ? 'body.specialPriceFrom' : 'body.specialPriceTo',
        message: `the special price period ends (${to}) before it starts (${from})`,
      });
    }
    const attributeChanges = await checkAttributes(trx, id, patch.attributes ?? {}, problems);
    if (problems.length) throw invalid(problems);

    const columns = columnChanges(before, patch);
    const byKind = new Map<ChangeKind, Diff>();
    const note = (kind: ChangeKind, key: string, old: unknown, next: unknown) => {
      byKind.set(kind, { ...(byKind.get(kind) ?? {}), [key]: { old, new: next } });
    };
    for (const [key, value] of Object.entries(columns)) note(KIND_OF[key as Column], key, before[key as Column], value);
    for (const a of attributeChanges) note('attribute', a.code, a.old, a.new);
    if (!byKind.size) return { changed: false };

    if (Object.keys(columns).length) await updateProductColumns(trx, id, columns);
    else await touchProduct(trx, id);
    if (attributeChanges.length) await setAttributeValues(trx, id, attributeChanges);

    const entries: ChangeInput[] = [...byKind].map(([kind, details]) => ({ sku: before.sku, kind, details }));
    await deps.changes.record(trx, entries);
    const all = Object.assign({}, ...byKind.values()) as Diff;
    await deps.audit.record(
      actor,
      { action: 'update', entityType: 'product', entityId: id, details: { sku: before.sku, changes: all } },
      trx,
    );
    return { changed: true };
  });
}
