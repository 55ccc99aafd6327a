/**
 * FBA Inventory v1 getInventorySummaries (Marketplace granularity) from the scenario's FBA stock, which
 * the shopper lowers when it buys AFN offers. Pages hold 50 summaries; like Amazon, a nextToken expires
 * 30 seconds after it was issued (on the simulator clock).
 */
import type { ScenarioFbaInventory } from '../scenario';
import { decodePageToken, encodePageToken, parseIsoParam } from '../jobs';
import { DAY_MS } from '../state';
import { invalidInput, isoDate, requireMarketplaces, requireSeller, type ApiContext, type ApiHandler } from './types';

export const modelId = 'fbaInventory';

const PAGE_SIZE = 50;
const TOKEN_TTL_MS = 30_000;

function summary(ctx: ApiContext, i: ScenarioFbaInventory, details: boolean): Record<string, unknown> {
  const updated = i.updatedAtMs ?? ctx.sim.world.createdAtMs;
  return {
    asin: i.asin,
    fnSku: i.fnSku,
    sellerSku: i.sku,
    condition: 'NewItem',
    ...(details
      ? {
          inventoryDetails: {
            fulfillableQuantity: i.fulfillable,
            inboundWorkingQuantity: 0,
            inboundShippedQuantity: i.inbound,
            inboundReceivingQuantity: 0,
            reservedQuantity: {
              totalReservedQuantity: i.reserved,
              pendingCustomerOrderQuantity: i.reserved,
              pendingTransshipmentQuantity: 0,
              fcProcessingQuantity: 0,
            },
            researchingQuantity: { totalResearchingQuantity: 0, researchingQuantityBreakdown: [] },
            unfulfillableQuantity: {
              totalUnfulfillableQuantity: 0,
              customerDamagedQuantity: 0,
              warehouseDamagedQuantity: 0,
              distributorDamagedQuantity: 0,
              carrierDamagedQuantity: 0,
              defectiveQuantity: 0,
              expiredQuantity: 0,
            },
          },
        }
      : {}),
    lastUpdatedTime: isoDate(updated),
    productName: ctx.sim.world.catalog.get(i.asin)?.title ?? i.sku,
    totalQuantity: i.fulfillable + i.inbound + i.reserved,
  };
}

const getInventorySummaries: ApiHandler = (ctx) => {
  const seller = requireSeller(ctx);
  const now = ctx.sim.clock.nowMs();
  let q: Record<string, unknown> = ctx.query;
  let offset = 0;
  if (typeof ctx.query.nextToken === 'string') {
    const t = decodePageToken(ctx.query.nextToken);
    if (now - Number(t.filters.issuedAt) > TOKEN_TTL_MS) throw invalidInput('The nextToken has expired; start again without it.');
    q = { ...t.filters, details: ctx.query.details };
    offset = t.offset;
  }
  const [marketplaceId = ''] = requireMarketplaces(ctx, q.marketplaceIds);
  if (q.granularityId !== marketplaceId) throw invalidInput(`granularityId must be the marketplace in marketplaceIds (${marketplaceId}).`);
  const start = parseIsoParam('startDateTime', q.startDateTime);
  if (start !== undefined && start < now - 548 * DAY_MS)
    throw invalidInput('startDateTime must be no earlier than 18 months before the time of the request.');
  const skus = (q.sellerSkus as string[] | undefined) ?? (typeof q.sellerSku === 'string' ? [q.sellerSku] : undefined);
  const rows = seller.fbaInventory
    .filter(
      (i) =>
        i.marketplaceId === marketplaceId &&
        (!skus || skus.includes(i.sku)) &&
        (start === undefined || (i.updatedAtMs ?? ctx.sim.world.createdAtMs) >= start),
    )
    .sort((a, b) => a.sku.localeCompare(b.sku));
  const details = ctx.query.details === true;
  const filters = Object.fromEntries(
    ['granularityType', 'granularityId', 'marketplaceIds', 'startDateTime', 'sellerSkus', 'sellerSku']
      .filter((k) => q[k] !== undefined)
      .map((k) => [k, q[k]]),
  );
  const next = offset + PAGE_SIZE < rows.length ? encodePageToken({ ...filters, issuedAt: now }, offset + PAGE_SIZE) : undefined;
  return {
    status: 200,
    body: {
      payload: {
        granularity: { granularityType: 'Marketplace', granularityId: marketplaceId },
        inventorySummaries: rows.slice(offset, offset + PAGE_SIZE).map((i) => summary(ctx, i, details)),
      },
      ...(next ? { pagination: { nextToken: next } } : {}),
    },
  };
};

export const handlers: Record<string, ApiHandler> = { getInventorySummaries };
