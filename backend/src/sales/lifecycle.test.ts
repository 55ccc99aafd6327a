import assert from 'node:assert/strict';
import { ORDER_EVENTS, ORDER_STATES, type OrderEvent, type OrderState } from '../../../schema/sales';
import { allowedEvents, DEFAULT_STATUS, nextState } from './lifecycle';
import { expectedGrandTotal, toBase, totalsProblem } from './totals';

const at = (state: OrderState, holdBeforeState: OrderState | null = null) => ({ state, holdBeforeState });

function walk(events: OrderEvent[]): OrderState {
  let s = at('new');
  for (const e of events) {
    const r = nextState(s, e);
    if (!r.ok) throw new Error(`${e} refused: ${r.reason}`);
    s = { state: r.state, holdBeforeState: r.holdBeforeState };
  }
  return s.state;
}

describe('order lifecycle', () => {
  it('pays, ships and completes; refunds close', () => {
    assert.equal(walk(['pay']), 'processing');
    assert.equal(walk(['pay', 'ship_partial', 'ship']), 'complete');
    assert.equal(walk(['pay', 'ship', 'refund']), 'closed');
  });

  it('holds and returns to the state it came from', () => {
    assert.equal(walk(['hold', 'unhold']), 'new');
    assert.equal(walk(['pay', 'hold', 'unhold']), 'processing');
  });

  it('refuses illegal events with a reason an admin can read', () => {
    const shipped = nextState(at('complete'), 'cancel');
    assert.equal(shipped.ok, false);
    assert.match(!shipped.ok ? shipped.reason : '', /a complete order cannot be canceled \(only new or processing orders can\)/);
    assert.equal(nextState(at('new'), 'ship').ok, false);
    assert.equal(nextState(at('canceled'), 'pay').ok, false);
    assert.match(JSON.stringify(nextState(at('processing'), 'unhold')), /not on hold/);
    for (const end of ['closed', 'canceled'] as const) assert.deepEqual(allowedEvents(at(end)), []);
  });

  it('gives every state a default status and every event a rule', () => {
    for (const s of ORDER_STATES) assert.ok(DEFAULT_STATUS[s]);
    assert.equal(DEFAULT_STATUS.new, 'pending');
    for (const e of ORDER_EVENTS)
      assert.ok(
        ORDER_STATES.some((s) => nextState(at(s), e).ok),
        `${e} is legal somewhere`,
      );
  });
});

describe('order totals', () => {
  const totals = { subtotal: 20, taxAmount: 1.5, shippingAmount: 5, shippingTaxAmount: 0.5, discountAmount: 2, grandTotal: 24.5 };

  it('adds subtotal, shipping and tax (shipping tax included) and takes the discount off', () => {
    assert.equal(expectedGrandTotal(totals), 24.5);
    assert.equal(totalsProblem(totals), null);
    assert.equal(
      totalsProblem({
        ...totals,
        subtotal: 0.1,
        shippingAmount: 0.2,
        taxAmount: 0,
        shippingTaxAmount: 0,
        discountAmount: 0,
        grandTotal: 0.3,
      }),
      null,
    );
  });

  it('tolerates 0.0001 and no more', () => {
    assert.equal(totalsProblem({ ...totals, grandTotal: 24.5001 }), null);
    assert.match(totalsProblem({ ...totals, grandTotal: 24.5002 }) ?? '', /grand total 24.5002 is not .* = 24.5/);
  });

  it('refuses non-finite and negative amounts', () => {
    assert.match(totalsProblem({ ...totals, taxAmount: Number.NaN }) ?? '', /finite/);
    assert.match(totalsProblem({ ...totals, discountAmount: -1, grandTotal: 26.5 }) ?? '', /negative/);
  });

  it('converts to base totals that keep the rule', () => {
    const base = toBase(
      { subtotal: 10.01, taxAmount: 1.01, shippingAmount: 3.33, shippingTaxAmount: 0, discountAmount: 0.07, grandTotal: 14.28 },
      1.0857,
    );
    assert.equal(totalsProblem(base), null);
  });
});
