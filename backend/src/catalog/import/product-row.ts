/**
 * One record of Magento's product CSV → a ProductRow: what the row says, cell by cell, without
 * looking at the database. An empty cell means "not given" (a new product gets the default, an
 * existing one keeps its value); `__EMPTY__VALUE__` clears an optional value, as in Magento.
 */
import { PRODUCT_TYPES, STOCKLESS_TYPES, type Backorders, type ProductType, type Visibility } from '../../../../schema/catalog';
import {
  EMPTY_VALUE_MARKER,
  RowProblem,
  parseBackorders,
  parseCategoryPaths,
  parseDate,
  parseDecimal,
  parseFlag,
  parsePairs,
  parseStatus,
  parseVariations,
  parseVisibility,
  sourceQuantity,
  splitList,
  type Variation,
} from './fields';

export type { ProductType };

/** Types that hold stock themselves (MSI keeps no source items for composite products). */
export const STOCKED_TYPES: ReadonlySet<ProductType> = new Set(
  PRODUCT_TYPES.filter((t) => !(STOCKLESS_TYPES as readonly string[]).includes(t)),
);

/** Columns the importer reads. */
const READ_COLUMNS = [
  'sku',
  'store_view_code',
  'attribute_set_code',
  'product_type',
  'categories',
  'product_websites',
  'name',
  'weight',
  'product_online',
  'visibility',
  'price',
  'special_price',
  'special_price_from_date',
  'special_price_to_date',
  'additional_attributes',
  'qty',
  'is_in_stock',
  'out_of_stock_qty',
  'use_config_min_qty',
  'manage_stock',
  'use_config_manage_stock',
  'allow_backorders',
  'use_config_backorders',
  'configurable_variations',
  'configurable_variation_labels',
];

/** Columns whose value becomes an attribute value of the same code. */
const ATTRIBUTE_COLUMNS = ['description', 'short_description', 'country_of_manufacture'];

/**
 * Magento's own export columns that this channel has no use for (media, SEO, layout, cart limits,
 * bundle/grouped/downloadable definitions…). Any other column that is not listed here is taken as
 * an attribute code, the way Magento reads extra columns.
 */
const IGNORED_COLUMNS = new Set([
  'tax_class_name',
  'url_key',
  'meta_title',
  'meta_keywords',
  'meta_description',
  'base_image',
  'base_image_label',
  'small_image',
  'small_image_label',
  'thumbnail_image',
  'thumbnail_image_label',
  'swatch_image',
  'swatch_image_label',
  'additional_images',
  'additional_image_labels',
  'hide_from_product_page',
  'created_at',
  'updated_at',
  'new_from_date',
  'new_to_date',
  'display_product_options_in',
  'map_price',
  'msrp_price',
  'map_enabled',
  'gift_message_available',
  'custom_design',
  'custom_design_from',
  'custom_design_to',
  'custom_layout_update',
  'page_layout',
  'product_options_container',
  'msrp_display_actual_price_type',
  'is_qty_decimal',
  'min_cart_qty',
  'use_config_min_sale_qty',
  'max_cart_qty',
  'use_config_max_sale_qty',
  'notify_on_stock_below',
  'use_config_notify_stock_qty',
  'use_config_qty_increments',
  'qty_increments',
  'use_config_enable_qty_inc',
  'enable_qty_increments',
  'is_decimal_divided',
  'website_id',
  'deferred_stock_update',
  'use_config_deferred_stock_update',
  'related_skus',
  'related_position',
  'crosssell_skus',
  'crosssell_position',
  'upsell_skus',
  'upsell_position',
  'custom_options',
  'bundle_price_type',
  'bundle_sku_type',
  'bundle_price_view',
  'bundle_weight_type',
  'bundle_values',
  'bundle_shipment_type',
  'associated_skus',
  'downloadable_links',
  'downloadable_samples',
  'use_config_lifetime',
  'use_config_email_template',
  'giftcard_type',
  'giftcard_allow_open_amount',
  'giftcard_open_amount_min',
  'giftcard_open_amount_max',
  'giftcard_amount',
  'use_config_is_redeemable',
  'giftcard_is_redeemable',
  'giftcard_lifetime',
  'use_config_allow_message',
  'giftcard_allow_message',
  'giftcard_email_template',
  'url_path',
  'options_container',
  'news_from_date',
  'news_to_date',
  'status',
  'product_has_weight',
  'image',
  'image_label',
]);

/**
 * Magento-internal flags that its export writes into additional_attributes; they describe
 * Magento's storage, not the product, so they do not become attributes here.
 */
const INTERNAL_ATTRIBUTES = new Set(['has_options', 'required_options', 'quantity_and_stock_status', 'options_container']);

/** What to do with one attribute: set a value, or clear it (`__EMPTY__VALUE__`). */
export type AttributeValue = string | null;

export interface ProductRow {
  /** CSV line where the record starts (header = 1). */
  line: number;
  sku: string;
  /** Set on store-view rows; they only carry store-scoped values (name and attributes). */
  storeViewCode: string | null;
  type?: ProductType;
  attributeSetCode?: string;
  name?: string;
  status?: 'enabled' | 'disabled';
  visibility?: Visibility;
  price?: number;
  specialPrice?: number | null;
  specialPriceFrom?: string | null;
  specialPriceTo?: string | null;
  weight?: number | null;
  websites?: string[];
  categories?: string[];
  /** code → value (null = clear). */
  attributes: Map<string, AttributeValue>;
  variations?: Variation[];
  variationLabels?: Map<string, string>;
  /** Default-source stock (Magento single-source mode: qty/is_in_stock go to source "default"). */
  qty?: number;
  inStock?: boolean;
  manageStock?: boolean;
  backorders?: Backorders;
  minQty?: number;
}

export type CsvRecord = Record<string, string>;

/** The header columns that become attributes (everything neither read nor ignored). */
export function extraAttributeColumns(header: string[]): string[] {
  return header.filter((c) => c !== '' && !READ_COLUMNS.includes(c) && !IGNORED_COLUMNS.has(c) && !ATTRIBUTE_COLUMNS.includes(c));
}

const given = (record: CsvRecord, column: string): string | undefined => {
  const v = record[column];
  return v === undefined || v.trim() === '' ? undefined : v;
};

/** A cell that may be cleared: undefined = keep, null = clear, else the parsed value. */
function clearable<T>(record: CsvRecord, column: string, parse: (text: string) => T): T | null | undefined {
  const v = given(record, column);
  if (v === undefined) return undefined;
  return v.trim() === EMPTY_VALUE_MARKER ? null : parse(v);
}

function parseType(text: string): ProductType {
  const v = text.trim().toLowerCase();
  if (!(PRODUCT_TYPES as readonly string[]).includes(v)) {
    throw new RowProblem(`product_type: unknown product type "${text}" (expected one of ${PRODUCT_TYPES.join(', ')})`);
  }
  return v as ProductType;
}

function attributeValues(record: CsvRecord, extraColumns: string[]): Map<string, AttributeValue> {
  const values = new Map<string, AttributeValue>();
  const put = (code: string, value: string) => {
    if (value.trim() === '' || INTERNAL_ATTRIBUTES.has(code)) return;
    if (!/^[a-z][a-z0-9_]{0,63}$/.test(code)) throw new RowProblem(`attribute code "${code}" must be lower-case letters, digits and _`);
    values.set(code, value.trim() === EMPTY_VALUE_MARKER ? null : value);
  };
  const additional = given(record, 'additional_attributes');
  if (additional !== undefined) for (const [code, value] of parsePairs(additional)) put(code, value);
  for (const column of [...ATTRIBUTE_COLUMNS, ...extraColumns]) {
    const v = given(record, column);
    if (v !== undefined) put(column.toLowerCase(), v);
  }
  return values;
}

/** Parses one record; throws RowProblem naming the column when a cell is malformed. */
export function parseProductRecord(record: CsvRecord, line: number, extraColumns: string[] = []): ProductRow {
  const sku = (record.sku ?? '').trim();
  if (sku === '') throw new RowProblem('sku is empty');
  if (sku.length > 64) throw new RowProblem(`sku is longer than 64 characters`);
  const storeViewCode = given(record, 'store_view_code')?.trim() ?? null;
  const name = given(record, 'name')?.trim();
  if (name !== undefined && name.length > 255) throw new RowProblem('name is longer than 255 characters');
  const attributes = attributeValues(record, extraColumns);
  if (storeViewCode !== null) return { line, sku, storeViewCode, name, attributes };

  const row: ProductRow = { line, sku, storeViewCode, name, attributes };
  const type = given(record, 'product_type');
  if (type !== undefined) row.type = parseType(type);
  row.attributeSetCode = given(record, 'attribute_set_code')?.trim();
  const online = given(record, 'product_online');
  if (online !== undefined) row.status = parseStatus(online);
  const visibility = given(record, 'visibility');
  if (visibility !== undefined) row.visibility = parseVisibility(visibility);
  const price = given(record, 'price');
  if (price !== undefined) row.price = parseDecimal(price, 'price', { min: 0 });
  row.specialPrice = clearable(record, 'special_price', (v) => parseDecimal(v, 'special_price', { min: 0 }));
  row.specialPriceFrom = clearable(record, 'special_price_from_date', (v) => parseDate(v, 'special_price_from_date'));
  row.specialPriceTo = clearable(record, 'special_price_to_date', (v) => parseDate(v, 'special_price_to_date'));
  if (row.specialPriceFrom && row.specialPriceTo && row.specialPriceTo < row.specialPriceFrom) {
    throw new RowProblem('special_price_to_date is before special_price_from_date');
  }
  row.weight = clearable(record, 'weight', (v) => parseDecimal(v, 'weight', { min: 0 }));
  const websites = given(record, 'product_websites');
  if (websites !== undefined) row.websites = splitList(websites);
  const categories = given(record, 'categories');
  if (categories !== undefined) row.categories = parseCategoryPaths(categories);
  parseStock(record, row);
  parseConfigurable(record, row);
  return row;
}

/** Stock columns, with Magento's "use config" switches meaning the shipped defaults. */
function parseStock(record: CsvRecord, row: ProductRow): void {
  const qty = given(record, 'qty');
  if (qty !== undefined) row.qty = sourceQuantity(parseDecimal(qty, 'qty'), 'qty');
  const inStock = given(record, 'is_in_stock');
  if (inStock !== undefined) row.inStock = parseFlag(inStock, 'is_in_stock');

  const useConfigManage = given(record, 'use_config_manage_stock');
  const manage = given(record, 'manage_stock');
  if (useConfigManage !== undefined && parseFlag(useConfigManage, 'use_config_manage_stock')) row.manageStock = true;
  else if (manage !== undefined) row.manageStock = parseFlag(manage, 'manage_stock');

  const useConfigBackorders = given(record, 'use_config_backorders');
  const backorders = given(record, 'allow_backorders');
  if (useConfigBackorders !== undefined && parseFlag(useConfigBackorders, 'use_config_backorders')) row.backorders = 'no';
  else if (backorders !== undefined) row.backorders = parseBackorders(backorders);

  const useConfigMinQty = given(record, 'use_config_min_qty');
  const minQty = given(record, 'out_of_stock_qty');
  if (useConfigMinQty !== undefined && parseFlag(useConfigMinQty, 'use_config_min_qty')) row.minQty = 0;
  else if (minQty !== undefined) row.minQty = parseDecimal(minQty, 'out_of_stock_qty');
}

function parseConfigurable(record: CsvRecord, row: ProductRow): void {
  const variations = given(record, 'configurable_variations');
  if (variations === undefined) return;
  if (row.type !== undefined && row.type !== 'configurable') {
    throw new RowProblem(`configurable_variations: only a configurable product has variations (this row is ${row.type})`);
  }
  row.variations = parseVariations(variations);
  const codes = new Set(row.variations.flatMap((v) => [...v.values.keys()]));
  for (const v of row.variations) {
    const missing = [...codes].filter((c) => !v.values.has(c));
    if (missing.length) throw new RowProblem(`configurable_variations: variation ${v.sku} has no value for ${missing.join(', ')}`);
  }
  const labels = given(record, 'configurable_variation_labels');
  // Like Magento, a label ends at the next "=" ("code=Label=junk" labels code "Label").
  const pairs = labels === undefined ? [] : [...parsePairs(labels)];
  row.variationLabels = new Map(pairs.map(([code, label]) => [code, label.split('=')[0]!.trim()] as [string, string]));
}
