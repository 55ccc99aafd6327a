/**
 * The one rule an order's totals must keep: grand total = subtotal + shipping + tax − discount, within
 * 0.0001 (DECIMAL(12,4)'s step). The discount is positive and the tax includes the shipping tax, so the
 * shipping tax is not added twice. Pure.
 */

export interface OrderTotals {
  subtotal: number;
  taxAmount: number;
  shippingAmount: number;
  shippingTaxAmount: number;
  discountAmount: number;
  grandTotal: number;
}

export const TOTALS_TOLERANCE = 0.0001;

export const round4 = (n: number) => Math.round(n * 10000) / 10000;

/** The grand total the other amounts add up to. */
export function expectedGrandTotal(t: OrderTotals): number {
  return round4(t.subtotal + t.shippingAmount + t.taxAmount - t.discountAmount);
}

/** null when the totals agree; otherwise what is wrong, in words. */
export function totalsProblem(t: OrderTotals, label = 'grand total'): string | null {
  for (const [name, value] of Object.entries(t)) {
    if (!Number.isFinite(value)) return `${name} must be a finite number`;
    if (name !== 'grandTotal' && value < 0) return `${name} must not be negative`;
  }
  if (t.shippingTaxAmount > t.taxAmount + TOTALS_TOLERANCE)
    return `shipping tax ${t.shippingTaxAmount} is more than the tax ${t.taxAmount} that includes it`;
  const expected = expectedGrandTotal(t);
  // Compared after rounding both to DECIMAL(12,4): binary floats must not turn 0.1 + 0.2 into a mismatch.
  if (Math.abs(round4(t.grandTotal) - expected) > TOTALS_TOLERANCE + 1e-9) {
    return `${label} ${t.grandTotal} is not subtotal ${t.subtotal} + shipping ${t.shippingAmount} + tax ${t.taxAmount} − discount ${t.discountAmount} = ${expected}`;
  }
  return null;
}

/** Base-currency totals from the order's, when the caller gives only a rate (base = order × rate). */
export function toBase(t: OrderTotals, rate: number): OrderTotals {
  const base = {
    subtotal: round4(t.subtotal * rate),
    taxAmount: round4(t.taxAmount * rate),
    shippingAmount: round4(t.shippingAmount * rate),
    shippingTaxAmount: round4(t.shippingTaxAmount * rate),
    discountAmount: round4(t.discountAmount * rate),
    grandTotal: 0,
  };
  // Derived from the converted parts, so rounding each part never breaks the rule for the base totals.
  return { ...base, grandTotal: expectedGrandTotal(base) };
}
