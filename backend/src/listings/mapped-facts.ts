/**
 * Pure: the product facts a listing sends Amazon, through the marketplace's attribute mappings (the Attributes
 * page). A mapping names where an Amazon attribute's value comes from: the product's name, SKU or price, or a
 * catalog attribute. Without one, the title is the product's name and the brand its `brand` attribute, as before.
 * The attributes the channel decides itself — condition (listing settings), ASIN (matching), product identifiers
 * (identifier order) — are never taken from a mapping; item weight needs a unit the mapping does not hold.
 */
import { isProductFieldSource } from '../../../schema/attribute-mapping';
import type { OutboundMapping } from '../attribute-mapping/mapping.service';
import type { ProductFacts } from './catalog-reads';

const NOT_MAPPED = new Set(['condition_type', 'merchant_suggested_asin', 'externally_assigned_product_identifier', 'item_weight']);

export interface MappedFacts {
  title: string | null;
  brand: string | null;
  /** Other mapped Amazon attributes (manufacturer, model_number, bullet_point…) → text. */
  attributes: Record<string, string>;
}

/** The catalog attributes the mappings read (the product fields are always at hand). */
export function mappedAttributeCodes(mappings: readonly OutboundMapping[]): string[] {
  return mappings.filter((m) => !NOT_MAPPED.has(m.amazonAttribute) && !isProductFieldSource(m.source)).map((m) => m.source);
}

/** One source's value for a product: its name, SKU, price (a decimal text) or a catalog attribute's default value. */
export function sourceValue(f: ProductFacts, source: string): string | null {
  switch (source) {
    case 'name':
      return f.name;
    case 'sku':
      return f.sku;
    case 'price':
      return f.price === null ? null : String(f.price);
    default:
      return f.attributes[source] ?? null;
  }
}

export function mappedFacts(f: ProductFacts, mappings: readonly OutboundMapping[]): MappedFacts {
  const out: MappedFacts = { title: f.name, brand: f.attributes.brand ?? null, attributes: {} };
  for (const m of mappings) {
    if (NOT_MAPPED.has(m.amazonAttribute)) continue;
    const value = sourceValue(f, m.source);
    const text = value === null || value.trim() === '' ? null : value;
    if (m.amazonAttribute === 'item_name') out.title = text;
    else if (m.amazonAttribute === 'brand') out.brand = text;
    else if (text !== null) out.attributes[m.amazonAttribute] = text;
  }
  return out;
}
