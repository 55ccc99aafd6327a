/** The bell in the app bar: admin notifications (renewal reminders, revoked stores) and the unread count. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { AdminNotification, NotificationList } from '../api/types';

export const useNotificationsStore = defineStore('notifications', () => {
  const items = ref<AdminNotification[]>([]);
  const unread = ref(0);
  const loading = ref(false);
  const problem = ref<Problem | null>(null);

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

  return { items, unread, loading, problem, load, markRead, markAllRead };
});
