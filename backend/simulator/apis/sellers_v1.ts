/** Sellers v1 (model sellers.json): marketplace participations and account of the authorizing seller. */
import type { SellerState } from '../state';
import { requireSeller, type ApiContext, type ApiHandler } from './types';

export const modelId = 'sellers';

/** Authorizations are regional: only marketplaces of this endpoint's region are returned. */
function participations(ctx: ApiContext, seller: SellerState) {
  return seller.scenario.participations.flatMap((p) => {
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
}

const getMarketplaceParticipations: ApiHandler = (ctx) => ({ status: 200, body: { payload: participations(ctx, requireSeller(ctx)) } });

// getAccount names a marketplace by its country ("United States"), participations by its site ("Amazon.com").
const COUNTRY_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/** The account as Seller Central's settings show it; a participation list without the currency and language. */
const getAccount: ApiHandler = (ctx) => {
  const seller = requireSeller(ctx);
  const account = seller.scenario.account ?? { businessType: 'PRIVATE_LIMITED', sellingPlan: 'PROFESSIONAL' };
  const marketplaceParticipationList = participations(ctx, seller).map(({ marketplace, participation, storeName }) => ({
    marketplace: { ...marketplace, name: COUNTRY_NAMES.of(marketplace.countryCode) ?? marketplace.name },
    storeName,
    participation,
  }));
  return {
    status: 200,
    body: {
      payload: {
        businessType: account.businessType,
        marketplaceParticipationList,
        sellingPlan: account.sellingPlan,
        ...(account.business ? { business: account.business } : {}),
        ...(account.primaryContact ? { primaryContact: account.primaryContact } : {}),
      },
    },
  };
};

export const handlers: Record<string, ApiHandler> = { getMarketplaceParticipations, getAccount };
