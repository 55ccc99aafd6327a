/**
 * One order's page: its detail (items, addresses, totals, Amazon facts with the Seller Central link, history)
 * and the one edit made here, a comment added to the status history.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError, invalidProblem, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { SalesOrderCommentBody, SalesOrderDetail, SalesOrderHistoryEntry } from '../api/types';

/** The comment form's words for its fields, so a refusal names them as the form does. */
export const COMMENT_FORM_LABELS = { comment: 'Comment', isCustomerNotified: 'Notify customer' } as const;

export const useSalesOrderStore = defineStore('salesOrder', () => {
  const order = ref<SalesOrderDetail | null>(null);
  const loading = ref(false);
  const problem = ref<Problem | null>(null);
  const commenting = ref(false);
  let sequence = 0;

  async function load(id: number | string): Promise<void> {
    const mine = ++sequence;
    loading.value = true;
    problem.value = null;
    // Never show another order's facts under this order's number while it loads.
    if (order.value && String(order.value.id) !== String(id)) order.value = null;
    try {
      const detail = await useApi().get<SalesOrderDetail>(`/api/sales/orders/${encodeURIComponent(String(id))}`);
      if (mine === sequence) order.value = detail;
    } catch (error) {
      if (mine === sequence) problem.value = describeError(error);
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }

  /** Adds a comment; the new entry goes on top of the history (newest first, as the server lists it). */
  async function addComment(body: SalesOrderCommentBody): Promise<Problem | null> {
    const current = order.value;
    if (!current) return null;
    const comment = body.comment.trim();
    if (!comment) return invalidProblem({ comment: 'Comment is required' });
    commenting.value = true;
    try {
      const entry = await useApi().post<SalesOrderHistoryEntry>(`/api/sales/orders/${current.id}/comments`, { ...body, comment });
      if (order.value?.id === current.id) order.value = { ...order.value, history: [entry, ...order.value.history] };
      return null;
    } catch (error) {
      return describeError(error, COMMENT_FORM_LABELS);
    } finally {
      commenting.value = false;
    }
  }

  return { order, loading, problem, commenting, load, addComment };
});
