/**
 * Catalog Items 2022-04-01: the catalog item a case's answer shows, with every block it shows, seen by a
 * vendor account (Amazon answers vendorDetails to vendors only) that sells in the US.
 */
import type { ScenarioCatalogItem } from '../../scenario';
import type { World } from '../../state';
import { addSeller, CASE_SELLER } from '../seed';
import type { ApiPlans, Planner } from '../types';

const US = 'ATVPDKIKX0DER';

interface ItemAnswer {
  asin: string;
  classifications: { classifications: ScenarioCatalogItem['classifications'] }[];
  dimensions: (ScenarioCatalogItem['dimensions'] & { marketplaceId: string })[];
  identifiers: { identifiers: { identifier: string; identifierType: string }[] }[];
  images: { images: ScenarioCatalogItem['images'] }[];
  productTypes: { productType: string }[];
  salesRanks: (ScenarioCatalogItem['salesRanks'] & { marketplaceId: string })[];
  summaries: (NonNullable<ScenarioCatalogItem['summary']> & {
    brand: string;
    itemName: string;
    color?: string;
    size?: string;
    browseClassification: { displayName: string; classificationId: string };
  })[];
  relationships: { relationships: { parentAsins?: string[]; variationTheme?: { theme: string } }[] }[];
  vendorDetails: Record<string, unknown>[];
}

/** The scenario item an answer describes (its first marketplace's blocks, without the marketplaceId). */
function itemFrom(a: ItemAnswer): ScenarioCatalogItem {
  const strip = <T extends { marketplaceId?: string }>(b: T | undefined) => {
    if (!b) return undefined;
    const { marketplaceId: _m, ...rest } = b;
    return rest;
  };
  const s = a.summaries[0];
  const rel = a.relationships[0]?.relationships[0];
  const { brand = '', itemName = '', color, size, browseClassification, ...summary } = s ?? ({} as Partial<ItemAnswer['summaries'][0]>);
  delete (summary as { marketplaceId?: string }).marketplaceId;
  delete (summary as { itemClassification?: string }).itemClassification;
  return {
    asin: a.asin,
    marketplaceIds: [US],
    title: itemName,
    brand,
    productType: a.productTypes[0]?.productType ?? 'PRODUCT',
    classificationId: browseClassification?.classificationId ?? '',
    classificationName: browseClassification?.displayName ?? '',
    identifiers: (a.identifiers[0]?.identifiers ?? []).map((i) => ({ type: i.identifierType, value: i.identifier })),
    ...(color ? { color } : {}),
    ...(size ? { size } : {}),
    ...(rel?.parentAsins?.[0] ? { parentAsin: rel.parentAsins[0] } : {}),
    ...(rel?.variationTheme ? { variationTheme: rel.variationTheme.theme } : {}),
    classifications: a.classifications[0]?.classifications ?? [],
    dimensions: strip(a.dimensions[0]) ?? {},
    images: a.images[0]?.images ?? [],
    salesRanks: strip(a.salesRanks[0]) ?? {},
    summary,
    vendorDetails: strip(a.vendorDetails[0]) ?? {},
  } as ScenarioCatalogItem;
}

function seedVendorWith(w: World, item: ScenarioCatalogItem): void {
  w.catalog.set(item.asin, item);
  addSeller(w, CASE_SELLER, {
    vendor: true,
    participations: [{ marketplaceId: US, isParticipating: true, hasSuspendedListings: false }],
  });
}

const getItem: Planner = (c) => {
  if (c.status !== 200) return { sellerId: CASE_SELLER, seed: (w) => void addSeller(w, CASE_SELLER, { vendor: true }) };
  const item = itemFrom(c.response as ItemAnswer);
  return { seed: (w) => seedVendorWith(w, item), sellerId: CASE_SELLER };
};

const search: Planner = (c) => {
  if (c.status !== 200) return {};
  const answer = c.response as {
    items: ItemAnswer[];
    refinements: { classifications: { displayName: string; classificationId: string }[] };
  };
  const item = itemFrom(answer.items[0] as ItemAnswer);
  const dept = answer.refinements.classifications[0];
  if (dept) item.department = { displayName: dept.displayName, classificationId: dept.classificationId };
  return { seed: (w) => seedVendorWith(w, item), sellerId: CASE_SELLER };
};

export const catalogPlans: ApiPlans = {
  api: 'Catalog Items 2022-04-01',
  plans: { getCatalogItem: getItem, searchCatalogItems: search },
};
