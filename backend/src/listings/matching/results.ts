/** Writes a batch of matching results in one transaction: status, ASIN, candidates, reason, activity; auto-publish. */
import type { FastifyInstance } from 'fastify';
import type { ListingSettings, ListingStatus } from '../../../../schema/listings';
import { toDbTime } from '../../db/time';
import { pushDesired } from '../desired';
import { transition, type ListingEvent } from '../lifecycle';
import { updateListings, type ListingRow } from '../listings.queries';
import type { StoreContext } from '../store-context';
import { recordActivity } from '../sync/activity.queries';
import type { MatchVerdict } from './matcher';

export interface MatchResult {
  listing: ListingRow;
  verdict: MatchVerdict;
  /** Set when the listing could not even be searched (no identifier). */
  reason: string | null;
  tried: string[];
  answer?: string[];
  missingCondition?: boolean;
  restriction?: string | null;
}

interface Decision {
  event: ListingEvent;
  columns: Record<string, string | number | null>;
  summary: string;
}

function decide(r: MatchResult): Decision {
  const v = r.verdict;
  const tried = r.tried.join(', ');
  switch (v.kind) {
    case 'none':
      return {
        event: 'match_none',
        columns: { status_reason: r.reason ?? `No Amazon product found for ${tried}`, match_candidates: null },
        summary: r.reason ?? `No ASIN found for ${tried}`,
      };
    case 'multiple':
      return {
        event: 'match_multiple',
        columns: {
          status_reason: `${v.candidates.length} Amazon products match ${tried}: pick the right one`,
          match_candidates: JSON.stringify(v.candidates),
        },
        summary: `${v.candidates.length} ASINs match ${tried}: ${v.candidates.map((c) => c.asin).join(', ')}`,
      };
    case 'variation_parent':
      return {
        event: 'match_variation_parent',
        columns: {
          status_reason: `${tried} belongs to the variation family ${v.asin}, not to one item: pick the child ASIN`,
          match_candidates: JSON.stringify(v.candidates),
        },
        summary: `${tried} matched variation parent ${v.asin}`,
      };
    case 'single': {
      const base = { asin: v.asin, amazon_product_type: v.productType, match_candidates: JSON.stringify([v.candidate]) };
      if (r.missingCondition)
        return {
          event: 'condition_missing',
          columns: { ...base, status_reason: 'No condition: map the condition attribute value in the listing settings or set one here' },
          summary: `Matched ${v.asin}; no condition for it`,
        };
      if (r.restriction)
        return {
          event: 'match_restricted',
          columns: { ...base, status_reason: `Amazon restricts this item: ${r.restriction}` },
          summary: `Matched ${v.asin}; Amazon restricts it: ${r.restriction}`,
        };
      return { event: 'match_single', columns: { ...base, status_reason: null }, summary: `Matched ${v.asin} by ${tried}` };
    }
  }
}

export async function writeMatchResults(
  app: FastifyInstance,
  ctx: StoreContext,
  settings: ListingSettings,
  results: readonly MatchResult[],
) {
  await app.db.transaction(async (trx) => {
    const toPublish: ListingRow[] = [];
    const at = new Date();
    const activity = [];
    for (const r of results) {
      // Re-read: an admin may have acted on the listing while Amazon was being asked.
      const current = await trx('listings').where({ id: r.listing.id }).first('status');
      if (!current || current.status !== 'validating_asin') continue;
      const d = decide(r);
      const t = transition('validating_asin', d.event);
      if (!t.ok || t.to === 'removed') continue;
      let status: ListingStatus = t.to;
      const columns: Record<string, string | number | null> = { ...d.columns, status };
      if (status === 'ready_to_list' && settings.listAutomatically) {
        status = 'list_in_progress';
        columns.status = status;
        columns.published_at = toDbTime();
      }
      await updateListings(trx, [r.listing.id], columns);
      activity.push({
        listingId: r.listing.id,
        at,
        source: 'listings' as const,
        kind: `match_${r.verdict.kind}`,
        summary: d.summary,
        sent: { identifiers: r.tried },
        answer: { asins: r.answer ?? [] },
      });
      if (status === 'list_in_progress')
        toPublish.push({
          ...r.listing,
          status,
          asin: (columns.asin as string) ?? r.listing.asin,
          amazonProductType: (columns.amazon_product_type as string | null) ?? null,
          publishedAt: String(columns.published_at),
        });
    }
    await recordActivity(trx, activity);
    await pushDesired(app, trx, ctx, settings, toPublish);
  });
}
