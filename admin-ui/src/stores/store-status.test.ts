import assert from 'node:assert/strict';
import { storeState } from './store-status';
import { authorization, CONNECTED, store } from '../test-support/store-fixtures';
import type { AuthorizationState, StoreStatus } from '../api/types';

describe('store status: one chip from the store status and its authorization', () => {
  it('says In Setup before the first connection and Active while connected', () => {
    assert.equal(storeState(store()).text, 'In Setup');
    assert.deepEqual(storeState(store({ status: 'active', authorization: CONNECTED })), {
      key: 'active',
      text: 'Active',
      color: 'success',
      detail: 'Connected; listings, prices and quantities are kept in step. Authorization valid for 365 days.',
    });
  });

  it('never says Active when the authorization expired, was revoked or fails — whatever the store status says', () => {
    const statuses: StoreStatus[] = ['in_setup', 'active', 'inactive'];
    const lost: [AuthorizationState, string][] = [
      ['expired', 'Expired'],
      ['revoked', 'Revoked'],
      ['error', 'Authorization error'],
    ];
    for (const status of statuses)
      for (const [state, text] of lost) {
        const s = storeState(store({ status, authorization: { ...CONNECTED, status, state, syncPaused: true } }));
        assert.equal(s.text, text, `${status} + ${state}`);
        assert.equal(s.color, 'error');
      }
  });

  it('warns of an expiry coming on an active store, and counts the days', () => {
    const soon = storeState(store({ status: 'active', authorization: { ...CONNECTED, state: 'expiring_soon', daysLeft: 25 } }));
    assert.deepEqual([soon.text, soon.color], ['Expiring soon', 'warning']);
    assert.match(soon.detail, /expires in 25 days/);
    assert.match(
      storeState(store({ status: 'active', authorization: { ...CONNECTED, state: 'expiring_soon', daysLeft: 0 } })).detail,
      /today/,
    );
  });

  it('a deactivated store says Inactive, even with an expiry coming; a lost authorization still wins over it', () => {
    assert.equal(storeState(store({ status: 'inactive', authorization: CONNECTED })).text, 'Inactive');
    assert.equal(
      storeState(store({ status: 'inactive', authorization: { ...CONNECTED, state: 'expiring_soon', daysLeft: 3 } })).text,
      'Inactive',
    );
    assert.equal(storeState(store({ status: 'inactive', authorization: { ...CONNECTED, state: 'revoked' } })).text, 'Revoked');
  });

  it('a disconnected store is In Setup again, and an authorization error names Amazon’s reason', () => {
    assert.equal(storeState(store({ status: 'in_setup', authorization: authorization() })).key, 'in_setup');
    assert.match(
      storeState(store({ status: 'active', authorization: { ...CONNECTED, state: 'error', lastError: 'HTTP 403' } })).detail,
      /HTTP 403/,
    );
  });
});
