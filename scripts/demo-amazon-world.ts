/**
 * The local Amazon's catalog for the demo catalog: one Amazon item per demo product, carrying the product's
 * identifiers, title and brand, so a listing rule over the demo website reaches Active on the simulator —
 * except a few products picked (by position, deterministically) to show each matching outcome:
 *
 * - multiple: a second ASIN carries the same EAN (an older duplicate page) → Multiple Matches Found;
 * - not found: Amazon's page has no barcode → Unable to Assign (keyword search still finds it);
 * - restricted: Northwind watches need brand approval → Unable to Assign with Amazon's reason;
 * - no identifier: a product with no EAN/UPC/ASIN at all → Unable to Assign (nothing to search with).
 *
 * Configurables are variation families: the parent product holds the Amazon parent's ASIN in its `asin`
 * attribute (parents have no barcode on Amazon either), its variants' EANs are the child ASINs'. Products
 * without EAN or UPC mostly hold their ASIN the same way. Pure: records in, items and outcomes out.
 */

/** The columns of a demo product record this module reads or writes. */
export interface DemoRecord {
  sku: string;
  product_type: string;
  categories: string;
  name: string;
  product_online: string;
  visibility: string;
  additional_attributes: string;
  configurable_variations: string;
}

export interface AmazonIdentifier {
  type: 'EAN' | 'UPC' | 'ISBN';
  value: string;
}

/** An item of fixtures/simulator/catalogs/*.json (the simulator's ScenarioCatalogItem without marketplaceIds). */
export interface AmazonItem {
  asin: string;
  title: string;
  brand: string;
  productType: string;
  classificationId: string;
  classificationName: string;
  identifiers: AmazonIdentifier[];
  parentAsin?: string;
  variationTheme?: string;
  color?: string;
  size?: string;
  restricted?: boolean;
}

export const OUTCOMES = ['multiple', 'notFound', 'restricted', 'noIdentifier'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface DemoWorld {
  items: AmazonItem[];
  /** The enabled products picked for each special outcome; every other enabled product is meant to reach Amazon. */
  outcomes: Record<Outcome, string[]>;
}

/** The brand whose watches this seller may not list without approval (Amazon gates brands per category). */
export const GATED = { brand: 'Northwind', category: 'Gear/Watches' } as const;
export const VARIATION_THEME = 'SIZE_NAME/COLOR_NAME';
/** Of the enabled stand-alone products with an EAN, the k-th with k % PICK_EVERY = … is picked. */
const PICK_EVERY = 30;
const MULTIPLE_AT = 4;
const NOT_FOUND_AT = 19;
/** Of the stand-alone products without EAN or UPC, every fifth (from the third) has no ASIN either. */
const NO_ID_EVERY = 5;
const NO_ID_AT = 2;

const CLOTHING = { id: '7141123011', name: 'Clothing, Shoes & Jewelry' };
const CLASSES: { path: string; productType: string; id: string; name: string }[] = [
  { path: 'Gear/Bags', productType: 'LUGGAGE', id: '9479199011', name: 'Luggage & Travel Gear' },
  { path: 'Gear/Fitness Equipment', productType: 'SPORTING_GOODS', id: '3375251', name: 'Sports & Outdoors' },
  { path: 'Gear/Watches', productType: 'WATCH', id: '377110011', name: 'Watches' },
  { path: 'Electronics/Headphones', productType: 'HEADPHONES', id: '172541', name: 'Headphones' },
  { path: 'Electronics/Chargers', productType: 'CHARGING_ADAPTER', id: '2407761011', name: 'Cell Phone Chargers' },
  { path: 'Home/Kitchen', productType: 'KITCHEN', id: '1055398', name: 'Home & Kitchen' },
  { path: 'Home/Decor', productType: 'HOME', id: '1063278', name: 'Home Décor' },
  { path: 'Books/', productType: 'ABIS_BOOK', id: '283155', name: 'Books' },
  { path: 'Tops/Jackets', productType: 'COAT', ...CLOTHING },
  { path: 'Tops/Hoodies', productType: 'SWEATSHIRT', ...CLOTHING },
  { path: 'Tops/', productType: 'SHIRT', ...CLOTHING },
  { path: 'Bottoms/Shorts', productType: 'SHORTS', ...CLOTHING },
  { path: 'Bottoms/', productType: 'PANTS', ...CLOTHING },
];

function classOf(categories: string) {
  const found = CLASSES.find((c) => categories.includes(c.path));
  if (!found) throw new Error(`no Amazon classification for category ${categories}`);
  return { productType: found.productType, classificationId: found.id, classificationName: found.name };
}

/** additional_attributes `code=value,…` (values may hold commas: a new pair starts at `,code=`). */
export function attributesOf(cell: string): Record<string, string> {
  if (!cell) return {};
  return Object.fromEntries(
    cell.split(/,(?=[a-z_]+=)/).map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

function identifiersOf(a: Record<string, string>): AmazonIdentifier[] {
  const ids: AmazonIdentifier[] = [];
  if (a.isbn) ids.push({ type: 'ISBN', value: a.isbn });
  if (a.ean) ids.push({ type: 'EAN', value: a.ean });
  if (a.upc) ids.push({ type: 'UPC', value: a.upc });
  return ids;
}

const variantSkus = (cell: string) => cell.split('|').flatMap((v) => /(?:^|,)sku=([^,]+)/.exec(v)?.[1] ?? []);
const addAsin = (r: DemoRecord, asin: string) => {
  r.additional_attributes = r.additional_attributes ? `${r.additional_attributes},asin=${asin}` : `asin=${asin}`;
};

/** Gives the records their `asin` attributes (in place) and returns Amazon's catalog for them, in CSV order. */
export function demoAmazonWorld(records: DemoRecord[]): DemoWorld {
  let last = 0;
  const nextAsin = () => `B0DEMO${String(++last).padStart(4, '0')}`;
  // Variants come before their configurable in the CSV: number the parents first, so children can name them.
  const parentAsin = new Map<string, string>();
  const familyOf = new Map<string, string>();
  for (const r of records.filter((x) => x.product_type === 'configurable')) {
    const asin = nextAsin();
    parentAsin.set(r.sku, asin);
    for (const child of variantSkus(r.configurable_variations)) familyOf.set(child, asin);
  }
  const outcomes: Record<Outcome, string[]> = { multiple: [], notFound: [], restricted: [], noIdentifier: [] };
  const items: AmazonItem[] = [];
  let withEan = 0;
  let withoutId = 0;
  for (const r of records) {
    const a = attributesOf(r.additional_attributes);
    const on = r.product_online === '1';
    const base = { title: r.name, brand: a.brand ?? '', ...classOf(r.categories) };
    if (r.product_type === 'configurable') {
      const asin = parentAsin.get(r.sku)!;
      addAsin(r, asin);
      items.push({ asin, ...base, identifiers: [], variationTheme: VARIATION_THEME });
      continue;
    }
    const item: AmazonItem = { asin: nextAsin(), ...base, identifiers: identifiersOf(a) };
    items.push(item);
    const parent = familyOf.get(r.sku);
    if (parent) {
      Object.assign(item, { parentAsin: parent, ...(a.color ? { color: a.color } : {}), ...(a.size ? { size: a.size } : {}) });
      continue;
    }
    if (a.isbn) continue; // books always match by their ISBN-13 (their EAN)
    if (r.categories.includes(GATED.category) && a.brand === GATED.brand) {
      item.restricted = true;
      if (on) outcomes.restricted.push(r.sku);
    } else if (!a.ean && !a.upc) {
      // No barcode: the merchant typed the ASIN into the catalog, except for a few nobody looked up yet.
      if (withoutId++ % NO_ID_EVERY === NO_ID_AT) {
        if (on) outcomes.noIdentifier.push(r.sku);
      } else addAsin(r, item.asin);
    } else if (on && a.ean) {
      const k = withEan++ % PICK_EVERY;
      if (k === MULTIPLE_AT) {
        // An older duplicate page of the same product carries the same EAN.
        items.push({ ...item, asin: nextAsin(), title: `${r.name} (older model)` });
        outcomes.multiple.push(r.sku);
      } else if (k === NOT_FOUND_AT) {
        // Amazon's page has no barcode: the EAN finds nothing, the title still does.
        item.identifiers = [];
        outcomes.notFound.push(r.sku);
      }
    }
  }
  return { items, outcomes };
}

/** The marketplaces of the demo seller A2SIMOUTDOOR01 (US, CA, UK, DE): where the demo items are sold. */
export const DEMO_MARKETPLACES = ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1F83G8C2ARO7P', 'A1PA6795UKMFR9'];

/** The catalog file's text: one item per line, so a reader (and a diff) sees it as a table. */
export function catalogFileText(world: DemoWorld): string {
  const head = {
    description:
      'The local Amazon catalog of the demo catalog (fixtures/demo-catalog): written by scripts/generate-demo-catalog.ts, do not edit by hand.',
    marketplaceIds: DEMO_MARKETPLACES,
  };
  const lines = world.items.map((item) => `    ${JSON.stringify(item)}`);
  return `${JSON.stringify(head, null, 2).slice(0, -2)},\n  "items": [\n${lines.join(',\n')}\n  ]\n}\n`;
}
