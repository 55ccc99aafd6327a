/**
 * Orders 2026-01-01: each case's seller holds the orders its answer shows, read from the answer by the same
 * code that replays recorded orders (order-replay-2026.ts), so the production handlers answer them from state.
 * The answers' Brazilian and Turkish marketplaces join the world for the case. Placeholders become real values:
 * a real page token for the second page, one page of one order where the answer shows a next page.
 * Generated, hence not compared: the answer's upper bound (now − 2 minutes) and the next page's token.
 */
import { encodePageToken } from '../../jobs';
import { orderFrom2026 } from '../../order-replay-2026';
import type { ScenarioMarketplace } from '../../scenario';
import type { OrderState, World } from '../../state';
import { addSeller, CASE_SELLER } from '../seed';
import type { ApiPlans, CasePlan } from '../types';

type Json = Record<string, unknown>;

/** Marketplaces the cases sell in that the default scenario lacks. */
const EXTRA_MARKETPLACES: ScenarioMarketplace[] = [
  {
    id: 'A2Q3Y263D00KWC',
    name: 'Brazil',
    countryCode: 'BR',
    defaultCurrencyCode: 'BRL',
    defaultLanguageCode: 'pt_BR',
    domainName: 'www.amazon.com.br',
    region: 'na',
  },
  {
    id: 'A33AVAJ2PDY3EV',
    name: 'Turkey',
    countryCode: 'TR',
    defaultCurrencyCode: 'TRY',
    defaultLanguageCode: 'tr_TR',
    domainName: 'www.amazon.com.tr',
    region: 'eu',
  },
];
const REGION: Record<string, 'na' | 'eu' | 'fe'> = {
  ATVPDKIKX0DER: 'na',
  A2Q3Y263D00KWC: 'na',
  A1F83G8C2ARO7P: 'eu',
  A33AVAJ2PDY3EV: 'eu',
  A1VC38T7YXB528: 'fe',
};
const MINUTE = 60_000;

/** Another order like `o`, `shiftMs` later (the other order of a two-page search). */
function sibling(o: OrderState, id: string, shiftMs: number): OrderState {
  const twin = structuredClone(o);
  return { ...twin, amazonOrderId: id, purchaseDateMs: o.purchaseDateMs + shiftMs, lastUpdateDateMs: o.lastUpdateDateMs + shiftMs };
}

/** Seeds the case seller selling where the orders were placed; `more` adds orders made from the shown ones. */
function seed(shown: Json[], more: (orders: OrderState[]) => OrderState[] = () => []) {
  return (w: World) => {
    for (const m of EXTRA_MARKETPLACES) if (!w.marketplaces.has(m.id)) w.marketplaces.set(m.id, m);
    const orders = shown.map((o) => orderFrom2026(w, o));
    const markets = [...new Set(orders.map((o) => o.marketplaceId))];
    const seller = addSeller(w, CASE_SELLER, {
      participations: markets.map((marketplaceId) => ({ marketplaceId, isParticipating: true, hasSuspendedListings: false })),
    });
    for (const o of [...orders, ...more(orders)]) seller.orders.set(o.amazonOrderId, o);
  };
}

const marketOf = (o: Json) => String((o.salesChannel as Json).marketplaceId);

const planners: ApiPlans['plans'] = {
  searchOrders: (c) => {
    if (c.status >= 400) return {}; // createdAfter "TEST_CASE_400" is no ISO 8601 time: refused as Amazon does
    const answer = c.response as { orders: Json[]; pagination?: { nextToken?: string } };
    const p = c.request.parameters ?? {};
    const base: CasePlan = { region: REGION[marketOf(answer.orders[0] ?? {})] ?? 'na', generated: ['createdBefore'] };
    if (answer.pagination?.nextToken)
      // A first page of one order: a later order waits on the next page.
      return {
        ...base,
        seed: seed(answer.orders, (o) => (o[0] ? [sibling(o[0], '902-0000000-0000002', MINUTE)] : [])),
        params: { maxResultsPerPage: 1 },
        generated: ['createdBefore', 'pagination.nextToken'],
      };
    if (p.paginationToken) {
      // The second page: the token the first page handed out (page one held an earlier order).
      const filters = {
        createdAfter: p.createdAfter?.value,
        marketplaceIds: p.marketplaceIds?.value,
        includedData: p.includedData?.value,
        maxResultsPerPage: 1,
        createdBefore: '2025-01-01T00:00:00.000Z',
      };
      return {
        ...base,
        seed: seed(answer.orders, (o) => (o[0] ? [sibling(o[0], '902-0000000-0000001', -MINUTE)] : [])),
        params: { paginationToken: encodePageToken(filters, 1) },
      };
    }
    return { ...base, seed: seed(answer.orders) };
  },
  getOrder: (c) => {
    if (c.status >= 400) return {}; // "TEST_CASE_400" is no 3-7-7 order id
    const order = (c.response as { order: Json }).order;
    return { seed: seed([order]), region: REGION[marketOf(order)] ?? 'na' };
  },
};

export const orders2026Plans: ApiPlans = {
  api: 'Orders 2026-01-01',
  // A seeded case is sent with the token of the seller its orders were given to.
  plans: Object.fromEntries(
    Object.entries(planners).map(([id, plan]) => [
      id,
      (c, op, i) => {
        const p = plan(c, op, i);
        return p.seed ? { sellerId: CASE_SELLER, ...p } : p;
      },
    ]),
  ),
};
