/**
 * Listing settings per store: publishing, handling time, condition, price source, identifier search order.
 * Draft-07 literals with `$id`, registered through `listingsSchemas` in listings.ts (which re-exports this file).
 */
import { CONDITIONS, PRODUCT_ID_TYPES } from './stores';

// ---- settings ----

export interface IdentifierSource {
  type: (typeof PRODUCT_ID_TYPES)[number];
  attribute: string;
}

export interface ListingSettings {
  /** List eligible products once matched, or hold them as Ready to List. */
  listAutomatically: boolean;
  handlingTimeDays: number;
  condition: {
    mode: 'single' | 'attribute';
    value: (typeof CONDITIONS)[number];
    attribute: string | null;
    /** Catalog attribute value → Amazon condition (attribute mode). */
    valueMap: Record<string, (typeof CONDITIONS)[number]>;
    note: string | null;
  };
  price: {
    /** A decimal catalog attribute or the product's `price`. */
    attribute: string;
    /** Use the special price while it is active by date (and lower). */
    useSpecialPrice: boolean;
    /** Catalog currency → marketplace currency, a decimal string. */
    currencyRate: string;
  };
  /** Identifiers tried in order when looking up a product's ASIN. */
  identifierOrder: IdentifierSource[];
}

const conditionEnum = { type: 'string', enum: CONDITIONS } as const;
const identifierSource = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'attribute'],
  properties: { type: { type: 'string', enum: PRODUCT_ID_TYPES }, attribute: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

const settingsProps = {
  listAutomatically: { type: 'boolean', description: 'true: list eligible products once matched; false: hold them as Ready to List' },
  handlingTimeDays: { type: 'integer', minimum: 0, maximum: 30 },
  condition: {
    type: 'object',
    additionalProperties: false,
    required: ['mode', 'value', 'attribute', 'valueMap', 'note'],
    properties: {
      mode: { type: 'string', enum: ['single', 'attribute'] },
      value: { ...conditionEnum, description: 'single mode: the condition of every listing' },
      attribute: { type: ['string', 'null'], maxLength: 64, description: 'attribute mode: catalog attribute holding the condition' },
      valueMap: { type: 'object', additionalProperties: conditionEnum, description: 'attribute value → Amazon condition' },
      note: { type: ['string', 'null'], maxLength: 1000, description: 'Condition note (seller notes) for used/refurbished items' },
    },
  },
  price: {
    type: 'object',
    additionalProperties: false,
    required: ['attribute', 'useSpecialPrice', 'currencyRate'],
    properties: {
      attribute: { type: 'string', minLength: 1, maxLength: 64, description: '"price" or a decimal catalog attribute' },
      useSpecialPrice: { type: 'boolean', description: 'Use the special price while active by date (when lower)' },
      currencyRate: { type: 'string', pattern: '^[0-9]{1,6}(\\.[0-9]{1,6})?$', description: 'Catalog → marketplace currency rate' },
    },
  },
  identifierOrder: { type: 'array', minItems: 1, maxItems: 5, items: identifierSource, description: 'Identifiers tried in order' },
} as const;

export const listingSettingsSchema = {
  $id: 'ListingSettings',
  type: 'object',
  required: Object.keys(settingsProps),
  properties: settingsProps,
} as const;

/** A patch: any top-level part, and within condition/price only the fields sent. */
const { required: _conditionRequired, ...conditionPatch } = settingsProps.condition;
const { required: _priceRequired, ...pricePatch } = settingsProps.price;
export const listingSettingsPatchSchema = {
  $id: 'ListingSettingsPatch',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { ...settingsProps, condition: conditionPatch, price: pricePatch },
} as const;
