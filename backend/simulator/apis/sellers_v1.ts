/** Sellers v1 (model sellers.json): marketplace participations and account of the authorizing seller. */
import { requireSeller, type ApiHandler } from './types';

export const modelId = 'sellers';

const getMarketplaceParticipations: ApiHandler = (ctx) => {
  const seller = requireSeller(ctx);
  // Authorizations are regional: only marketplaces of this endpoint's region are returned.
  const payload = seller.scenario.participations.flatMap((p) => {
    const m = ctx.sim.world.marketplaces.get(p.marketplaceId);
    if (!m || m.region !== ctx.region) return [];
    return [
      {
        marketplace: {
          id: m.id,
          name: m.name,
          countryCode: m.countryCode,
          defaultCurrencyCode: m.defaultCurrencyCode,
          defaultLanguageCode: m.defaultLanguageCode,
          domainName: m.domainName,
        },
        participation: { isParticipating: p.isParticipating, hasSuspendedListings: p.hasSuspendedListings },
        storeName: seller.scenario.storeName,
      },
    ];
  });
  return { status: 200, body: { payload } };
};

export const handlers: Record<string, ApiHandler> = { getMarketplaceParticipations };
