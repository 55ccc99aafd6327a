/** Sellers v1: a seller whose store, participations and account are the ones the case shows. */
import type { ScenarioSeller } from '../../scenario';
import { addSeller, CASE_SELLER } from '../seed';
import type { ApiPlans } from '../types';

interface Participation {
  marketplace: { id: string };
  storeName: string;
  participation: { isParticipating: boolean; hasSuspendedListings: boolean };
}

const participationsOf = (list: Participation[]): ScenarioSeller['participations'] =>
  list.map((p) => ({ marketplaceId: p.marketplace.id, ...p.participation }));

export const sellersPlans: ApiPlans = {
  api: 'Sellers v1',
  plans: {
    getMarketplaceParticipations: (c) => {
      const payload = (c.response as { payload: Participation[] }).payload;
      return {
        sellerId: CASE_SELLER,
        seed: (w) =>
          void addSeller(w, CASE_SELLER, { storeName: payload[0]?.storeName ?? 'Store', participations: participationsOf(payload) }),
      };
    },
    getAccount: (c) => {
      if (c.status === 400)
        // The case lists no parameter (the same request as the 200 case): a parameterless GET is invalid only
        // when it carries something the operation does not take.
        return { sellerId: CASE_SELLER, seed: (w) => void addSeller(w, CASE_SELLER), extraQuery: { marketplaceId: 'ATVPDKIKX0DER' } };
      const payload = (c.response as { payload: { marketplaceParticipationList: Participation[] } & Record<string, unknown> }).payload;
      const { marketplaceParticipationList, ...account } = payload;
      return {
        sellerId: CASE_SELLER,
        seed: (w) =>
          void addSeller(w, CASE_SELLER, {
            storeName: marketplaceParticipationList[0]?.storeName ?? 'Store',
            participations: participationsOf(marketplaceParticipationList),
            account: account as unknown as ScenarioSeller['account'],
          }),
      };
    },
  },
};
