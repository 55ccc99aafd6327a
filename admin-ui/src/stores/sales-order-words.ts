/**
 * How Sales > Orders words an order: status labels and chip colours (Magento's), the ship-by warning, and
 * address lines. Pure, shared by the grid and the order page.
 */
import type { OrderState, SalesOrderAddress } from '../api/types';

/** Magento's default statuses, one per state; the status filter offers these (a status mapping may add others). */
export const STATUS_OPTIONS = [
  { value: 'pending', title: 'Pending' },
  { value: 'processing', title: 'Processing' },
  { value: 'complete', title: 'Complete' },
  { value: 'closed', title: 'Closed' },
  { value: 'canceled', title: 'Canceled' },
  { value: 'holded', title: 'On Hold' },
];

/** A status's words: a known one as Magento says it, any other (a merchant's mapping) from its code. */
export function statusLabel(status: string): string {
  const known = STATUS_OPTIONS.find((o) => o.value === status);
  if (known) return known.title;
  const words = status.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const STATE_COLORS: Record<OrderState, string> = {
  new: 'info',
  processing: 'primary',
  complete: 'success',
  closed: 'grey-darken-1',
  canceled: 'grey-darken-1',
  holded: 'warning',
};

export const stateColor = (state: OrderState): string => STATE_COLORS[state] ?? 'grey-darken-1';

/** How close an unshipped order is to its ship-by date; within this much it is "due soon". */
export const SHIP_SOON_MS = 24 * 3600_000;

export type ShipByUrgency = 'overdue' | 'soon' | null;

/**
 * Only an order still to ship (new or processing) can be late: a shipped, canceled or closed order's past
 * ship-by date is history, not a warning.
 */
export function shipByUrgency(latestShipDate: string | null | undefined, state: OrderState, now = Date.now()): ShipByUrgency {
  if (!latestShipDate || (state !== 'new' && state !== 'processing')) return null;
  const due = Date.parse(latestShipDate);
  if (Number.isNaN(due)) return null;
  if (due < now) return 'overdue';
  return due - now <= SHIP_SOON_MS ? 'soon' : null;
}

export const URGENCY_TEXT: Record<Exclude<ShipByUrgency, null>, { text: string; color: string }> = {
  overdue: { text: 'Overdue', color: 'error' },
  soon: { text: 'Due soon', color: 'warning' },
};

/** An address as the lines a label shows: name, company, street, "city, region postcode", country, phone. */
export function addressLines(a: SalesOrderAddress): string[] {
  const name = [a.firstname, a.lastname].filter(Boolean).join(' ');
  const place = [[a.city, a.region].filter(Boolean).join(', '), a.postcode].filter(Boolean).join(' ');
  return [name, a.company ?? '', ...a.street, place, a.countryId, a.telephone ? `T: ${a.telephone}` : '', a.email ?? ''].filter(
    (line) => line.trim() !== '',
  );
}

/** Money in the order's currency; an unknown code still shows the amount with the code. */
export function moneyIn(value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined) return '—';
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

/** The grid's narrow date and time ("12/1/26, 9:00 AM"): nine columns must fit a 1440 px screen. */
export function shortDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toLocaleString('en-US', { dateStyle: 'short', timeStyle: 'short' });
}
