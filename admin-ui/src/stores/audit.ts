/** System > Audit Log: who did what, when; filtered and paged on the server. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Query } from '../api/client';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { AuditEntry, Page } from '../api/types';

export interface AuditFilters {
  user: string;
  action: string;
  entityType: string;
  entityId: string;
  /** Dates as the date inputs give them (YYYY-MM-DD, the admin's local day). */
  from: string;
  to: string;
}

export const emptyAuditFilters = (): AuditFilters => ({ user: '', action: '', entityType: '', entityId: '', from: '', to: '' });

/** A local calendar day → the UTC instants that bound it, so "to 3 May" includes all of 3 May. */
export function auditApiQuery(filters: AuditFilters, page: number, pageSize: number): Query {
  const q: Query = { page, pageSize };
  for (const key of ['user', 'action', 'entityType', 'entityId'] as const) if (filters[key].trim()) q[key] = filters[key].trim();
  if (filters.from) q.from = new Date(`${filters.from}T00:00:00`).toISOString();
  if (filters.to) q.to = new Date(`${filters.to}T23:59:59.999`).toISOString();
  return q;
}

export const useAuditStore = defineStore('audit', () => {
  const filters = ref<AuditFilters>(emptyAuditFilters());
  const page = ref(1);
  const pageSize = ref(50);
  const entries = ref<AuditEntry[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const loaded = ref(false);
  const problem = ref<Problem | null>(null);
  let sequence = 0;

  async function load(): Promise<void> {
    const mine = ++sequence;
    loading.value = true;
    problem.value = null;
    try {
      const result = await useApi().get<Page<AuditEntry>>('/api/audit-log', {
        query: auditApiQuery(filters.value, page.value, pageSize.value),
      });
      if (mine !== sequence) return;
      entries.value = result.items;
      total.value = result.total;
      loaded.value = true;
    } catch (error) {
      if (mine === sequence) problem.value = describeError(error);
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }

  function applyFilters(next: AuditFilters): Promise<void> {
    filters.value = { ...next };
    page.value = 1;
    return load();
  }

  return { filters, page, pageSize, entries, total, loading, loaded, problem, load, applyFilters };
});
