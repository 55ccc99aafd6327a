/**
 * The order lifecycle as a transition table, Magento's states and default statuses: each event has a
 * guard that says in words why it is refused, and the state it leads to. Pure; the service reads the
 * order, asks `nextState`, writes the result and does what the event implies (reservations, quantities).
 */
import type { OrderEvent, OrderState } from '../../../schema/sales';

export interface OrderLifecycleState {
  state: OrderState;
  /** The state an order on hold came from (unhold returns there). */
  holdBeforeState: OrderState | null;
}

/** Magento's default status of each state. */
export const DEFAULT_STATUS: Record<OrderState, string> = {
  new: 'pending',
  processing: 'processing',
  complete: 'complete',
  closed: 'closed',
  canceled: 'canceled',
  holded: 'holded',
};

interface Rule {
  /** null = allowed; otherwise why not, in words for the admin. */
  guard: (s: OrderLifecycleState) => string | null;
  next: (s: OrderLifecycleState) => OrderState;
}

const only =
  (allowed: readonly OrderState[], verb: string) =>
  (s: OrderLifecycleState): string | null =>
    allowed.includes(s.state) ? null : `a ${s.state} order cannot be ${verb} (only ${allowed.join(' or ')} orders can)`;

export const TRANSITIONS: Record<OrderEvent, Rule> = {
  // Payment captured: a new order starts processing.
  pay: { guard: only(['new'], 'paid'), next: () => 'processing' },
  // Everything shipped; Amazon orders are paid before they ship, so shipping completes them.
  ship: { guard: only(['processing'], 'shipped'), next: () => 'complete' },
  // Some items shipped: still processing.
  ship_partial: { guard: only(['processing'], 'partly shipped'), next: () => 'processing' },
  cancel: { guard: only(['new', 'processing'], 'canceled'), next: () => 'canceled' },
  hold: { guard: only(['new', 'processing'], 'put on hold'), next: () => 'holded' },
  unhold: {
    guard: (s) => (s.state === 'holded' ? null : `a ${s.state} order is not on hold`),
    next: (s) => s.holdBeforeState ?? 'processing',
  },
  // Refunded in full (a credit memo for everything): Magento closes the order.
  refund: { guard: only(['processing', 'complete'], 'refunded'), next: () => 'closed' },
};

export type TransitionResult = { ok: true; state: OrderState; holdBeforeState: OrderState | null } | { ok: false; reason: string };

export function nextState(current: OrderLifecycleState, event: OrderEvent): TransitionResult {
  const rule = TRANSITIONS[event];
  const refused = rule.guard(current);
  if (refused) return { ok: false, reason: refused };
  const state = rule.next(current);
  return { ok: true, state, holdBeforeState: event === 'hold' ? current.state : null };
}

/** The events an order in this state accepts, for the order page's buttons. */
export function allowedEvents(current: OrderLifecycleState): OrderEvent[] {
  return (Object.keys(TRANSITIONS) as OrderEvent[]).filter((e) => TRANSITIONS[e].guard(current) === null);
}
