/**
 * Listings Items 2021-08-01: listings of the scenario's first seller under the case's SKU, of a catalog item
 * the seed adds, in every marketplace the case's answer shows.
 */
import { listingsPageToken } from '../../apis/listingsItems_2021-08-01';
import type { ListingIssue } from '../../listings-store';
import { PRODUCT_TYPES_VERSION, standardDefinition } from '../../product-types';
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

/** A complete LUGGAGE offer for an ASIN in a marketplace: condition, ASIN, price and quantity. */
const attributesFor = (asin: string, price = 100, m = US, currency = 'USD') => ({
  condition_type: [{ value: 'new_new', marketplace_id: m }],
  merchant_suggested_asin: [{ value: asin, marketplace_id: m }],
  item_name: [{ value: 'Hardside Carry-On Spinner Suitcase Luggage', marketplace_id: m }],
  purchasable_offer: [{ currency, marketplace_id: m, our_price: [{ schedule: [{ value_with_tax: price }] }] }],
  fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 100 }],
});

/** LUGGAGE joins the product-type table (the scenario's catalog has none), so its attributes are checked. */
function seedItem(w: World, asin: string): void {
  w.catalog.set(asin, item(asin));
  w.productTypes.set('LUGGAGE', standardDefinition('LUGGAGE', PRODUCT_TYPES_VERSION));
}

function seedListing(w: World, sku: string, asin: string): void {
  seedItem(w, asin);
  w.listings.seed(SELLER, { sku, marketplaceId: US, productType: 'LUGGAGE', attributes: attributesFor(asin) }, w.clock.nowMs());
}

interface SummaryAnswer {
  marketplaceId: string;
  asin: string;
  createdDate: string;
  lastUpdatedDate: string;
  mainImage: { link: string; height: number; width: number };
}
interface ItemAnswer {
  sku: string;
  summaries: SummaryAnswer[];
  offers: { marketplaceId: string; price: { currencyCode: string; amount: string } }[];
  issues: (ListingIssue & { marketplaceIds: string[] })[];
}

/**
 * One SKU listed in the marketplaces the answer shows, at its dates and prices, of a catalog item with the
 * answer's main image; the issues Amazon raised on its own (image, policy, pricing rules) are seeded on each
 * marketplace they name.
 */
function seedAnswered(w: World, a: ItemAnswer, updatedOffsetMs = 0): void {
  for (const s of a.summaries) {
    const asin = s.asin;
    seedItem(w, asin);
    const cat = w.catalog.get(asin);
    if (cat) {
      cat.marketplaceIds = [...new Set([...cat.marketplaceIds, s.marketplaceId])];
      cat.images = [{ variant: 'MAIN', ...s.mainImage }];
    }
    const price = a.offers.find((o) => o.marketplaceId === s.marketplaceId)?.price;
    const attrs = attributesFor(asin, Number(price?.amount ?? 100), s.marketplaceId, price?.currencyCode ?? 'USD');
    w.listings.seed(
      SELLER,
      { sku: a.sku, marketplaceId: s.marketplaceId, productType: 'LUGGAGE', attributes: attrs },
      Date.parse(s.createdDate),
    );
    const rec = w.listings.get(SELLER, s.marketplaceId, a.sku);
    if (!rec) continue;
    rec.updatedAtMs = Date.parse(s.lastUpdatedDate) + updatedOffsetMs;
    rec.amazonIssues = a.issues
      .filter((i) => i.marketplaceIds.includes(s.marketplaceId))
      .map(({ marketplaceIds: _m, ...issue }) => issue as ListingIssue);
  }
}

const GENERATED_SUBMISSION = ['submissionId'];

/**
 * The 400 cases list only a SKU (`BadSKU`); the rest of the request is not shown. What makes it invalid here
 * is a marketplace id Amazon does not have, as the searchListingsItems 400 case shows.
 */
const badRequest: Planner = () => ({ params: { sellerId: SELLER, marketplaceIds: ['invalid'] } });

const sku = (c: { response?: unknown }) => (c.response as { sku?: string } | undefined)?.sku ?? 'GM-ZDPI-9B4E';

const PREVIEW_ASIN = 'B07N4M94X4';

/**
 * VALIDATION_PREVIEW cases: VALIDATION_VALID submits a complete offer; VALIDATION_INVALID a submission with an
 * attribute LUGGAGE does not define (`fake_attribute`) and, in the put case, without its condition.
 */
function preview(c: { response?: unknown }, kind: 'put' | 'patch') {
  const answer = c.response as { sku: string; status: string };
  const invalid = answer.status === 'INVALID';
  const full = attributesFor(PREVIEW_ASIN);
  const { condition_type: _c, ...withoutCondition } = full;
  const fake = { fake_attribute: [{ value: 'fake', marketplace_id: US }] };
  const base = {
    sellerId: SELLER,
    sku: answer.sku,
    marketplaceIds: [US],
    includedData: ['identifiers', 'issues'],
    mode: 'VALIDATION_PREVIEW',
  };
  if (kind === 'put')
    return {
      seed: (w: World) => seedItem(w, PREVIEW_ASIN),
      params: { ...base, body: { productType: 'LUGGAGE', attributes: invalid ? { ...withoutCondition, ...fake } : full } },
      generated: GENERATED_SUBMISSION,
    };
  return {
    seed: (w: World) => {
      seedItem(w, PREVIEW_ASIN);
      w.listings.seed(SELLER, { sku: answer.sku, marketplaceId: US, productType: 'LUGGAGE', attributes: full }, w.clock.nowMs());
    },
    params: {
      ...base,
      body: {
        productType: 'LUGGAGE',
        patches: invalid
          ? [{ op: 'add', path: '/attributes/fake_attribute', value: fake.fake_attribute }]
          : [{ op: 'replace', path: '/attributes/purchasable_offer', value: attributesFor(PREVIEW_ASIN, 90).purchasable_offer }],
      },
    },
    generated: GENERATED_SUBMISSION,
  };
}

export const listingsPlans: ApiPlans = {
  api: 'Listings Items 2021-08-01',
  plans: {
    getListingsItem: (c, op, i) => {
      if (c.status === 400) return badRequest(c, op, i);
      const a = c.response as ItemAnswer;
      return {
        seed: (w) => seedAnswered(w, a),
        params: {
          sellerId: SELLER,
          sku: a.sku,
          marketplaceIds: a.summaries.map((s) => s.marketplaceId),
          includedData: ['summaries', 'offers', 'fulfillmentAvailability', 'issues'],
        },
      };
    },
    putListingsItem: (c, op, i) => {
      if (c.status === 400) return badRequest(c, op, i);
      if (i !== 0) return preview(c, 'put');
      const asin = 'B071VG5N9D';
      return {
        seed: (w) => seedItem(w, asin),
        params: { sellerId: SELLER, sku: sku(c), marketplaceIds: [US], body: { productType: 'LUGGAGE', attributes: attributesFor(asin) } },
        generated: ['submissionId'],
      };
    },
    patchListingsItem: (c, op, i) => {
      if (c.status === 400) return badRequest(c, op, i);
      if (i !== 0) return preview(c, 'patch');
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
    searchListingsItems: (c) => {
      if (c.status === 400) return { params: { sellerId: SELLER } };
      const a = (c.response as { items: ItemAnswer[] }).items[0] as ItemAnswer;
      const skus = ((c.request.parameters?.identifiers as { value: string[] } | undefined)?.value ?? []).filter((s) => s !== a.sku);
      return {
        // The answer is the second of three pages of one (it has both tokens): the SKU asked for in the middle
        // of the three by last update, newest first.
        seed: (w) => {
          seedAnswered(w, a);
          skus.forEach((sku, k) => seedAnswered(w, { ...a, sku, issues: [] }, k === 0 ? 86_400_000 : -86_400_000));
        },
        params: { sellerId: SELLER, pageToken: listingsPageToken(1) },
        generated: ['pagination.nextToken', 'pagination.previousToken'],
      };
    },
  },
};
