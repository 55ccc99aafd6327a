import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { provideApi } from '../api/provider';
import type { SyncHealth } from '../api/sync-health-types';
import { fakeApi } from '../test-support/fake-api';
import { formatDuration, stuckWarning, syncHealthFacts, syncHealthLine } from './store-cards';
import { useSyncHealthStore } from './sync-health';

const figures = (over: Partial<SyncHealth> = {}): SyncHealth => ({
  storeId: 1,
  queueDepth: 12,
  oldestPendingAt: '2026-01-01T00:00:00.000Z',
  oldestPendingAgeMs: 40_000,
  inFlightFeeds: 1,
  stuckFeeds: 0,
  stuckPending: 0,
  stuckAfterMs: 30 * 60_000,
  stuckSince: null,
  latencyP50Ms: 1_200,
  latencyP95Ms: 3_240,
  samples: 57,
  ...over,
});

describe('sync health (store cards line, dashboard card, the store)', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('words durations the way people read them', () => {
    assert.deepEqual(
      [null, 850, 3_240, 40_400, 12 * 60_000 + 5_000, 2 * 3_600_000, 125 * 60_000, 3 * 86_400_000 + 4 * 3_600_000].map(formatDuration),
      ['—', '850 ms', '3.2 s', '40 s', '12 min', '2 h', '2 h 5 min', '3 d 4 h'],
    );
  });

  it("writes the card's line, leaving the oldest age out when nothing waits", () => {
    assert.equal(syncHealthLine(figures()), '95% of changes reached Amazon within 3.2 s · 12 changes waiting, the oldest for 40 s');
    assert.equal(
      syncHealthLine(figures({ queueDepth: 0, oldestPendingAgeMs: null, latencyP95Ms: null })),
      'No changes reached Amazon in the last hour · nothing waiting',
    );
    assert.equal(
      syncHealthLine(figures({ queueDepth: 1, latencyP95Ms: 900 })),
      '95% of changes reached Amazon within 900 ms · 1 change waiting, the oldest for 40 s',
    );
  });

  it('warns only when something is stuck, and says what', () => {
    assert.equal(stuckWarning(figures()), null);
    assert.deepEqual(stuckWarning(figures({ stuckPending: 3, stuckFeeds: 1 })), {
      text: 'Sync stuck',
      detail: '3 changes waiting over 30 min, 1 submission with Amazon over 30 min',
    });
  });

  it("lists the dashboard card's figures", () => {
    const facts = Object.fromEntries(syncHealthFacts(figures({ stuckPending: 2 })).map((f) => [f.label, f.value]));
    assert.deepEqual(facts, {
      'Half of the changes reached Amazon within': '1.2 s',
      '95% of the changes reached Amazon within': '3.2 s',
      'Changes measured (last hour)': '57',
      'Changes waiting for Amazon': '12',
      'The oldest has waited': '40 s',
      'Submissions Amazon is processing': '1',
      'Waiting over 30 min': '2',
    });
  });

  it('cards mounting together share one request for every store; the dashboard reads one store', async () => {
    const api = provideApi(
      fakeApi((call) =>
        call.path === '/api/sync-health'
          ? { items: [figures(), figures({ storeId: 2, queueDepth: 0 })] }
          : figures({ storeId: 2, queueDepth: 5 }),
      ),
    );
    const s = useSyncHealthStore();
    await Promise.all([s.loadAll(), s.loadAll(), s.loadAll()]);
    assert.deepEqual([s.byStore[1]?.queueDepth, s.byStore[2]?.queueDepth], [12, 0]);
    await s.loadOne(2);
    assert.equal(s.byStore[2]?.queueDepth, 5);
    assert.deepEqual(
      api.calls.map((c) => c.path),
      ['/api/sync-health', '/api/stores/2/sync-health'],
    );
  });
});
