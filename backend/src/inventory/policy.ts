/**
 * A stock policy (what a stock profile holds): pure type, defaults and validation with field names.
 */
export const STOCK_MODES = ['product', 'single', 'custom', 'cap', 'percentage'] as const;
export type StockMode = (typeof STOCK_MODES)[number];
export const NO_QUANTITY = ['zero', 'skip'] as const;
export type NoQuantity = (typeof NO_QUANTITY)[number];

export interface StockPolicy {
  mode: StockMode;
  /** custom: the fixed quantity; cap: N; percentage: 1–100. Unused (null) for product and single. */
  value: number | null;
  /** Chosen sources ("use warehouse"); empty = the salable quantity of the store website's stock. */
  sources: string[];
  /** Listed for products that don't manage stock or allow backorders. */
  placeholderQty: number;
  /** Never list more than this (null = no maximum). */
  maxQty: number | null;
  /** Off: catalog changes no longer move the Amazon quantity (the last one is kept). */
  updateOnCatalogChange: boolean;
  /** A product with no quantity at all: list 0, or send no quantity (skip). */
  noQuantity: NoQuantity;
}

export const DEFAULT_STOCK_POLICY: Readonly<StockPolicy> = {
  mode: 'product',
  value: null,
  sources: [],
  placeholderQty: 100,
  maxQty: null,
  updateOnCatalogChange: true,
  noQuantity: 'zero',
};

export interface FieldError {
  field: string;
  message: string;
}

/** Checks the numbers each mode needs; `prefix` names the body (e.g. `body`). */
export function validatePolicy(p: StockPolicy, prefix = 'body'): FieldError[] {
  const errors: FieldError[] = [];
  const whole = (v: number | null) => v !== null && Number.isInteger(v) && v >= 0;
  if (p.mode === 'custom' || p.mode === 'cap') {
    if (!whole(p.value)) errors.push({ field: `${prefix}.value`, message: `a whole number ≥ 0 is needed for mode ${p.mode}` });
  } else if (p.mode === 'percentage') {
    if (!whole(p.value) || p.value! < 1 || p.value! > 100)
      errors.push({ field: `${prefix}.value`, message: 'a percentage from 1 to 100 is needed' });
  } else if (p.value !== null) errors.push({ field: `${prefix}.value`, message: `mode ${p.mode} takes no value` });
  if (!whole(p.placeholderQty)) errors.push({ field: `${prefix}.placeholderQty`, message: 'a whole number ≥ 0' });
  if (p.maxQty !== null && !whole(p.maxQty)) errors.push({ field: `${prefix}.maxQty`, message: 'a whole number ≥ 0, or null' });
  if (new Set(p.sources).size !== p.sources.length) errors.push({ field: `${prefix}.sources`, message: 'a source is chosen twice' });
  return errors;
}
