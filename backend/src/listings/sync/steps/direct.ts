/**
 * The few-listings path: one putListingsItem / patchListingsItem / deleteListingsItem per listing through
 * the gateway (which waits on its token buckets). Each call is idempotent — it states the whole offer or
 * listing, never an increment — so a call repeated after a crash sets the same state again.
 */
import type { SellerContext, SpApiGateway, ListingsPatchBody, ListingsPutBody, ListingsSubmission } from '../../../spapi/index';
import { AmazonError } from '../../../spapi/index';
import { isRetryable } from '../policy';
import { UNKNOWN_SKU_CODES } from '../report';
import type { ItemResult } from '../outcomes';
import type { SyncIssue } from '../types';
import { issueOf, isUnavailable, stopReasonOf, StopPass } from './amazon-errors';

export type DirectRequest =
  { operation: 'put'; body: ListingsPutBody } | { operation: 'patch'; body: ListingsPatchBody } | { operation: 'delete' };

const issuesOf = (s: ListingsSubmission): SyncIssue[] =>
  (s.issues ?? []).map((i) => ({
    code: i.code,
    message: i.message,
    severity: i.severity,
    ...(i.attributeNames ? { attributeNames: i.attributeNames } : {}),
  }));

function resultOf(req: DirectRequest, s: ListingsSubmission): ItemResult {
  const issues = issuesOf(s);
  const answer = { status: s.status, submissionId: s.submissionId, issues };
  if (s.status === 'ACCEPTED') return { kind: 'accepted', issues, amazonStatus: [], answer };
  if (req.operation === 'patch' && issues.some((i) => UNKNOWN_SKU_CODES.has(i.code))) return { kind: 'unknown_on_amazon', issues, answer };
  if (isRetryable(issues)) return { kind: 'retry', issues, reason: 'Amazon could not process the submission', answer };
  return { kind: 'rejected', issues, answer };
}

/** Sends one listing; returns Amazon's answer as an item result, or throws StopPass when the pass must end. */
export async function sendDirect(spapi: SpApiGateway, ctx: SellerContext, sku: string, req: DirectRequest): Promise<ItemResult> {
  const query = { marketplaceIds: [ctx.marketplaceId ?? ''] };
  try {
    if (req.operation === 'delete') return resultOf(req, await spapi.deleteListingsItem(ctx, sku, query));
    const withIssues = { ...query, includedData: ['issues', 'identifiers'] };
    if (req.operation === 'patch') return resultOf(req, await spapi.patchListingsItem(ctx, sku, req.body, withIssues));
    return resultOf(req, await spapi.putListingsItem(ctx, sku, req.body, withIssues));
  } catch (err) {
    const stop = stopReasonOf(err);
    if (stop) throw new StopPass(stop, err);
    // Deleting what Amazon no longer holds reached the goal.
    if (req.operation === 'delete' && err instanceof AmazonError && err.amazon.status === 404)
      return { kind: 'accepted', issues: [], amazonStatus: [], answer: { status: 404 } };
    if (isUnavailable(err)) return { kind: 'retry', issues: [issueOf(err)], reason: 'Amazon was unavailable' };
    if (err instanceof AmazonError) return { kind: 'rejected', issues: [issueOf(err)] };
    throw err;
  }
}
