/**
 * What Amazon's listing issues do beyond their message: an issue may carry `enforcements` (the actions Amazon
 * takes on the listing and whether the seller is exempt), and those actions decide which statuses the
 * listing keeps — a search-suppressed listing is no longer DISCOVERABLE, a suppressed or removed one is neither
 * BUYABLE nor DISCOVERABLE. An exemption (EXEMPT, or EXEMPT_UNTIL_EXPIRY_DATE before its date) holds the
 * actions off. Also the issue Amazon raises for an attribute the product type does not define.
 */

/** listings-store.ts's statuses and issues, named here so this file does not import it back. */
type ListingStatus = 'BUYABLE' | 'DISCOVERABLE';
interface ListingIssue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  attributeNames?: string[];
  categories: string[];
  enforcements?: Enforcements;
}

export type EnforcementAction = 'LISTING_SUPPRESSED' | 'ATTRIBUTE_SUPPRESSED' | 'CATALOG_ITEM_REMOVED' | 'SEARCH_SUPPRESSED';

export interface Enforcements {
  actions: { action: EnforcementAction }[];
  exemption: { status: 'EXEMPT' | 'EXEMPT_UNTIL_EXPIRY_DATE' | 'NOT_EXEMPT'; expiryDate?: string };
}

/** Enforcement with no exemption, as Amazon attaches it to the issues a submission raises. */
export const notExempt = (action: EnforcementAction): Enforcements => ({ actions: [{ action }], exemption: { status: 'NOT_EXEMPT' } });

function inForce(e: Enforcements, nowMs: number): boolean {
  const { status, expiryDate } = e.exemption;
  if (status === 'EXEMPT') return false;
  if (status === 'EXEMPT_UNTIL_EXPIRY_DATE') return expiryDate !== undefined && Date.parse(expiryDate) <= nowMs;
  return true;
}

/** The statuses a listing keeps once the enforcements of its issues in force are applied. */
export function enforcedStatus<S extends ListingStatus>(
  status: readonly S[],
  issues: readonly { enforcements?: Enforcements }[],
  nowMs: number,
): S[] {
  const actions = new Set(
    issues.flatMap((i) => (i.enforcements && inForce(i.enforcements, nowMs) ? i.enforcements.actions.map((a) => a.action) : [])),
  );
  if (actions.has('LISTING_SUPPRESSED') || actions.has('CATALOG_ITEM_REMOVED')) return [];
  return actions.has('SEARCH_SUPPRESSED') ? status.filter((s) => s !== 'DISCOVERABLE') : [...status];
}

/** Amazon's issue for attributes the product type does not define: the submission is invalid. */
export const undefinedAttributes = (names: string[]): ListingIssue => ({
  code: '90000900',
  message: 'The attributes are invalid.',
  severity: 'ERROR',
  attributeNames: names,
  categories: ['INVALID_ATTRIBUTE'],
  enforcements: notExempt('ATTRIBUTE_SUPPRESSED'),
});
