/**
 * The Amazon attributes the channel can map to catalog attributes (names as in Amazon's product type
 * definitions / Listings Items `attributes`). Add one here and it appears on the Attributes page.
 */
export interface AmazonAttribute {
  code: string;
  label: string;
  description: string;
}

export const AMAZON_ATTRIBUTES: readonly AmazonAttribute[] = [
  { code: 'item_name', label: 'Item name', description: 'Product title shown on Amazon' },
  { code: 'brand', label: 'Brand', description: 'Brand name' },
  { code: 'manufacturer', label: 'Manufacturer', description: 'Manufacturer name' },
  { code: 'color', label: 'Color', description: 'Colour of the item' },
  { code: 'size', label: 'Size', description: 'Size of the item' },
  { code: 'bullet_point', label: 'Bullet points', description: 'Key product features (up to 5)' },
  { code: 'product_description', label: 'Description', description: 'Long product description' },
  { code: 'model_number', label: 'Model number', description: 'Manufacturer model number' },
  { code: 'model_name', label: 'Model name', description: 'Manufacturer model name' },
  { code: 'part_number', label: 'Part number', description: 'Manufacturer part number' },
  {
    code: 'externally_assigned_product_identifier',
    label: 'Product identifier (EAN/UPC/ISBN)',
    description: 'EAN, UPC, GTIN or ISBN of the item',
  },
  { code: 'merchant_suggested_asin', label: 'ASIN', description: 'Amazon Standard Identification Number to match' },
  { code: 'material', label: 'Material', description: 'Main material' },
  { code: 'item_weight', label: 'Item weight', description: 'Weight of the item' },
  { code: 'country_of_origin', label: 'Country of origin', description: 'Where the item was made' },
  { code: 'generic_keyword', label: 'Search terms', description: 'Hidden search keywords' },
  { code: 'condition_type', label: 'Condition', description: 'Offer condition (new, used…)' },
];

export const isAmazonAttribute = (code: string) => AMAZON_ATTRIBUTES.some((a) => a.code === code);
