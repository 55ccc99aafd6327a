/**
 * Writes the demo catalog in Magento's CSV formats, deterministically (seeded PRNG: the same
 * options give byte-identical files): fixtures/demo-catalog/products.csv and source_items.csv.
 * The bench uses the same generator for its 100,000-product catalog.
 *
 * For the demo it also writes the local Amazon's catalog of those products (demo-amazon-world.ts), and gives
 * the products that Amazon knows only by ASIN their `asin` attribute: fixtures/simulator/catalogs/demo-catalog.json.
 *
 *   npx tsx scripts/generate-demo-catalog.ts            # rewrites fixtures/demo-catalog/*.csv and that catalog
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { catalogFileText, demoAmazonWorld, OUTCOMES } from './demo-amazon-world';

export const PRODUCT_COLUMNS = [
  'sku',
  'store_view_code',
  'attribute_set_code',
  'product_type',
  'categories',
  'product_websites',
  'name',
  'description',
  'short_description',
  'weight',
  'product_online',
  'tax_class_name',
  'visibility',
  'price',
  'special_price',
  'special_price_from_date',
  'special_price_to_date',
  'url_key',
  'country_of_manufacture',
  'additional_attributes',
  'qty',
  'out_of_stock_qty',
  'use_config_min_qty',
  'allow_backorders',
  'use_config_backorders',
  'is_in_stock',
  'manage_stock',
  'use_config_manage_stock',
  'configurable_variations',
  'configurable_variation_labels',
] as const;
export const SOURCE_ITEM_COLUMNS = ['source_code', 'sku', 'status', 'quantity'] as const;

type ProductRecord = Record<(typeof PRODUCT_COLUMNS)[number], string>;

/** Every record starts with all columns in the same order: one object shape, which keeps 100,000 rows fast. */
const blank = (): ProductRecord => Object.fromEntries(PRODUCT_COLUMNS.map((c) => [c, ''])) as ProductRecord;
type SourceItemRecord = Record<(typeof SOURCE_ITEM_COLUMNS)[number], string>;

export interface CatalogOptions {
  seed: number;
  /** Stand-alone simple products (books among them). */
  simples: number;
  configurables: number;
  minVariants: number;
  maxVariants: number;
}

export const DEMO_OPTIONS: CatalogOptions = { seed: 20261124, simples: 200, configurables: 30, minVariants: 3, maxVariants: 6 };

/** mulberry32: tiny, fast, and the same sequence on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const chance = (p: number) => next() < p;
  /** Fisher–Yates on a copy (Array.sort with a random comparator is engine-dependent). */
  const shuffle = <T>(list: readonly T[]): T[] => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return { next, int, pick, chance, shuffle };
}

/** GS1 check digit (EAN-13, UPC-A, ISBN-13). */
function withCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) sum += Number(digits[digits.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return digits + ((10 - (sum % 10)) % 10);
}
const ean = (n: number) => withCheckDigit(`40${String(n).padStart(10, '0')}`);
const upc = (n: number) => withCheckDigit(`0${String(n).padStart(10, '0')}`);
const isbn = (n: number) => withCheckDigit(`978${String(n).padStart(9, '0')}`);

const ROOT = 'Default Category';
const GOODS = [
  { path: 'Gear/Bags', nouns: ['Backpack', 'Duffle Bag', 'Messenger Bag', 'Tote', 'Sling Pack'], weight: [0.4, 1.8], price: [25, 140] },
  {
    path: 'Gear/Fitness Equipment',
    nouns: ['Yoga Mat', 'Kettlebell', 'Foam Roller', 'Jump Rope', 'Resistance Band'],
    weight: [0.2, 12],
    price: [9, 90],
  },
  { path: 'Gear/Watches', nouns: ['Sport Watch', 'Chronograph', 'Dive Watch', 'Field Watch'], weight: [0.1, 0.3], price: [45, 320] },
  { path: 'Electronics/Headphones', nouns: ['Headphones', 'Earbuds', 'Headset'], weight: [0.05, 0.4], price: [19, 299] },
  {
    path: 'Electronics/Chargers',
    nouns: ['USB-C Charger', 'Power Bank', 'Wireless Charger', 'Car Charger'],
    weight: [0.05, 0.5],
    price: [12, 79],
  },
  {
    path: 'Home/Kitchen',
    nouns: ['Chef Knife', 'Cutting Board', 'French Press', 'Cast Iron Skillet', 'Travel Mug'],
    weight: [0.2, 3],
    price: [11, 160],
  },
  {
    path: 'Home/Decor',
    nouns: ['Table Lamp', 'Throw Pillow', 'Wall Clock', 'Candle Set', 'Picture Frame'],
    weight: [0.2, 2.5],
    price: [14, 120],
  },
] as const;
const BOOKS = {
  paths: ['Books/Fiction', 'Books/Cooking', 'Books/Technology'],
  nouns: ['Novel', 'Cookbook', 'Handbook', 'Field Guide', 'Primer'],
};
const APPAREL = [
  { path: 'Men/Tops/Jackets', nouns: ['Rain Jacket', 'Fleece Jacket', 'Softshell'], price: [59, 189] },
  { path: 'Men/Tops/Hoodies & Sweatshirts', nouns: ['Hoodie', 'Crewneck Sweatshirt'], price: [39, 79] },
  { path: 'Men/Tops/Tees', nouns: ['Tee', 'Tank', 'Henley'], price: [15, 39] },
  { path: 'Men/Bottoms/Pants', nouns: ['Joggers', 'Chinos', 'Hiking Pants'], price: [35, 99] },
  { path: 'Women/Tops/Jackets', nouns: ['Rain Jacket', 'Puffer Jacket', 'Windbreaker'], price: [59, 199] },
  { path: 'Women/Tops/Tees', nouns: ['Tee', 'Tank', 'Long-Sleeve Tee'], price: [15, 39] },
  { path: 'Women/Bottoms/Shorts', nouns: ['Running Shorts', 'Bike Shorts'], price: [19, 49] },
  { path: 'Women/Bottoms/Pants', nouns: ['Leggings', 'Yoga Pants', 'Cargo Pants'], price: [35, 99] },
] as const;
const ADJECTIVES = ['Summit', 'Harbor', 'Aero', 'Nordic', 'Urban', 'Trail', 'Coastal', 'Alpine', 'Metro', 'Canyon', 'Polar', 'Ember'];
const BRANDS = [
  { brand: 'Northwind', manufacturer: 'Northwind Traders Ltd.' },
  { brand: 'Contoso', manufacturer: 'Contoso Manufacturing, Inc.' },
  { brand: 'Fabrikam', manufacturer: 'Fabrikam Industries' },
  { brand: 'Tailspin', manufacturer: 'Tailspin Outdoor Co.' },
  { brand: 'Litware', manufacturer: 'Litware Goods GmbH' },
];
const PUBLISHERS = ['Lucerne Publishing', "Margie's Press", 'Wingtip Books'];
const COLORS = ['Black', 'Navy', 'Red', 'Olive', 'Gray', 'White'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];
const COUNTRIES = ['CN', 'VN', 'US', 'DE', 'PT', 'IN'];

const money = (n: number) => n.toFixed(2);
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '');
/** additional_attributes cell: `code=value,…` (values may hold commas: Magento splits before `code=`). */
const pairs = (values: Record<string, string | undefined>) =>
  Object.entries(values)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

const CONFIG_STOCK = {
  use_config_min_qty: '1',
  use_config_backorders: '1',
  use_config_manage_stock: '1',
  manage_stock: '1',
  allow_backorders: '0',
  out_of_stock_qty: '0',
};

export interface GeneratedCatalog {
  products: Generator<ProductRecord>;
  sourceItems: () => Generator<SourceItemRecord>;
}

/** Both files as generators, so the bench streams 100,000 products without holding them. */
export function generateCatalog(options: CatalogOptions): GeneratedCatalog {
  const r = prng(options.seed);
  let codes = 0;
  // Regional stock (us-east / us-west) is decided while the products are made; the second file replays it.
  const regional: { sku: string; east?: [number, boolean]; west?: [number, boolean] }[] = [];
  const stockRegionally = (sku: string) => {
    const soldOut = r.chance(0.06);
    const item = (): [number, boolean] => (soldOut || r.chance(0.05) ? [0, false] : [r.int(1, 120), true]);
    const roll = r.next();
    regional.push({ sku, east: roll < 0.85 ? item() : undefined, west: roll >= 0.6 ? item() : undefined });
  };
  const common = (i: number): ProductRecord => {
    const rec = blank();
    rec.attribute_set_code = 'Default';
    rec.product_websites = 'base';
    rec.product_online = r.chance(0.05) ? '2' : '1';
    rec.tax_class_name = 'Taxable Goods';
    rec.visibility = 'Catalog, Search';
    rec.country_of_manufacture = r.pick(COUNTRIES);
    rec.url_key = `item-${i}`;
    if (r.chance(0.08)) [rec.special_price_from_date, rec.special_price_to_date] = ['2026-11-01', '2026-12-31'];
    // Magento's export writes these "use config" stock columns for every product; a few differ.
    Object.assign(rec, CONFIG_STOCK);
    if (r.chance(0.03)) [rec.manage_stock, rec.use_config_manage_stock] = ['0', '0'];
    else if (r.chance(0.05)) [rec.allow_backorders, rec.use_config_backorders] = [r.chance(0.5) ? '1' : '2', '0'];
    return rec;
  };
  /** A product record: the shared columns, then this product's own. */
  const record = (base: ProductRecord, own: Partial<ProductRecord>): ProductRecord => {
    const rec = blank();
    for (const c of PRODUCT_COLUMNS) rec[c] = own[c] ?? base[c];
    return rec;
  };

  function* products(): Generator<ProductRecord> {
    for (let i = 1; i <= options.simples; i += 1) {
      const book = i % 5 === 0;
      const base = common(i);
      if (book) {
        const path = r.pick(BOOKS.paths);
        const title = `The ${r.pick(ADJECTIVES)} ${r.pick(BOOKS.nouns)}${i > 50 ? ` Vol. ${i}` : ''}`;
        const publisher = r.pick(PUBLISHERS);
        const code = isbn(++codes);
        const qty = r.chance(0.1) ? 0 : r.int(1, 60);
        const price = r.int(900, 4900) / 100;
        yield record(base, {
          sku: `BOOK-${String(i).padStart(5, '0')}`,
          product_type: 'simple',
          categories: `${ROOT}/${path}`,
          name: title,
          description: `<p>${title}, published by ${publisher}.</p>\n<p>Paperback, ${r.int(120, 640)} pages.</p>`,
          short_description: `Paperback from ${publisher}.`,
          weight: (r.int(2, 12) / 10).toFixed(2),
          price: money(price),
          special_price: base.special_price_from_date ? money(price * 0.8) : '',
          additional_attributes: pairs({
            isbn: code,
            ean: code,
            brand: publisher,
            manufacturer: publisher,
            author: `${r.pick(ADJECTIVES)} Writer`,
          }),
          // Books live in the default source only (the product CSV's qty: Magento single-source style).
          qty: String(qty),
          is_in_stock: qty > 0 ? '1' : '0',
        });
        continue;
      }
      const kind = r.pick(GOODS);
      const maker = r.pick(BRANDS);
      const name = `${maker.brand} ${r.pick(ADJECTIVES)} ${r.pick(kind.nouns)}`;
      const price = r.int(kind.price[0] * 100, kind.price[1] * 100) / 100;
      const sku = `${slug(kind.path.split('/')[1]!).slice(0, 4).toUpperCase()}-${String(i).padStart(5, '0')}`;
      stockRegionally(sku);
      yield record(base, {
        sku,
        product_type: 'simple',
        categories: `${ROOT}/${kind.path}`,
        name,
        description: `<p>${name}.</p>\n<ul>\n<li>Made by ${maker.manufacturer}</li>\n<li>Model ${r.int(100, 999)}</li>\n</ul>`,
        short_description: `${r.pick(kind.nouns)} by ${maker.brand}.`,
        weight: (kind.weight[0] + r.next() * (kind.weight[1] - kind.weight[0])).toFixed(2),
        price: money(price),
        special_price: base.special_price_from_date ? money(price * 0.8) : '',
        additional_attributes: pairs({
          ean: r.chance(0.85) ? ean(++codes) : undefined,
          upc: r.chance(0.3) ? upc(++codes) : undefined,
          brand: maker.brand,
          manufacturer: maker.manufacturer,
          color: r.chance(0.4) ? r.pick(COLORS) : undefined,
        }),
      });
    }
    for (let c = 1; c <= options.configurables; c += 1) {
      const kind = r.pick(APPAREL);
      const maker = r.pick(BRANDS);
      const parentSku = `APP-${String(c).padStart(5, '0')}`;
      const name = `${maker.brand} ${r.pick(ADJECTIVES)} ${r.pick(kind.nouns)}`;
      const price = money(r.int(kind.price[0] * 100, kind.price[1] * 100) / 100);
      const base = common(options.simples + c);
      const colors = r.shuffle(COLORS).slice(0, 2);
      const start = r.int(0, SIZES.length - 3);
      const combos = colors.flatMap((color) => SIZES.slice(start, start + 3).map((size) => ({ color, size })));
      const count = r.int(options.minVariants, options.maxVariants);
      const variants = r.shuffle(combos).slice(0, Math.min(count, combos.length));
      // Children first: Magento's own export order, and the importer links a child it has already seen.
      for (const v of variants) {
        const sku = `${parentSku}-${slug(v.color).toUpperCase()}-${v.size}`;
        stockRegionally(sku);
        yield record(base, {
          sku,
          product_type: 'simple',
          categories: `${ROOT}/${kind.path}`,
          name: `${name} - ${v.color} / ${v.size}`,
          weight: '0.40',
          visibility: 'Not Visible Individually',
          price,
          special_price: base.special_price_from_date ? money(Number(price) * 0.8) : '',
          additional_attributes: pairs({
            ean: ean(++codes),
            brand: maker.brand,
            manufacturer: maker.manufacturer,
            color: v.color,
            size: v.size,
          }),
        });
      }
      yield record(base, {
        sku: parentSku,
        product_type: 'configurable',
        categories: `${ROOT}/${kind.path}`,
        name,
        description: `<p>${name}: ${r.pick(['breathable', 'water-resistant', 'stretchy', 'warm'])}, ${r.pick(['recycled polyester', 'organic cotton', 'merino, nylon blend'])}.</p>`,
        short_description: `${kind.nouns[0]} in ${variants.length} variants.`,
        weight: '0.40',
        price,
        special_price: base.special_price_from_date ? money(Number(price) * 0.8) : '',
        additional_attributes: pairs({
          brand: maker.brand,
          manufacturer: maker.manufacturer,
          material: r.pick(['Cotton, Polyester', 'Merino Wool', 'Nylon']),
        }),
        configurable_variations: variants
          .map((v) => `sku=${parentSku}-${slug(v.color).toUpperCase()}-${v.size},color=${v.color},size=${v.size}`)
          .join('|'),
        configurable_variation_labels: 'color=Color,size=Size',
      });
    }
  }

  function* sourceItems(): Generator<SourceItemRecord> {
    for (const item of regional) {
      if (item.east) yield { source_code: 'us-east', sku: item.sku, status: item.east[1] ? '1' : '0', quantity: item.east[0].toFixed(4) };
      if (item.west) yield { source_code: 'us-west', sku: item.sku, status: item.west[1] ? '1' : '0', quantity: item.west[0].toFixed(4) };
    }
  }
  return { products: products(), sourceItems };
}

/** Streams rows to a CSV file in blocks (the bench writes 100,000 rows). */
function writeCsv<T extends Record<string, string | undefined>>(file: string, columns: readonly string[], rows: Iterable<T>): number {
  const fd = fs.openSync(file, 'w');
  let count = 0;
  try {
    fs.writeSync(fd, stringify([columns as string[]]));
    let block: string[][] = [];
    const flush = () => {
      if (block.length) fs.writeSync(fd, stringify(block));
      block = [];
    };
    for (const row of rows) {
      block.push(columns.map((c) => row[c] ?? ''));
      count += 1;
      if (block.length === 2000) flush();
    }
    flush();
  } finally {
    fs.closeSync(fd);
  }
  return count;
}

export function writeCatalog(
  dir: string,
  options: CatalogOptions,
): { products: number; sourceItems: number; productsFile: string; sourceItemsFile: string } {
  fs.mkdirSync(dir, { recursive: true });
  const catalog = generateCatalog(options);
  const productsFile = path.join(dir, 'products.csv');
  const sourceItemsFile = path.join(dir, 'source_items.csv');
  const products = writeCsv(productsFile, PRODUCT_COLUMNS, catalog.products);
  const sourceItems = writeCsv(sourceItemsFile, SOURCE_ITEM_COLUMNS, catalog.sourceItems());
  return { products, sourceItems, productsFile, sourceItemsFile };
}

/** The demo catalog and its local Amazon catalog: the products are held (a few hundred) so both agree. */
function writeDemo(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dir = path.join(root, 'fixtures/demo-catalog');
  const catalog = generateCatalog(DEMO_OPTIONS);
  const products = [...catalog.products];
  const world = demoAmazonWorld(products);
  const productsFile = path.join(dir, 'products.csv');
  const sourceItemsFile = path.join(dir, 'source_items.csv');
  const amazonFile = path.join(root, 'fixtures/simulator/catalogs/demo-catalog.json');
  fs.mkdirSync(path.dirname(amazonFile), { recursive: true });
  const rows = writeCsv(productsFile, PRODUCT_COLUMNS, products);
  const items = writeCsv(sourceItemsFile, SOURCE_ITEM_COLUMNS, catalog.sourceItems());
  fs.writeFileSync(amazonFile, catalogFileText(world));
  const rel = (file: string) => path.relative(process.cwd(), file);
  console.log(`wrote ${rows} product rows to ${rel(productsFile)}`);
  console.log(`wrote ${items} source item rows to ${rel(sourceItemsFile)}`);
  console.log(`wrote ${world.items.length} Amazon catalog items to ${rel(amazonFile)}`);
  for (const outcome of OUTCOMES) console.log(`  ${outcome}: ${world.outcomes[outcome].join(', ')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) writeDemo();
