/**
 * Saved views of the product grid (filters, sort, page size, columns), per admin, kept in this
 * browser's localStorage: a view is a personal shortcut, not shared data.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { normaliseColumns } from './product-columns';
import type { GridQuery } from './product-query';
import { readJson, writeJson } from './storage';

export interface SavedView {
  name: string;
  query: Omit<GridQuery, 'page'>;
  columns: string[];
  savedAt: string;
}

export const useSavedViewsStore = defineStore('savedViews', () => {
  const views = ref<SavedView[]>([]);
  let key: string | null = null;

  function useViewsOf(adminId: number | string): void {
    key = `asc.admin.${adminId}.products.views`;
    const stored = readJson<SavedView[]>(key, []);
    views.value = Array.isArray(stored) ? stored.filter((v) => typeof v?.name === 'string' && v.query) : [];
  }

  function persist(): void {
    if (key) writeJson(key, views.value);
  }

  /** Saving under an existing name replaces that view (names are what the admin picks by). */
  function save(name: string, query: GridQuery, columns: readonly string[]): SavedView {
    const trimmed = name.trim();
    if (!trimmed) throw new Error('A saved view needs a name.');
    const { page: _page, ...rest } = query;
    const view: SavedView = {
      name: trimmed,
      query: { ...rest, filters: { ...rest.filters, attrs: rest.filters.attrs.map((a) => ({ ...a })) } },
      columns: normaliseColumns(columns),
      savedAt: new Date().toISOString(),
    };
    const others = views.value.filter((v) => v.name.toLowerCase() !== trimmed.toLowerCase());
    views.value = [...others, view].sort((a, b) => a.name.localeCompare(b.name));
    persist();
    return view;
  }

  function remove(name: string): void {
    views.value = views.value.filter((v) => v.name !== name);
    persist();
  }

  /** The grid query a view stands for, from page 1. */
  function queryOf(view: SavedView): GridQuery {
    return { ...view.query, filters: { ...view.query.filters, attrs: view.query.filters.attrs.map((a) => ({ ...a })) }, page: 1 };
  }

  return { views, useViewsOf, save, remove, queryOf };
});
