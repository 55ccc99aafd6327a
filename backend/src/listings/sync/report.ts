/**
 * Pure: a JSON_LISTINGS_FEED processing report read message by message. A message without ERROR issues
 * was accepted (with its warnings, and the resulting listing's status and issues when the report
 * includes items); errors are a refusal, a retry (Amazon's trouble) or "SKU unknown to Amazon" (a PATCH
 * that must become a full PUT).
 */
import type { FeedProcessingReport } from '../../spapi/index';
import type { ItemResult } from './outcomes';
import { hasErrors, isRetryable } from './policy';
import type { SyncOperation } from './mapping';
import type { SyncIssue } from './types';

/** Amazon's answer to a PATCH of a SKU it does not hold (the simulator uses Amazon's look-alike code). */
export const UNKNOWN_SKU_CODES = new Set(['4000001']);

export interface ReportReader {
  resultFor(item: { messageId: number; sellerSku: string; operation: SyncOperation }, feedId: string | null): ItemResult;
}

const issue = (i: { code: string; message: string; severity: SyncIssue['severity']; attributeNames?: string[] }): SyncIssue => ({
  code: i.code,
  message: i.message,
  severity: i.severity,
  ...(i.attributeNames ? { attributeNames: i.attributeNames } : {}),
});

export function readReport(report: FeedProcessingReport): ReportReader {
  const byMessage = new Map<number, SyncIssue[]>();
  for (const i of report.issues) {
    if (i.messageId === undefined) continue;
    const list = byMessage.get(i.messageId) ?? [];
    list.push(issue({ ...i, ...(i.attributeName ? { attributeNames: [i.attributeName] } : {}) }));
    byMessage.set(i.messageId, list);
  }
  const bySku = new Map<string, { status: string[]; issues: SyncIssue[] }>();
  for (const item of report.items ?? []) {
    const summary = (item.summaries as { status?: string[] }[] | undefined)?.[0];
    const issues = ((item.issues as SyncIssue[] | undefined) ?? []).map(issue);
    bySku.set(String(item.sku), { status: summary?.status ?? [], issues });
  }
  return {
    resultFor(item, feedId) {
      const issues = byMessage.get(item.messageId) ?? [];
      const after = bySku.get(item.sellerSku);
      const answer = { feedId, messageId: item.messageId, issues, ...(after ? { listing: after } : {}) };
      if (!hasErrors(issues))
        return { kind: 'accepted', issues: [...issues, ...(after?.issues ?? [])], amazonStatus: after?.status ?? [], answer };
      if (item.operation === 'patch' && issues.some((i) => UNKNOWN_SKU_CODES.has(i.code)))
        return { kind: 'unknown_on_amazon', issues, answer };
      if (isRetryable(issues)) return { kind: 'retry', issues, reason: 'Amazon could not process the message', answer };
      return { kind: 'rejected', issues, answer };
    },
  };
}
