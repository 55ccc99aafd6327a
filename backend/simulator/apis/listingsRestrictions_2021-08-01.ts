/**
 * Listings Restrictions 2021-08-01 `getListingsRestrictions`: may this seller list this ASIN? A catalog item
 * marked `restricted` needs approval (APPROVAL_REQUIRED with Seller Central's "request approval" link, for
 * every condition unless one is asked about); an ASIN not sold in the marketplace is ASIN_NOT_FOUND; anything
 * else has no restrictions. A condition the item lists in `restrictedConditions` is refused for that condition
 * only ("You cannot list the product in this condition.", with the approval link). The same flag makes a listing submission of that ASIN fail (listings-store.ts).
 */
import { ApiError, requireMarketplaces, requireSeller, type ApiHandler } from './types';

export const modelId = 'listingsRestrictions_2021-08-01';

const getListingsRestrictions: ApiHandler = (ctx) => {
  const seller = requireSeller(ctx);
  if (ctx.query.sellerId !== seller.sellerId)
    throw new ApiError(403, 'Unauthorized', 'Access to requested resource is denied.', 'sellerId is not the authorizing seller.');
  const [marketplaceId = ''] = requireMarketplaces(ctx, ctx.query.marketplaceIds);
  const asin = String(ctx.query.asin);
  // The listings services check an ASIN's form themselves and answer BAD_REQUEST, not the gateway's InvalidInput.
  if (!/^[A-Z0-9]{10}$/.test(asin)) throw new ApiError(400, 'BAD_REQUEST', "Invalid 'asin' provided.", asin);
  const condition = ctx.query.conditionType as string | undefined;
  const item = ctx.sim.world.catalog.get(asin);
  const where = { marketplaceId, ...(condition ? { conditionType: condition } : {}) };
  if (!item || !item.marketplaceIds.includes(marketplaceId))
    return {
      status: 200,
      body: {
        restrictions: [
          { ...where, reasons: [{ reasonCode: 'ASIN_NOT_FOUND', message: `ASIN ${asin} is not in the catalog of this marketplace.` }] },
        ],
      },
    };
  const conditionBarred = condition !== undefined && (item.restrictedConditions ?? []).includes(condition);
  if (!item.restricted && !conditionBarred) return { status: 200, body: { restrictions: [] } };
  const domain = ctx.sim.world.marketplaces.get(marketplaceId)?.domainName.replace(/^www\./, '') ?? 'amazon.com';
  return {
    status: 200,
    body: {
      restrictions: [
        {
          ...where,
          reasons: [
            {
              reasonCode: 'APPROVAL_REQUIRED',
              message: item.restricted
                ? `You need approval to list ${item.brand} products in ${item.classificationName}.`
                : 'You cannot list the product in this condition.',
              links: [
                {
                  resource: `https://sellercentral.${domain}/hz/approvalrequest/restrictions/approve?asin=${asin}`,
                  verb: 'GET',
                  title: 'Request Approval via Seller Central.',
                  type: 'text/html',
                },
              ],
            },
          ],
        },
      ],
    },
  };
};

export const handlers: Record<string, ApiHandler> = { getListingsRestrictions };
