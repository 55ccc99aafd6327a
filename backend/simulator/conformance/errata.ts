/**
 * Upstream errata: fields of a case's answer that contradict the model itself, so that no honest handler can
 * answer them. Each entry leaves exactly one field of one case uncompared (the rest of the case still is), and
 * the runner names the erratum in its output. Only inconsistencies of the upstream case belong here — never a
 * field the handler merely does not imitate.
 */
export interface Erratum {
  /** The API as printed (plans/index.ts). */
  api: string;
  operationId: string;
  /** The case's index among the operation's static cases. */
  index: number;
  /** Dotted path of the answer field left uncompared (`*` for any array index). */
  field: string;
  /** Why the case is wrong, with the public reference. */
  reason: string;
}

const IN_PROGRESS_END =
  'processingEndTime on an IN_PROGRESS report; the model defines it as the time processing completed, and Amazon ' +
  'sends none while IN_PROGRESS (amzn/selling-partner-api-docs#983)';

export const ERRATA: readonly Erratum[] = [
  { api: 'Reports 2021-06-30', operationId: 'getReport', index: 0, field: 'processingEndTime', reason: IN_PROGRESS_END },
  { api: 'Reports 2021-06-30', operationId: 'getReports', index: 0, field: 'reports.*.processingEndTime', reason: IN_PROGRESS_END },
  {
    api: 'Catalog Items 2022-04-01',
    operationId: 'searchCatalogItems',
    index: 0,
    field: 'pagination',
    reason:
      'a nextToken and a previousToken on a search whose numberOfResults is 1 and whose page shows that one item: ' +
      'there is no other page to go to (the model: nextToken "to retrieve the next page", previousToken "the previous page")',
  },
  ...(['getListingsItem', 'searchListingsItems'] as const).map((operationId) => ({
    api: 'Listings Items 2021-08-01',
    operationId,
    index: 0,
    field: operationId === 'getListingsItem' ? 'summaries.*.status' : 'items.*.summaries.*.status',
    reason:
      'the statuses contradict the issues of the same answer: BUYABLE in the US though issues 18155 ' +
      '(LISTING_SUPPRESSED) and 18742 (CATALOG_ITEM_REMOVED) are NOT_EXEMPT there, and no status in Canada with a ' +
      'price, stock and only exempt issues (listings-items-api-v2021-08-01-reference: Enforcements, ItemSummaryByMarketplace.status)',
  })),
  {
    api: 'Listings Items 2021-08-01',
    operationId: 'putListingsItem',
    index: 2,
    field: 'issues.1.categories',
    reason:
      'issue 90000900 for the same fake_attribute is categorized INVALID_ATTRIBUTE (with an ATTRIBUTE_SUPPRESSED ' +
      'enforcement) in patchListingsItem case 2 and uncategorized here; the handler answers it one way',
  },
  {
    api: 'Orders 2026-01-01',
    operationId: 'searchOrders',
    index: 0,
    field: 'orders.0.buyer.buyerEmail',
    reason:
      'a buyer e-mail on an Amazon-fulfilled order, which the same model rules out (Buyer.buyerEmail: "Only available ' +
      'for merchant-fulfilled (FBM) orders"; Access Orders PII for v2026-01-01)',
  },
];

export const errataFor = (api: string, operationId: string, index: number): Erratum[] =>
  ERRATA.filter((e) => e.api === api && e.operationId === operationId && e.index === index);
