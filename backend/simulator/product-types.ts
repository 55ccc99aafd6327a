/**
 * The product types the local Amazon knows (Product Type Definitions 2020-09-01): those the scenario catalogs
 * use, each with Amazon's property groups and the attributes a listing of it needs. The definitions are
 * deliberately small — enough for a client to search product types, read the groups and fetch a schema
 * document whose `required` list is what listings-store.ts checks (condition and an identity) — not Amazon's
 * thousands of attributes.
 */
export interface PropertyGroup {
  title: string;
  description: string;
  propertyNames: string[];
}

export interface ProductTypeDefinition {
  name: string;
  displayName: string;
  /** Marketplaces where the product type is offered; every marketplace when absent. */
  marketplaceIds?: string[];
  propertyGroups: Record<string, PropertyGroup>;
  /** Attributes a LISTING submission must carry. */
  required: string[];
  /** Amazon's opaque version of the product type's schema. */
  version: string;
}

const GROUPS: Record<string, PropertyGroup> = {
  offer: {
    title: 'Offer',
    description: 'Information to enable the product to be purchased (e.g., price, quantity, condition)',
    propertyNames: [
      'condition_type',
      'condition_note',
      'purchasable_offer',
      'fulfillment_availability',
      'list_price',
      'merchant_shipping_group',
    ],
  },
  product_identity: {
    title: 'Product Identity',
    description: 'Information to uniquely identify your product (e.g., UPC, EAN, GTIN, Product Type, Brand)',
    propertyNames: [
      'item_name',
      'brand',
      'externally_assigned_product_identifier',
      'supplier_declared_has_product_identifier_exemption',
      'merchant_suggested_asin',
      'product_type',
      'item_type_keyword',
    ],
  },
  product_details: {
    title: 'Product Details',
    description: 'Information that describes the product (e.g., description, bullet points, size, colour)',
    propertyNames: [
      'product_description',
      'bullet_point',
      'generic_keyword',
      'color',
      'size',
      'material',
      'model_number',
      'model_name',
      'part_number',
      'manufacturer',
      'country_of_origin',
    ],
  },
  images: {
    title: 'Images',
    description: 'Images of the product',
    propertyNames: ['main_product_image_locator', 'other_product_image_locator_1', 'swatch_product_image_locator'],
  },
  variations: {
    title: 'Variations',
    description: 'Variation relationships between products (parent and children)',
    propertyNames: ['parentage_level', 'child_parent_sku_relationship', 'variation_theme'],
  },
  shipping: {
    title: 'Shipping',
    description: 'Dimensions and weight of the item and its package',
    propertyNames: ['item_package_dimensions', 'item_package_weight', 'item_dimensions', 'item_weight', 'batteries_required'],
  },
};

/** Every attribute name some product type of the table knows (a submission with another is invalid, 90000900). */
export const KNOWN_ATTRIBUTES: ReadonlySet<string> = new Set(Object.values(GROUPS).flatMap((g) => g.propertyNames));

const DISPLAY: Record<string, string> = { ABIS_BOOK: 'Book', PRODUCT: 'Product' };
const displayOf = (name: string) =>
  DISPLAY[name] ?? name.toLowerCase().replace(/(^|_)([a-z])/g, (_m, sep: string, c: string) => (sep ? ' ' : '') + c.toUpperCase());

/** A definition with Amazon's usual groups; `version` is the table's schema version. */
export function standardDefinition(name: string, version: string): ProductTypeDefinition {
  return {
    name,
    displayName: displayOf(name),
    propertyGroups: structuredClone(GROUPS),
    required: ['condition_type', 'item_name', 'brand'],
    version,
  };
}

/** The version of the whole table as `searchDefinitionsProductTypes` reports it. */
export const PRODUCT_TYPES_VERSION = 'U8Tw0E3Yh2Ao=';

/** The table for a world: PRODUCT (Amazon's generic type) and every product type its catalog uses. */
export function productTypesFor(catalogTypes: Iterable<string>): Map<string, ProductTypeDefinition> {
  const names = new Set(['PRODUCT', ...catalogTypes]);
  return new Map([...names].sort().map((n) => [n, standardDefinition(n, PRODUCT_TYPES_VERSION)]));
}
