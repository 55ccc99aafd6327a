/**
 * Listing settings: defaults (seeded from the store's own settings and product id mapping), merging a
 * partial update, and validation against the catalog's attributes. Pure.
 */
import type { AttributeType } from '../../../schema/catalog';
import type { IdentifierSource, ListingSettings } from '../../../schema/listings';
import type { FieldProblem } from '../platform/errors';
import type { StoreContext } from './store-context';

export function defaultListingSettings(ctx: Pick<StoreContext, 'storeSettings' | 'productId'>): ListingSettings {
  const s = ctx.storeSettings;
  return {
    listAutomatically: s.listAutomatically,
    handlingTimeDays: s.handlingTimeDays,
    condition: { mode: 'single', value: s.condition, attribute: null, valueMap: {}, note: null },
    // The product price, with its special price while active by date (Magento's final price).
    price: { attribute: 'price', useSpecialPrice: true, currencyRate: '1' },
    identifierOrder: [{ type: ctx.productId.type as IdentifierSource['type'], attribute: ctx.productId.attribute }],
  };
}

export function mergeSettings(base: ListingSettings, patch: Partial<ListingSettings>): ListingSettings {
  return {
    ...base,
    ...patch,
    condition: { ...base.condition, ...(patch.condition ?? {}) },
    price: { ...base.price, ...(patch.price ?? {}) },
    identifierOrder: patch.identifierOrder ?? base.identifierOrder,
  };
}

/** Attribute code → type (the product's own `price` column counts as a decimal). */
export function validateSettings(s: ListingSettings, attributes: Map<string, { type: AttributeType }>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (s.condition.mode === 'attribute') {
    if (!s.condition.attribute) problems.push({ field: 'body.condition.attribute', message: 'is required when mode is "attribute"' });
    else if (!attributes.has(s.condition.attribute))
      problems.push({ field: 'body.condition.attribute', message: `no catalog attribute "${s.condition.attribute}"` });
    if (!Object.keys(s.condition.valueMap).length)
      problems.push({ field: 'body.condition.valueMap', message: 'map at least one attribute value to an Amazon condition' });
  }
  if (s.price.attribute !== 'price') {
    const t = attributes.get(s.price.attribute)?.type;
    if (!t) problems.push({ field: 'body.price.attribute', message: `no catalog attribute "${s.price.attribute}"` });
    else if (t !== 'decimal' && t !== 'int')
      problems.push({ field: 'body.price.attribute', message: `"${s.price.attribute}" is a ${t} attribute; a price needs a decimal one` });
  }
  if (!(Number(s.price.currencyRate) > 0)) problems.push({ field: 'body.price.currencyRate', message: 'must be greater than 0' });
  s.identifierOrder.forEach((src, i) => {
    if (!attributes.has(src.attribute))
      problems.push({ field: `body.identifierOrder[${i}].attribute`, message: `no catalog attribute "${src.attribute}"` });
  });
  const types = s.identifierOrder.map((x) => x.type);
  if (new Set(types).size !== types.length) problems.push({ field: 'body.identifierOrder', message: 'each identifier type at most once' });
  return problems;
}

/** Amazon's identifiersType for our product id type (null: cannot be searched by identifier). */
export function amazonIdentifierType(type: IdentifierSource['type']): string | null {
  switch (type) {
    case 'asin':
      return 'ASIN';
    case 'ean':
      return 'EAN';
    case 'upc':
      return 'UPC';
    case 'isbn':
      return 'ISBN';
    default:
      // GCID and general search cannot be looked up by identifier.
      return null;
  }
}
