/**
 * Creates what a structure plan lists, inside the caller's transaction: attribute sets (each new
 * one starts with the attributes of "Default", as a set made in Magento's admin from Default does),
 * attributes with their options, and new options of existing attributes after their current ones.
 * Inserts ignore a row someone created meanwhile, so running a plan twice creates nothing twice.
 */
import type { Knex } from 'knex';
import { chunk } from '../../db/rows';
import { toDbTime } from '../../db/time';
import { DEFAULT_ATTRIBUTE_SET, STANDARD_ATTRIBUTES } from './lookups';
import type { StructurePlan } from './structure-plan';

async function idsByCode(trx: Knex, table: 'attribute_sets' | 'attributes', codes: string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const part of chunk(codes, 500)) {
    for (const row of await trx(table).whereIn('code', part).select('id', 'code')) ids.set(row.code, Number(row.id));
  }
  return ids;
}

async function createAttributeSets(trx: Knex, plan: StructurePlan): Promise<void> {
  const defaultCode = DEFAULT_ATTRIBUTE_SET.toLowerCase();
  const newSets = plan.attributeSets.filter((s) => s.code !== defaultCode);
  if (!plan.attributeSets.length) return;
  // Default first: the others are made from it.
  await trx('attribute_sets').insert({ code: defaultCode, name: DEFAULT_ATTRIBUTE_SET }).onConflict('code').ignore();
  if (!newSets.length) return;
  const existingIds = await idsByCode(
    trx,
    'attribute_sets',
    newSets.map((s) => s.code),
  );
  const toInsert = newSets.filter((s) => !existingIds.has(s.code));
  if (!toInsert.length) return;
  await trx('attribute_sets').insert(toInsert.map((s) => ({ code: s.code, name: s.name })));
  const ids = await idsByCode(trx, 'attribute_sets', [defaultCode, ...toInsert.map((s) => s.code)]);
  const defaultAttributes = await trx('attribute_set_attributes').where('attribute_set_id', ids.get(defaultCode)!).pluck('attribute_id');
  const links = toInsert.flatMap((s) =>
    defaultAttributes.map((attributeId) => ({ attribute_set_id: ids.get(s.code)!, attribute_id: attributeId })),
  );
  for (const part of chunk(links, 400))
    await trx('attribute_set_attributes').insert(part).onConflict(['attribute_set_id', 'attribute_id']).ignore();
}

async function createAttributes(trx: Knex, plan: StructurePlan): Promise<Map<string, number>> {
  const now = toDbTime();
  const rows = plan.attributes.map((a) => ({
    code: a.code,
    label: a.label.slice(0, 255),
    type: a.type,
    scope: a.scope,
    is_required: false,
    is_system: (!a.superAttribute && STANDARD_ATTRIBUTES[a.code]?.isSystem) ?? false,
    created_at: now,
  }));
  for (const part of chunk(rows, 200)) await trx('attributes').insert(part).onConflict('code').ignore();
  return idsByCode(trx, 'attributes', [...plan.attributes.map((a) => a.code), ...plan.options.map((o) => o.code)]);
}

/** Appends options after the attribute's current ones; one already there (ignoring case) is left alone. */
async function addOptions(trx: Knex, attributeId: number, labels: string[]): Promise<void> {
  const current = await trx('attribute_options').where('attribute_id', attributeId).select('value', 'sort_order');
  const known = new Set(current.map((o) => String(o.value).toLowerCase()));
  let next = current.reduce((max, o) => Math.max(max, Number(o.sort_order) + 1), 0);
  const rows = [];
  for (const label of labels) {
    if (known.has(label.toLowerCase())) continue;
    known.add(label.toLowerCase());
    rows.push({ attribute_id: attributeId, value: label.slice(0, 255), sort_order: next++ });
  }
  for (const part of chunk(rows, 300)) await trx('attribute_options').insert(part).onConflict(['attribute_id', 'value']).ignore();
}

export async function applyStructurePlan(trx: Knex, plan: StructurePlan): Promise<void> {
  await createAttributeSets(trx, plan);
  const ids = await createAttributes(trx, plan);
  for (const a of plan.attributes) if (a.options.length) await addOptions(trx, ids.get(a.code)!, a.options);
  for (const o of plan.options) if (ids.has(o.code)) await addOptions(trx, ids.get(o.code)!, o.values);
}
