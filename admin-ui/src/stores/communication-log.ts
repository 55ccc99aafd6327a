/**
 * One store's Communication Log: every call the channel made to Amazon for the store, paged on the server,
 * newest first, filtered by operation, outcome, time range and text (request id or error), and one call opened.
 * The filters live in the URL (pure helpers below), so a reload or a new sign-in lands on the same rows.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { ApiCall, ApiCallOperations, CallOutcome, Page } from '../api/types';

export const OUTCOME_CHOICES: { value: CallOutcome; title: string }[] = [
  { value: 'ok', title: 'Succeeded (2xx)' },
  { value: 'failed', title: 'Failed (any)' },
  { value: 'throttled', title: 'Throttled (429)' },
  { value: 'client_error', title: 'Refused (4xx)' },
  { value: 'server_error', title: 'Amazon error (5xx)' },
  { value: 'no_answer', title: 'No answer (network, timeout)' },
];

/** Relative ranges count back from the moment the page loads; `custom` uses from/to. */
export const RANGES = {
  any: { title: 'Any time', ms: 0 },
  '1h': { title: 'Last hour', ms: 3_600_000 },
  '24h': { title: 'Last 24 hours', ms: 86_400_000 },
  '7d': { title: 'Last 7 days', ms: 7 * 86_400_000 },
  '30d': { title: 'Last 30 days', ms: 30 * 86_400_000 },
  custom: { title: 'Between…', ms: 0 },
} as const;
export type RangeKey = keyof typeof RANGES;
export const RANGE_CHOICES = (Object.keys(RANGES) as RangeKey[]).map((value) => ({ value, title: RANGES[value].title }));

export const PAGE_SIZES = [20, 50, 100, 200];

export interface LogFilters {
  operation: string | null;
  outcome: CallOutcome | null;
  range: RangeKey;
  /** ISO times, with range `custom`. */
  from: string | null;
  to: string | null;
  q: string;
}

export interface LogQuery {
  filters: LogFilters;
  page: number;
  pageSize: number;
}

export const emptyFilters = (): LogFilters => ({ operation: null, outcome: null, range: 'any', from: null, to: null, q: '' });

const isOutcome = (v: unknown): v is CallOutcome => OUTCOME_CHOICES.some((o) => o.value === v);
const isRange = (v: unknown): v is RangeKey => typeof v === 'string' && v in RANGES;
const isoOrNull = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : null);
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const positive = (v: unknown, fallback: number) => {
  const n = Number(first(v));
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** The page's URL query → the grid's query (unknown or broken values fall back to the defaults). */
export function fromRouteQuery(q: Record<string, unknown>): LogQuery {
  const range = isRange(first(q.range)) ? (first(q.range) as RangeKey) : 'any';
  const pageSize = positive(q.pageSize, 50);
  return {
    filters: {
      operation: typeof first(q.operation) === 'string' && first(q.operation) ? String(first(q.operation)) : null,
      outcome: isOutcome(first(q.outcome)) ? (first(q.outcome) as CallOutcome) : null,
      range,
      from: range === 'custom' ? isoOrNull(first(q.from)) : null,
      to: range === 'custom' ? isoOrNull(first(q.to)) : null,
      q: typeof first(q.q) === 'string' ? String(first(q.q)) : '',
    },
    page: positive(q.page, 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 50,
  };
}

/** The grid's query → the page's URL query (defaults left out, so a plain link stays plain). */
export function toRouteQuery(query: LogQuery): Record<string, string> {
  const f = query.filters;
  const out: Record<string, string> = {};
  if (f.operation) out.operation = f.operation;
  if (f.outcome) out.outcome = f.outcome;
  if (f.range !== 'any') out.range = f.range;
  if (f.range === 'custom' && f.from) out.from = f.from;
  if (f.range === 'custom' && f.to) out.to = f.to;
  if (f.q.trim()) out.q = f.q.trim();
  if (query.page !== 1) out.page = String(query.page);
  if (query.pageSize !== 50) out.pageSize = String(query.pageSize);
  return out;
}

/** What the API is asked: a relative range becomes `from` = now − range. */
export function apiQuery(query: LogQuery, now: Date = new Date()): Record<string, string | number | null> {
  const f = query.filters;
  const span = RANGES[f.range].ms;
  return {
    page: query.page,
    pageSize: query.pageSize,
    operation: f.operation,
    outcome: f.outcome,
    from: f.range === 'custom' ? f.from : span ? new Date(now.getTime() - span).toISOString() : null,
    to: f.range === 'custom' ? f.to : null,
    q: f.q.trim() || null,
  };
}

/** How a call ended, in words and a colour: "200 OK", "429 Throttled", "No answer". */
export function outcomeOf(call: Pick<ApiCall, 'status'>): { text: string; color: string } {
  const s = call.status;
  if (s === null) return { text: 'No answer', color: 'error' };
  if (s >= 200 && s < 300) return { text: `${s} OK`, color: 'success' };
  if (s === 429) return { text: '429 Throttled', color: 'warning' };
  if (s >= 500) return { text: `${s} Amazon error`, color: 'error' };
  if (s === 404) return { text: '404 Not found', color: 'warning' };
  if (s >= 400) return { text: `${s} Refused`, color: 'error' };
  return { text: String(s), color: 'grey' };
}

/** "85 ms", "1.2 s". */
export const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`);

/** A call's time to the second (a log is read second by second). */
export function callTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'medium' });
}

/** A row's time, short enough for the grid: "Dec 7, 9:10:05 PM" (the year shows when it is not this year's). */
export function shortTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const sameYear = d.getFullYear() === now.getFullYear();
  return d.toLocaleString('en-US', {
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO → the value of an `<input type="datetime-local">` (the browser's local time, to the minute). */
export function localInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (local time) → ISO, or null when empty or unreadable. */
export function fromLocalInput(value: string | null | undefined): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export const useCommunicationLogStore = defineStore('communicationLog', () => {
  const storeId = ref<number | null>(null);
  const query = ref<LogQuery>({ filters: emptyFilters(), page: 1, pageSize: 50 });
  const items = ref<ApiCall[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const problem = ref<Problem | null>(null);
  const operations = ref<string[]>([]);
  const opened = ref<ApiCall | null>(null);
  const opening = ref(false);
  const openProblem = ref<Problem | null>(null);
  let sequence = 0;

  const base = () => `/api/stores/${storeId.value}/communication-log`;

  /** Shows a store's log with this query: loads the page, and the operations when the store changed. */
  async function show(id: number, next: LogQuery): Promise<void> {
    const storeChanged = storeId.value !== id;
    storeId.value = id;
    query.value = next;
    if (storeChanged) {
      items.value = [];
      total.value = 0;
      operations.value = [];
      void loadOperations();
    }
    await load();
  }

  async function load(): Promise<void> {
    if (storeId.value === null) return;
    const mine = ++sequence;
    loading.value = true;
    problem.value = null;
    try {
      const page = await useApi().get<Page<ApiCall>>(base(), { query: apiQuery(query.value) });
      if (mine !== sequence) return;
      items.value = page.items;
      total.value = page.total;
    } catch (error) {
      if (mine === sequence) problem.value = describeError(error);
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }

  async function loadOperations(): Promise<void> {
    const id = storeId.value;
    try {
      const answer = await useApi().get<ApiCallOperations>(`${base()}/operations`);
      if (id === storeId.value) operations.value = answer.operations;
    } catch {
      // The filter still takes the operation of a row; the grid's own error shows what went wrong.
    }
  }

  async function open(id: number): Promise<void> {
    opening.value = true;
    openProblem.value = null;
    // Show the row at once; the full call (its whole error message) replaces it.
    opened.value = items.value.find((c) => c.id === id) ?? null;
    try {
      opened.value = await useApi().get<ApiCall>(`${base()}/${id}`);
    } catch (error) {
      openProblem.value = describeError(error);
    } finally {
      opening.value = false;
    }
  }

  function close(): void {
    opened.value = null;
    openProblem.value = null;
  }

  return { storeId, query, items, total, loading, problem, operations, opened, opening, openProblem, show, load, open, close };
});
