/**
 * Listings Items 2021-08-01: listings of the scenario's first seller under the case's SKU, of a catalog item
 * the seed adds. Cases left without a planner here need more than the handlers imitate (see the README).
 */
import type { ScenarioCatalogItem } from '../../scenario';
import type { World } from '../../state';
import type { ApiPlans, Planner } from '../types';

const SELLER = 'A2SIMOUTDOOR01';
const US = 'ATVPDKIKX0DER';

const item = (asin: string): ScenarioCatalogItem => ({
  asin,
  marketplaceIds: [US],
  title: 'Hardside Carry-On Spinner Suitcase Luggage',
  brand: 'Conformance',
  productType: 'LUGGAGE',
  classificationId: '15743251',
  classificationName: 'Luggage',
  identifiers: [],
});

/** A complete LUGGAGE offer for an ASIN: condition, ASIN, price and quantity. */
const attributesFor = (asin: string, price = 100) => ({
  condition_type: [{ value: 'new_new', marketplace_id: US }],
  merchant_suggested_asin: [{ value: asin, marketplace_id: US }],
  item_name: [{ value: 'Hardside Carry-On Spinner Suitcase Luggage', marketplace_id: US }],
  purchasable_offer: [{ currency: 'USD', marketplace_id: US, our_price: [{ schedule: [{ value_with_tax: price }] }] }],
  fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 100 }],
});

function seedListing(w: World, sku: string, asin: string): void {
  w.catalog.set(asin, item(asin));
  w.listings.seed(SELLER, { sku, marketplaceId: US, productType: 'LUGGAGE', attributes: attributesFor(asin) }, w.clock.nowMs());
}

/**
 * The 400 cases list only a SKU (`BadSKU`); the rest of the request is not shown. What makes it invalid here
 * is a marketplace id Amazon does not have, as the searchListingsItems 400 case shows.
 */
const badRequest: Planner = () => ({ params: { sellerId: SELLER, marketplaceIds: ['invalid'] } });

const sku = (c: { response?: unknown }) => (c.response as { sku?: string } | undefined)?.sku ?? 'GM-ZDPI-9B4E';

export const listingsPlans: ApiPlans = {
  api: 'Listings Items 2021-08-01',
  plans: {
    getListingsItem: (c, op, i) => (c.status === 400 ? badRequest(c, op, i) : {}),
    putListingsItem: (c, op, i) => {
      if (c.status === 400) return badRequest(c, op, i);
      if (i !== 0) return {};
      const asin = 'B071VG5N9D';
      return {
        seed: (w) => void w.catalog.set(asin, item(asin)),
        params: { sellerId: SELLER, sku: sku(c), marketplaceIds: [US], body: { productType: 'LUGGAGE', attributes: attributesFor(asin) } },
        generated: ['submissionId'],
      };
    },
    patchListingsItem: (c, op, i) => {
      if (c.status === 400) return badRequest(c, op, i);
      if (i !== 0) return {};
      const asin = 'B071VG5N9D';
      return {
        seed: (w) => seedListing(w, sku(c), asin),
        params: {
          sellerId: SELLER,
          sku: sku(c),
          marketplaceIds: [US],
          body: {
            productType: 'LUGGAGE',
            patches: [{ op: 'replace', path: '/attributes/purchasable_offer', value: attributesFor(asin, 90).purchasable_offer }],
          },
        },
        generated: ['submissionId'],
      };
    },
    deleteListingsItem: (c, op, i) => {
      if (c.status === 400) return badRequest(c, op, i);
      return {
        seed: (w) => seedListing(w, sku(c), 'B071VG5N9D'),
        params: { sellerId: SELLER, sku: sku(c), marketplaceIds: [US] },
        generated: ['submissionId'],
      };
    },
    searchListingsItems: (c) => (c.status === 400 ? { params: { sellerId: SELLER } } : {}),
  },
};
