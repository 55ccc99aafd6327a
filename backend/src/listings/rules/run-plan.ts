/**
 * Splits a rule apply into chunks of products that can each be applied in their own transaction with the
 * same outcome as one apply over everything. The products a store's rule can touch are the website's
 * products and the products its listings point at; a variation family (a configurable, its children, and
 * listings under a parent listing) is never split, because `applyRule` decides a child together with its
 * parent. Chunks follow the family root (a product id) upwards, so a run's position is one number.
 */
import type { Knex } from 'knex';
import { allProductRelations, websiteProductIds } from '../catalog-reads';

export interface RunChunk {
  /** The family root the run's position moves to once this chunk commits. */
  lastRoot: number;
  /** Products handed to `applyRule` (the families' members and their roots). */
  productIds: number[];
  /** How many of them count towards the run's total (the candidates). */
  products: number;
}

export interface RunPlan {
  total: number;
  /** Families by root, roots ascending; each holds its candidate products. */
  families: [root: number, members: number[]][];
}

/** Reads the candidates of a store's rule and groups them by variation family. */
export async function planRun(db: Knex, storeId: number, websiteId: number): Promise<RunPlan> {
  const inWebsite = await websiteProductIds(db, websiteId);
  const listings = (await db('listings as l')
    .leftJoin('listings as pl', 'pl.id', 'l.parent_listing_id')
    .where('l.store_id', storeId)
    .whereNotNull('l.product_id')
    .select('l.product_id', 'pl.product_id as parent_product_id')) as { product_id: number; parent_product_id: number | null }[];
  return groupFamilies(
    [...inWebsite, ...listings.map((l) => Number(l.product_id))],
    await allProductRelations(db),
    listings.filter((l) => l.parent_product_id !== null).map((l) => [Number(l.product_id), Number(l.parent_product_id)]),
  );
}

/**
 * Pure: candidates → families. A listed child stays with its parent listing's product; otherwise a child goes
 * with its (lowest) configurable; anything else is its own family.
 */
export function groupFamilies(
  candidates: readonly number[],
  childToParent: readonly [number, number][],
  listedChildToParent: readonly [number, number][],
): RunPlan {
  const parentOf = new Map<number, number>();
  for (const [child, parent] of childToParent) parentOf.set(child, Math.min(parent, parentOf.get(child) ?? parent));
  for (const [child, parent] of listedChildToParent) parentOf.set(child, parent);
  const families = new Map<number, number[]>();
  for (const id of new Set(candidates)) {
    const root = parentOf.get(id) ?? id;
    const members = families.get(root) ?? [];
    members.push(id);
    families.set(root, members);
  }
  const sorted = [...families.entries()].sort((a, b) => a[0] - b[0]);
  return { total: sorted.reduce((n, [, m]) => n + m.length, 0), families: sorted };
}

/**
 * The chunks left after position `afterRoot`, about `size` products each (a family bigger than that is one
 * chunk). Always at least one: the last chunk also handles listings whose product is gone.
 */
export function chunksAfter(plan: RunPlan, afterRoot: number, size: number): RunChunk[] {
  const out: RunChunk[] = [];
  let current: RunChunk | null = null;
  for (const [root, members] of plan.families) {
    if (root <= afterRoot) continue;
    current ??= { lastRoot: root, productIds: [], products: 0 };
    current.lastRoot = root;
    current.productIds.push(...new Set([root, ...members]));
    current.products += members.length;
    if (current.products >= size) {
      out.push(current);
      current = null;
    }
  }
  if (current) out.push(current);
  if (!out.length) out.push({ lastRoot: afterRoot, productIds: [], products: 0 });
  return out;
}
