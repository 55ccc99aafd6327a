/**
 * The bell in the app bar: admin notifications (renewal reminders, revoked stores, stuck sync) with the unread count,
 * where each one leads, and whether the bell's menu is open (the dashboard opens it too).
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { AdminNotification, NotificationList } from '../api/types';

/** Where a notice sends the admin: the part of its store it is about (null: not about a store). */
export function notificationLink(n: Pick<AdminNotification, 'kind' | 'storeId'>): { to: string; label: string } | null {
  if (n.storeId === null) return null;
  const store = `/amazon/stores/${n.storeId}`;
  // Renew / Reconnect and the sync health card are on the store's dashboard; listing problems on its grid.
  if (n.kind === 'amazon_new_orders') return { to: `/sales/orders?storeId=${n.storeId}`, label: 'See the orders' };
  if (n.kind.startsWith('authorization_')) return { to: `${store}/dashboard`, label: 'Open the store to renew' };
  if (n.kind === 'sync_stuck') return { to: `${store}/dashboard`, label: 'See the sync health' };
  if (n.kind.startsWith('listing')) return { to: `${store}/listings?tab=errors`, label: 'See the listings' };
  return { to: `${store}/dashboard`, label: 'Open the store' };
}

export const useNotificationsStore = defineStore('notifications', () => {
  const items = ref<AdminNotification[]>([]);
  const unread = ref(0);
  const loading = ref(false);
  const problem = ref<Problem | null>(null);
  const menuOpen = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    problem.value = null;
    try {
      const list = await useApi().get<NotificationList>('/api/notifications', { query: { limit: 20 } });
      items.value = list.items;
      unread.value = list.unread;
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  async function markRead(id: number): Promise<void> {
    const item = items.value.find((n) => n.id === id);
    if (!item || item.readAt) return;
    try {
      await useApi().post(`/api/notifications/${id}/read`);
      item.readAt = new Date().toISOString();
      unread.value = Math.max(0, unread.value - 1);
    } catch (error) {
      problem.value = describeError(error);
    }
  }

  async function markAllRead(): Promise<void> {
    try {
      await useApi().post('/api/notifications/read-all');
      const now = new Date().toISOString();
      for (const n of items.value) n.readAt ??= now;
      unread.value = 0;
    } catch (error) {
      problem.value = describeError(error);
    }
  }

  return { items, unread, loading, problem, menuOpen, load, markRead, markAllRead };
});
