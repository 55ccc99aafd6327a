/**
 * The one rule for a source item's quantity, used by the API (PUT …/source-items/:sourceCode) and by
 * both CSV imports (the source-items file's `quantity`, the product file's `qty`), so a value one
 * path refuses the other cannot store, and both say why in the same words. Pure.
 *
 * Stored as DECIMAL(12,4). A negative quantity is refused: what is owed to orders is a reservation
 * (or the out-of-stock threshold with backorders), never a source holding less than nothing.
 */

export const SOURCE_QUANTITY_MAX = 99_999_999;

export type SourceQuantityCheck = { ok: true; quantity: number } | { ok: false; problem: string };

/** The quantity as stored (4 decimals), or the problem with it — without the field name, which each caller adds. */
export function checkSourceQuantity(value: number): SourceQuantityCheck {
  if (!Number.isFinite(value)) return { ok: false, problem: 'must be a number' };
  // `+ 0` turns a -0 from rounding (-0.00001) into 0.
  const quantity = Math.round(value * 10000) / 10000 + 0;
  if (quantity < 0) return { ok: false, problem: 'must be 0 or more' };
  if (quantity > SOURCE_QUANTITY_MAX) return { ok: false, problem: `must be ${SOURCE_QUANTITY_MAX} or less` };
  return { ok: true, quantity };
}
