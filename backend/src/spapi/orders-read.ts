/**
 * Readers for what Orders v0 really sends, which is looser than its model: flags as JSON booleans or as the
 * strings "true"/"false" (IsReplacementOrder, IsGift, IsBuyerRequestedCancel), times with or without
 * milliseconds, an upper bound that may be an ISO time, epoch seconds printed as a Java double
 * (`1.569521782042E9`) or absent, quantities and amounts that may come as numbers or strings, optional blocks
 * left out. Callers read through these instead of trusting the declared types.
 */

/** A flag as Amazon sends it. */
export type AmazonFlag = boolean | 'true' | 'false';

/** true only for `true` or "true" (any case); absent, false, "false" and anything else read false. */
export function flag(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.trim().toLowerCase() === 'true');
}

/**
 * A time Amazon sent: ISO 8601 with or without milliseconds and zone offset, or epoch seconds (plain or in
 * exponent form, as the sandbox prints CreatedBefore). null when absent or unreadable — never an Invalid Date.
 */
export function amazonTime(v: unknown): Date | null {
  if (typeof v === 'number') return Number.isFinite(v) ? new Date(v * 1000) : null;
  if (typeof v !== 'string' || v.trim() === '') return null;
  const s = v.trim();
  if (/^\d+(?:\.\d+)?(?:E\d+)?$/i.test(s)) {
    const ms = Number(s) * 1000;
    return Number.isFinite(ms) ? new Date(Math.round(ms)) : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return null;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** A count that may come as a number or a numeric string; 0 for anything else. */
export function count(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) && n > 0 ? Math.trunc(n) : 0;
}

/** An amount as a decimal string (Amazon sends strings; a finite number is turned into one), or null. */
export function decimalText(a: unknown): string | null {
  if (typeof a === 'string' && a.trim() !== '' && Number.isFinite(Number(a))) return a.trim();
  if (typeof a === 'number' && Number.isFinite(a)) return String(a);
  return null;
}

/** A v0 Money's amount (`Amount`) as a decimal string, or null when absent. */
export const amount = (m: { Amount?: unknown } | null | undefined): string | null => decimalText(m?.Amount);

/** An order's facts as the channel uses them, read once from whatever form Amazon sent. */
export interface OrderFacts {
  purchasedAt: Date | null;
  lastUpdatedAt: Date | null;
  canceled: boolean;
  isReplacement: boolean;
  isPrime: boolean;
  isBusiness: boolean;
  /** OrderTotal's amount; Pending orders have none, Canceled ones keep theirs. */
  total: string | null;
}

export function readOrder(o: Record<string, unknown>): OrderFacts {
  return {
    purchasedAt: amazonTime(o.PurchaseDate),
    lastUpdatedAt: amazonTime(o.LastUpdateDate),
    canceled: o.OrderStatus === 'Canceled',
    isReplacement: flag(o.IsReplacementOrder),
    isPrime: flag(o.IsPrime),
    isBusiness: flag(o.IsBusinessOrder),
    total: amount(o.OrderTotal as { Amount?: unknown } | undefined),
  };
}

export interface ItemFacts {
  /** 0 on a Canceled order's items (Amazon zeroes it and keeps the price). */
  quantityOrdered: number;
  quantityShipped: number;
  price: string | null;
  tax: string | null;
  buyerRequestedCancel: boolean;
  cancelReason: string | null;
}

export function readItem(i: Record<string, unknown>): ItemFacts {
  const cancel = i.BuyerRequestedCancel as { IsBuyerRequestedCancel?: unknown; BuyerCancelReason?: unknown } | undefined;
  const reason = typeof cancel?.BuyerCancelReason === 'string' && cancel.BuyerCancelReason !== '' ? cancel.BuyerCancelReason : null;
  return {
    quantityOrdered: count(i.QuantityOrdered),
    quantityShipped: count(i.QuantityShipped),
    price: amount(i.ItemPrice as { Amount?: unknown } | undefined),
    tax: amount(i.ItemTax as { Amount?: unknown } | undefined),
    buyerRequestedCancel: flag(cancel?.IsBuyerRequestedCancel),
    cancelReason: reason,
  };
}
