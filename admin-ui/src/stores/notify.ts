/** The admin's messages bar: one place that shows "Saved" or what went wrong after an action. */
import { defineStore } from 'pinia';
import { ref } from 'vue';

export interface Notice {
  id: number;
  text: string;
  kind: 'success' | 'error' | 'info';
}

export const useNotifyStore = defineStore('notify', () => {
  const current = ref<Notice | null>(null);
  let next = 1;
  const show = (text: string, kind: Notice['kind'] = 'info') => {
    current.value = { id: next++, text, kind };
  };
  return {
    current,
    success: (text: string) => show(text, 'success'),
    error: (text: string) => show(text, 'error'),
    info: (text: string) => show(text, 'info'),
    dismiss: () => {
      current.value = null;
    },
  };
});
