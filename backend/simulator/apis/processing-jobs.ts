/**
 * What Feeds and Reports share: both list a seller's processing jobs (feeds, reports) by type,
 * marketplace, status and creation window, newest first, paged with a nextToken that must come alone
 * and that pins the window so later jobs do not shift pages already handed out.
 */
import { decodePageToken, encodePageToken, parseIsoParam } from '../jobs';
import { DAY_MS } from '../state';
import { invalidInput, isoDate, requireMarketplaces, requireSeller, type ApiContext } from './types';

/**
 * processingStartTime/processingEndTime as Amazon shows them: none while queued, the start once processing
 * began, both when it ended — a job Amazon cancelled after it started (a report without data) keeps both,
 * a job the seller cancelled in the queue has neither. Never an end while IN_PROGRESS.
 */
export function processingTimes(status: string, startAtMs: number, endAtMs: number): Record<string, string> {
  const startedBeforeEnd = status === 'CANCELLED' && endAtMs >= startAtMs;
  const started = status === 'IN_PROGRESS' || status === 'DONE' || status === 'FATAL' || startedBeforeEnd;
  const ended = status === 'DONE' || status === 'FATAL' || startedBeforeEnd;
  return {
    ...(started ? { processingStartTime: isoDate(startAtMs) } : {}),
    ...(ended ? { processingEndTime: isoDate(endAtMs) } : {}),
  };
}

/** Feed and report ids are numeric on Amazon; anything else is a malformed request (400), not an unknown id (404). */
export function requireNumericId(name: string, id: string | undefined): string {
  if (!id || !/^\d{1,20}$/.test(id)) throw invalidInput(`Invalid ${name} '${id ?? ''}'.`, id ?? '');
  return id;
}

export interface ProcessingJob {
  id: string;
  type: string;
  marketplaceIds: string[];
  processingStatus: string;
  createdAtMs: number;
}

export interface JobListing<T> {
  /** The query parameter holding the types: 'feedTypes' or 'reportTypes'. */
  typesParam: string;
  /** Every filter parameter, for the "nextToken must be the only parameter" rule. */
  filters: readonly string[];
  describe(job: T): ProcessingJob;
}

export function listProcessingJobs<T>(
  ctx: ApiContext,
  listing: JobListing<T>,
  jobsOf: (sellerId: string) => T[],
): { page: T[]; nextToken?: string } {
  const seller = requireSeller(ctx);
  let q = ctx.query;
  let offset = 0;
  if (typeof q.nextToken === 'string') {
    if (listing.filters.some((k) => q[k] !== undefined)) throw invalidInput('nextToken must be the only parameter when it is specified.');
    const t = decodePageToken(q.nextToken);
    q = t.filters;
    offset = t.offset;
  } else if (q[listing.typesParam] === undefined) throw invalidInput(`Either '${listing.typesParam}' or 'nextToken' is required.`);
  const now = ctx.sim.clock.nowMs();
  const since = parseIsoParam('createdSince', q.createdSince) ?? now - 90 * DAY_MS;
  const until = parseIsoParam('createdUntil', q.createdUntil) ?? now;
  if (since > until) throw invalidInput("'createdSince' must be before 'createdUntil'.");
  const types = q[listing.typesParam] as string[];
  const markets = q.marketplaceIds as string[] | undefined;
  if (markets) requireMarketplaces(ctx, markets);
  const statuses = q.processingStatuses as string[] | undefined;
  const rows = jobsOf(seller.sellerId)
    .map((job) => ({ job, d: listing.describe(job) }))
    .filter(
      ({ d }) =>
        types.includes(d.type) &&
        (!markets || d.marketplaceIds.some((m) => markets.includes(m))) &&
        (!statuses || statuses.includes(d.processingStatus)) &&
        d.createdAtMs >= since &&
        d.createdAtMs <= until,
    )
    .sort((a, b) => b.d.createdAtMs - a.d.createdAtMs || Number(b.d.id) - Number(a.d.id));
  const pageSize = Number(q.pageSize ?? 10);
  const pinned = { ...q, createdSince: isoDate(since), createdUntil: isoDate(until) };
  const nextToken = offset + pageSize < rows.length ? encodePageToken(pinned, offset + pageSize) : undefined;
  const page = rows.slice(offset, offset + pageSize).map((r) => r.job);
  return nextToken ? { page, nextToken } : { page };
}
