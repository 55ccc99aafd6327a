/**
 * The default scenario plus shops the report tests need and the default leaves out: a UK shop of the outdoor
 * seller (one listing buyable, one not: the UK report has no status column) and a Japanese one (Amazon.co.jp,
 * the FE region, a Japanese item name). Shared by the simulator's and the product's report tests.
 */
import { loadScenarioFile, type Scenario } from '../scenario';

export const UK = 'A1F83G8C2ARO7P';
export const JP = 'A1VC38T7YXB528';
export const OUTDOOR_SELLER = 'A2SIMOUTDOOR01';
export const OUTDOOR_FE_REFRESH_TOKEN = `Atzr|sim-seed-${OUTDOOR_SELLER}-fe`;

type Listing = Scenario['sellers'][number]['listings'][number];

function listing(
  sku: string,
  marketplaceId: string,
  asin: string,
  name: string,
  price: number,
  currency: string,
  quantity: number,
): Listing {
  return {
    sku,
    marketplaceId,
    productType: 'BOTTLE',
    createdAt: 'now-3d',
    attributes: {
      condition_type: [{ value: 'new_new', marketplace_id: marketplaceId }],
      merchant_suggested_asin: [{ value: asin, marketplace_id: marketplaceId }],
      item_name: [{ value: name, marketplace_id: marketplaceId }],
      purchasable_offer: [{ marketplace_id: marketplaceId, currency, our_price: [{ schedule: [{ value_with_tax: price }] }] }],
      fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity }],
    },
  } as Listing;
}

export function withUkAndJapaneseShops(): Scenario {
  const s = loadScenarioFile('default');
  const seller = s.sellers.find((x) => x.sellerId === OUTDOOR_SELLER)!;
  seller.participations.push({ marketplaceId: JP, isParticipating: true, hasSuspendedListings: false });
  seller.authorizations.push({ ...seller.authorizations[0]!, region: 'fe', refreshToken: OUTDOOR_FE_REFRESH_TOKEN });
  seller.listings.push(
    listing('UK-STOVE-ON', UK, 'B0SIM00007', 'Camping Stove Adapter – £ saver, Café größe', 12.5, 'GBP', 6),
    listing('UK-STOVE-OFF', UK, 'B0SIM00008', 'Dry Bag 20 L', 9.99, 'GBP', 0),
    listing('JP-HASHI-01', JP, 'B0SIM00016', 'チタン製 携帯箸セット', 2980, 'JPY', 12),
  );
  return s;
}
