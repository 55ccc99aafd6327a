/** Tokens 2021-03-01 and Listings Restrictions 2021-08-01: what their few cases imply. */
import type { ScenarioCatalogItem } from '../../scenario';
import type { ApiPlans } from '../types';

const SELLER = 'A2SIMOUTDOOR01';

export const tokensPlans: ApiPlans = {
  api: 'Tokens 2021-03-01',
  plans: {
    // The token is minted by the handler; an order path may be generic (`{orderId}`) or name one order.
    createRestrictedDataToken: (c) => (c.status === 200 ? { generated: ['restrictedDataToken'] } : {}),
  },
};

interface RestrictionAnswer {
  marketplaceId: string;
  conditionType?: string;
  reasons: { links?: { resource: string }[] }[];
}

export const restrictionsPlans: ApiPlans = {
  api: 'Listings Restrictions 2021-08-01',
  plans: {
    getListingsRestrictions: (c) => {
      if (c.status !== 200) return { params: { sellerId: SELLER, marketplaceIds: ['ATVPDKIKX0DER'] } };
      // The case lists no request: the ASIN and condition come from the answer (its approval link names the ASIN).
      const r = (c.response as { restrictions: RestrictionAnswer[] }).restrictions[0];
      const asin = /asin=([A-Z0-9]{10})/.exec(r?.reasons[0]?.links?.[0]?.resource ?? '')?.[1] ?? 'B0000ASIN1';
      const item: ScenarioCatalogItem = {
        asin,
        marketplaceIds: [r?.marketplaceId ?? 'ATVPDKIKX0DER'],
        title: 'Conformance item',
        brand: 'Conformance',
        productType: 'PRODUCT',
        classificationId: '1',
        classificationName: 'Everything Else',
        identifiers: [],
        ...(r?.conditionType ? { restrictedConditions: [r.conditionType] } : {}),
      };
      return {
        seed: (w) => void w.catalog.set(asin, item),
        params: {
          sellerId: SELLER,
          asin,
          marketplaceIds: [item.marketplaceIds[0]],
          ...(r?.conditionType ? { conditionType: r.conditionType } : {}),
        },
      };
    },
  },
};
