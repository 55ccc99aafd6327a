/**
 * What Feeds and Reports share: both list a seller's processing jobs (feeds, reports) by type,
 * marketplace, status and creation window, newest first, paged with a nextToken that must come alone
 * and that pins the window so later jobs do not shift pages already handed out.
 */
import { decodePageToken, encodePageToken, parseIsoParam } from '../jobs';
import { DAY_MS } from '../state';
import { invalidInput, isoDate, requireMarketplaces, requireSeller, type ApiContext } from './types';

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
