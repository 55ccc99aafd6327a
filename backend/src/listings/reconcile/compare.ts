/**
 * Pure comparison of our managed listings with Amazon's merchant listings report: which fields drifted,
 * which drift is dangerous enough to push ours at once, and which listing statuses the report corrects.
 * Nothing here touches the database; reconcile.service.ts gathers the inputs and applies the result.
 */
import type { DriftField, ListingStatus } from '../../../../schema/listings';
import type { MerchantListingRow } from '../../spapi/reports';

export interface ManagedListing {
  id: number;
  sellerSku: string;
  status: ListingStatus;
  isParent: boolean;
  /** What we want on Amazon (the sync engine's desired state). */
  desired: { quantity: number | null; price: string | null };
  /**
   * Not comparable yet: a change is pending or in flight, or Amazon acknowledged it after the report was
   * requested (the report may predate it). Such listings are skipped: their difference is not drift yet.
   */
  busy: boolean;
}

export type ReportRow = Pick<MerchantListingRow, 'sellerSku' | 'price' | 'quantity' | 'status' | 'fulfillmentChannel'>;

export interface Finding {
  listingId: number;
  sellerSku: string;
  field: DriftField;
  ours: string | null;
  amazon: string | null;
  /** Amazon offers more than we want (oversell risk): push ours at once. */
  autoPush: boolean;
}

export interface StatusCorrection {
  listingId: number;
  from: 'active' | 'inactive';
  event: 'amazon_buyable' | 'amazon_not_buyable';
  reportStatus: string;
}

export interface Comparison {
  /** Listings actually compared (their open drift that was not found again is closed). */
  compared: number[];
  findings: Finding[];
  statuses: StatusCorrection[];
}

/** Merchant-fulfilled: Amazon prints DEFAULT; FBA rows (AMAZON_NA…) carry no quantity of ours. */
const isMfn = (row: ReportRow) => (row.fulfillmentChannel ?? 'DEFAULT').toUpperCase() === 'DEFAULT';
const cents = (price: string) => Math.round(Number(price) * 100);
const money = (price: string) => (cents(price) / 100).toFixed(2);

export function compareWithReport(listings: readonly ManagedListing[], rows: readonly ReportRow[]): Comparison {
  const bySku = new Map(rows.map((r) => [r.sellerSku, r]));
  const out: Comparison = { compared: [], findings: [], statuses: [] };
  for (const l of listings) {
    if (l.busy) continue;
    out.compared.push(l.id);
    const found = (field: DriftField, ours: string | null, amazon: string | null, autoPush = false) =>
      out.findings.push({ listingId: l.id, sellerSku: l.sellerSku, field, ours, amazon, autoPush });
    const row = bySku.get(l.sellerSku);
    if (!row) {
      found('presence', 'listed', null);
      continue;
    }
    if (!l.isParent) {
      const { quantity, price } = l.desired;
      if (quantity !== null && isMfn(row) && row.quantity !== null && row.quantity !== quantity)
        found('quantity', String(quantity), String(row.quantity), row.quantity > quantity);
      if (price !== null && (row.price === null || cents(row.price) !== cents(price)))
        found('price', money(price), row.price === null ? null : money(row.price));
    }
    if (l.status === 'active' && row.status === 'Inactive')
      out.statuses.push({ listingId: l.id, from: 'active', event: 'amazon_not_buyable', reportStatus: row.status });
    else if (l.status === 'inactive' && row.status === 'Active')
      out.statuses.push({ listingId: l.id, from: 'inactive', event: 'amazon_buyable', reportStatus: row.status });
  }
  return out;
}
