import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { provideApi } from '../api/provider';
import { fakeApi } from '../test-support/fake-api';
import { auditApiQuery, emptyAuditFilters, useAuditStore } from './audit';

describe('audit log store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('turns a day range into instants that include the whole last day', () => {
    const q = auditApiQuery({ ...emptyAuditFilters(), user: ' ada ', from: '2026-03-01', to: '2026-03-02' }, 1, 50);
    assert.equal(q.user, 'ada');
    assert.equal(q.from, new Date('2026-03-01T00:00:00').toISOString());
    assert.equal(q.to, new Date('2026-03-02T23:59:59.999').toISOString());
    assert.equal(q.action, undefined);
  });

  it('goes back to page 1 when the filters change', async () => {
    const api = provideApi(fakeApi(() => ({ items: [], total: 0, page: 1, pageSize: 50 })));
    const store = useAuditStore();
    store.page = 3;
    await store.applyFilters({ ...emptyAuditFilters(), action: 'login' });
    assert.deepEqual(api.calls[0]?.query, { page: 1, pageSize: 50, action: 'login' });
  });
});
