/**
 * When an ORDER_CHANGE notification needs no getOrder: the version already applied holds the change (later than the
 * change (the trigger's TimeOfOrderChange, whole seconds), or the same second with the same status in either spelling);
 * otherwise the order is fetched.
 */
import assert from 'node:assert/strict';
import type { ImportRecord } from './imports.queries';
import { alreadyApplied } from './intake';

const rec = (over: Partial<ImportRecord> = {}): ImportRecord => ({
  id: 1,
  storeId: 1,
  amazonOrderId: '113-0000000-0000001',
  state: 'imported',
  reason: null,
  attempts: 0,
  lastError: null,
  amazonStatus: 'UNSHIPPED',
  amazonUpdatedAt: '2026-12-01T10:00:05.000Z',
  fulfillmentChannel: 'MFN',
  orderId: 7,
  unknownSkus: [],
  reservedStockId: null,
  reservedLines: [],
  reservedAt: null,
  cancelRequestedAt: null,
  updatedAt: '2026-12-01T10:00:06.000Z',
  ...over,
});

describe('amazon-orders intake: a notification already applied', () => {
  it('skips a change older than the applied version (the NewOrder of an order a poll imported paid)', () => {
    assert.equal(alreadyApplied(rec(), { orderStatus: 'Pending', eventTime: '2026-12-01T10:00:00Z' }), true);
  });
  it('skips the same second with the same status, in v0 or 2026 spelling', () => {
    assert.equal(alreadyApplied(rec(), { orderStatus: 'Unshipped', eventTime: '2026-12-01T10:00:05Z' }), true);
    const canceled = rec({ amazonStatus: 'CANCELLED' });
    assert.equal(alreadyApplied(canceled, { orderStatus: 'Canceled', eventTime: '2026-12-01T10:00:05Z' }), true);
  });
  it('fetches a later change, the same second with another status, or without a time or status', () => {
    assert.equal(alreadyApplied(rec(), { orderStatus: 'Canceled', eventTime: '2026-12-01T10:00:06Z' }), false);
    assert.equal(alreadyApplied(rec(), { orderStatus: 'Shipped', eventTime: '2026-12-01T10:00:05Z' }), false);
    assert.equal(alreadyApplied(rec(), { orderStatus: 'Unshipped', eventTime: null }), false);
    assert.equal(alreadyApplied(rec(), { orderStatus: null, eventTime: '2026-12-01T10:00:05Z' }), false);
  });
  it('compares the time of change, not the later publish time, in whole seconds', () => {
    // The poll applied the paid version (no milliseconds); the notification was published a few seconds later.
    const paid = { orderStatus: 'Unshipped', changedAt: '2026-12-01T10:00:05.431Z', eventTime: '2026-12-01T10:00:09.002Z' };
    assert.equal(alreadyApplied(rec(), paid), true);
    assert.equal(alreadyApplied(rec(), { ...paid, changedAt: null }), false);
    assert.equal(alreadyApplied(rec(), { ...paid, changedAt: '2026-12-01T10:00:06.000Z' }), false);
  });
  it('fetches a buyer request of the same second (it keeps the status)', () => {
    const request = { orderStatus: 'Unshipped', changedAt: '2026-12-01T10:00:05Z', changeType: 'BuyerRequestedChange' };
    assert.equal(alreadyApplied(rec(), request), false);
    assert.equal(alreadyApplied(rec(), { ...request, changedAt: '2026-12-01T10:00:04Z' }), true);
  });
  it('fetches when the record needs attention or was skipped', () => {
    for (const state of ['needs_attention', 'skipped'] as const)
      assert.equal(alreadyApplied(rec({ state }), { orderStatus: 'Pending', eventTime: '2026-12-01T09:00:00Z' }), false);
  });
});
