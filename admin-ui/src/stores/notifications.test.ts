import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { provideApi } from '../api/provider';
import { fakeApi } from '../test-support/fake-api';
import { notificationLink, useNotificationsStore } from './notifications';

const notice = (id: number, readAt: string | null = null) => ({
  id,
  kind: 'authorization_expiring',
  severity: 'warning' as const,
  storeId: 1,
  title: 'Outdoor US: authorization expires in 30 days',
  message: 'Renew it to keep sync running.',
  createdAt: '2026-01-01T00:00:00.000Z',
  readAt,
});

describe('notifications store (the bell)', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads the latest notifications with the unread count, and marking one read lowers the badge once', async () => {
    const api = provideApi(
      fakeApi((call) => (call.method === 'GET' ? { items: [notice(1), notice(2, '2026-01-01T00:00:00.000Z')], unread: 1 } : undefined)),
    );
    const s = useNotificationsStore();
    await s.load();
    assert.equal(s.unread, 1);
    await s.markRead(1);
    await s.markRead(1);
    await s.markRead(2);
    assert.equal(s.unread, 0);
    assert.ok(s.items[0]?.readAt);
    assert.deepEqual(
      api.calls.map((c) => `${c.method} ${c.path}`),
      ['GET /api/notifications', 'POST /api/notifications/1/read'],
    );
  });

  it('marks all read', async () => {
    provideApi(fakeApi((call) => (call.method === 'GET' ? { items: [notice(1), notice(2)], unread: 2 } : { marked: 2 })));
    const s = useNotificationsStore();
    await s.load();
    await s.markAllRead();
    assert.equal(s.unread, 0);
    assert.ok(s.items.every((n) => n.readAt));
  });

  it('links each notice to what it is about: renewals and stuck sync to the store’s dashboard, none without a store', () => {
    assert.deepEqual(notificationLink({ kind: 'authorization_expiring', storeId: 3 }), {
      to: '/amazon/stores/3/dashboard',
      label: 'Open the store to renew',
    });
    assert.equal(notificationLink({ kind: 'authorization_revoked', storeId: 3 })?.to, '/amazon/stores/3/dashboard');
    assert.deepEqual(notificationLink({ kind: 'sync_stuck', storeId: 4 }), {
      to: '/amazon/stores/4/dashboard',
      label: 'See the sync health',
    });
    assert.equal(notificationLink({ kind: 'listing_error', storeId: 4 })?.to, '/amazon/stores/4/listings?tab=errors');
    assert.deepEqual(notificationLink({ kind: 'amazon_new_orders', storeId: 5 }), {
      to: '/sales/orders?storeId=5',
      label: 'See the orders',
    });
    assert.equal(notificationLink({ kind: 'mail_failed', storeId: null }), null);
  });
});
