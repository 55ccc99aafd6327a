import assert from 'node:assert/strict';
import type { Permission, Store } from '../api/types';
import type { StoreListingsOverview } from '../api/listings-overview-types';
import type { SyncHealth } from '../api/sync-health-types';
import { CONNECTED, authorization, store } from '../test-support/store-fixtures';
import { attentionEntries, nextSteps, storeLine, type DashboardFacts } from './dashboard-items';
import { emptyOverview } from './listings-overview';

const health = (over: Partial<SyncHealth> = {}): SyncHealth => ({
  storeId: 1,
  queueDepth: 0,
  oldestPendingAt: null,
  oldestPendingAgeMs: null,
  inFlightFeeds: 0,
  stuckFeeds: 0,
  stuckPending: 0,
  stuckAfterMs: 30 * 60_000,
  stuckSince: null,
  latencyP50Ms: 1_000,
  latencyP95Ms: 2_500,
  samples: 10,
  ...over,
});

const overview = (storeId: number, over: Partial<StoreListingsOverview['statuses']> = {}, ruleSavedAt: string | null = null) => {
  const o = emptyOverview(storeId);
  return { ...o, ruleSavedAt, statuses: { ...o.statuses, ...over } };
};

const ADMIN = () => true;
const MANAGER = (p: Permission) => p !== 'stores.manage';

function facts(stores: Store[], over: Partial<DashboardFacts> & { overviews?: StoreListingsOverview[] } = {}): DashboardFacts {
  const byId = new Map((over.overviews ?? []).map((o) => [o.storeId, o]));
  return { stores, overview: (id) => byId.get(id) ?? emptyOverview(id), health: {}, unread: 0, can: ADMIN, ...over };
}

const active = (over: Partial<Store> = {}) => store({ status: 'active', authorization: CONNECTED, ...over });
const saved = '2026-02-01T00:00:00.000Z';

describe('landing dashboard: next steps', () => {
  it('before any store: prepare the catalog, then add the first store (an administrator) — each a link', () => {
    assert.deepEqual(
      nextSteps(facts([])).map((s) => [s.action, s.link]),
      [
        ['Learning and Preparation', { to: '/amazon/learning' }],
        ['Add store', { to: '/amazon/stores/new' }],
      ],
    );
    const manager = nextSteps(facts([], { can: MANAGER }));
    assert.deepEqual(manager[1]!.link, { to: '/amazon/stores' });
    assert.match(manager[1]!.detail, /An administrator adds/);
  });

  it('a store not connected: Connect (the consent itself) for an administrator, the store for a Catalog Manager', () => {
    const s = store({ id: 4, name: 'Outdoor US' });
    const [step] = nextSteps(facts([s]));
    assert.deepEqual([step!.text, step!.action, step!.link], ['Connect Outdoor US to Seller Central', 'Connect', { connect: 4 }]);
    assert.deepEqual(nextSteps(facts([s], { can: MANAGER }))[0]!.link, { to: '/amazon/stores/4/dashboard' });
  });

  it('connected without a saved rule: create the rule; a rule selecting nothing: edit it; Ready to List: publish', () => {
    const s = active({ id: 2, name: 'Outdoor US' });
    const rule = nextSteps(facts([s]))[0]!;
    assert.deepEqual(
      [rule.text, rule.action, rule.link],
      ['Create a listing rule for Outdoor US', 'Create rule', { to: '/amazon/stores/2/listing-rules' }],
    );
    assert.match(rule.detail, /Main Website/);
    assert.equal(
      nextSteps(facts([s], { overviews: [overview(2, {}, saved)] }))[0]!.text,
      'The listing rule of Outdoor US selects no products',
    );
    const publish = nextSteps(facts([s], { overviews: [overview(2, { ready_to_list: 3, active: 1 }, saved)] }))[0]!;
    assert.deepEqual(
      [publish.text, publish.link],
      ['Publish 3 listings of Outdoor US that are Ready to List', { to: '/amazon/stores/2/listings?tab=ready_to_list' }],
    );
  });

  it('no step for a store that is all set, or whose authorization was lost (the banner has its action); Activate for a deactivated one', () => {
    const done = active({ id: 1 });
    assert.deepEqual(nextSteps(facts([done], { overviews: [overview(1, { active: 5 }, saved)] })), []);
    const lost = active({ id: 3, authorization: { ...CONNECTED, state: 'revoked', syncPaused: true } });
    assert.deepEqual(nextSteps(facts([lost])), []);
    const off = store({ id: 5, name: 'Off', status: 'inactive', authorization: { ...CONNECTED, status: 'inactive' } });
    assert.deepEqual(
      nextSteps(facts([off])).map((s) => [s.text, s.link]),
      [['Activate Off', { to: '/amazon/stores/5/dashboard' }]],
    );
  });
});

describe('landing dashboard: needs attention', () => {
  it('lost and expiring authorizations, stuck sync, listings to fix and unread notifications — worst first, each a link', () => {
    const soon = active({ id: 1, name: 'Soon', authorization: { ...CONNECTED, state: 'expiring_soon', daysLeft: 12 } });
    const gone = active({
      id: 2,
      name: 'Gone',
      authorization: { ...CONNECTED, state: 'revoked', syncPaused: true, syncPauseReason: 'authorization_revoked' },
    });
    const busy = active({ id: 3, name: 'Busy' });
    const entries = attentionEntries(
      facts([soon, gone, busy], {
        health: { 3: health({ storeId: 3, stuckPending: 2, stuckFeeds: 1 }) },
        overviews: [overview(3, { error: 1, unable_to_assign: 2, multiple_matches: 4 }, saved)],
        unread: 3,
      }),
    );
    assert.deepEqual(
      entries.map((e) => [e.severity, e.text, e.link]),
      [
        ['error', 'Gone: the Amazon authorization was revoked in Seller Central; sync is paused.', { to: '/amazon/stores/2/dashboard' }],
        ['error', 'Busy: sync is stuck — 3 changes waiting over 30 min for Amazon.', { to: '/amazon/stores/3/dashboard' }],
        ['error', 'Busy: 1 listing in Error: Amazon refused it.', { to: '/amazon/stores/3/listings?tab=errors' }],
        ['warning', 'Soon: the Amazon authorization expires in 12 days.', { to: '/amazon/stores/1/dashboard' }],
        [
          'warning',
          'Busy: 2 listings Unable to Assign: no Amazon product found or allowed.',
          { to: '/amazon/stores/3/listings?tab=incomplete' },
        ],
        [
          'warning',
          'Busy: 4 listings with Multiple Matches Found: pick the right ASIN.',
          { to: '/amazon/stores/3/listings?tab=incomplete' },
        ],
        ['info', '3 unread notifications.', { open: 'notifications' }],
      ],
    );
  });

  it('nothing for healthy stores; a paused store’s queue is not called stuck; a deactivated store is named', () => {
    assert.deepEqual(attentionEntries(facts([active({ id: 1 })], { health: { 1: health() } })), []);
    const paused = active({
      id: 1,
      authorization: { ...CONNECTED, state: 'expired', syncPaused: true, syncPauseReason: 'authorization_expired' },
    });
    const entries = attentionEntries(facts([paused], { health: { 1: health({ stuckPending: 5 }) } }));
    assert.deepEqual(
      entries.map((e) => e.key),
      ['auth-1'],
    );
    const off = store({ id: 6, name: 'Off', status: 'inactive', authorization: { ...CONNECTED, status: 'inactive', syncPaused: true } });
    assert.match(attentionEntries(facts([off]))[0]!.text, /Off is deactivated/);
  });
});

describe('landing dashboard: a store’s line', () => {
  it('one status, sync health in words, listing figures', () => {
    const line = storeLine(
      active({ id: 1 }),
      overview(1, { active: 4, list_in_progress: 2, ready_to_list: 1, error: 1, missing_condition: 1 }),
      health(),
    );
    assert.equal(line.state.text, 'Active');
    assert.deepEqual(line.health, { text: '95% of changes reached Amazon within 2.5 s · nothing waiting', severity: 'success' });
    assert.deepEqual(
      line.counts.map((c) => [c.label, c.value]),
      [
        ['Active', 4],
        ['On the way', 3],
        ['To fix', 2],
      ],
    );
  });

  it('says why sync is paused, or that it is stuck', () => {
    const setup = storeLine(store({ authorization: authorization() }), emptyOverview(1), undefined);
    assert.deepEqual(setup.health, { text: 'Nothing is sent to Amazon until the store is connected', severity: 'info' });
    const off = storeLine(
      store({ status: 'inactive', authorization: { ...CONNECTED, syncPaused: true, syncPauseReason: 'deactivated' } }),
      emptyOverview(1),
      health(),
    );
    assert.deepEqual(off.health, { text: 'Sync paused: the store was deactivated', severity: 'warning' });
    assert.equal(storeLine(active(), emptyOverview(1), health({ latencyP95Ms: null })).health.severity, 'info', 'nothing measured yet');
    assert.equal(setup.state.text, 'In Setup');
    const stuck = storeLine(active(), emptyOverview(1), health({ stuckPending: 1 }));
    assert.deepEqual(stuck.health, { text: 'Sync stuck: 1 change waiting over 30 min', severity: 'error' });
  });
});
