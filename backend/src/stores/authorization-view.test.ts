import assert from 'node:assert/strict';
import { DAY_MS } from '../jobs/clock';
import { attentionItems, daysLeft, effectiveState, type AuthorizationFacts } from './authorization-view';

const now = new Date('2027-01-01T00:00:00Z');
const inDays = (d: number) => new Date(now.getTime() + d * DAY_MS);
const facts = (over: Partial<AuthorizationFacts> = {}): AuthorizationFacts => ({
  status: 'active',
  authorization: 'connected',
  expiresAt: inDays(365),
  lastError: null,
  ...over,
});

describe('authorization view', () => {
  it('counts whole days left, rounding up, never below zero', () => {
    assert.equal(daysLeft(new Date(now.getTime() + 365 * DAY_MS - 5), now), 365);
    assert.equal(daysLeft(inDays(0.2), now), 1);
    assert.equal(daysLeft(inDays(-3), now), 0);
    assert.equal(daysLeft(null, now), null);
  });

  it('is Connected above 30 days, Expiring soon from 30 days, Expired at the deadline', () => {
    assert.equal(effectiveState(facts({ expiresAt: inDays(30.01) }), now), 'connected');
    assert.equal(effectiveState(facts({ expiresAt: inDays(30) }), now), 'expiring_soon');
    assert.equal(effectiveState(facts({ expiresAt: inDays(0) }), now), 'expired');
    assert.equal(effectiveState(facts({ authorization: 'revoked', expiresAt: inDays(100) }), now), 'revoked');
  });

  it('offers to renew when expiring, with the days left, and to reconnect when revoked', () => {
    const [expiring] = attentionItems(facts({ expiresAt: inDays(25) }), now);
    assert.equal(expiring?.code, 'authorization_expiring');
    assert.equal(expiring?.action, 'renew');
    assert.match(expiring?.message ?? '', /25 days/);
    const [revoked] = attentionItems(facts({ authorization: 'revoked' }), now);
    assert.equal(revoked?.code, 'authorization_revoked');
    assert.match(revoked?.message ?? '', /sync is paused/);
    assert.deepEqual(attentionItems(facts(), now), []);
  });

  it('an inactive store says sync is paused and offers to activate', () => {
    assert.deepEqual(
      attentionItems(facts({ status: 'inactive' }), now).map((i) => [i.code, i.action]),
      [['inactive', 'activate']],
    );
  });
});
