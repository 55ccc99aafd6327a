/**
 * Stock profiles as the API sends and takes them (backend/src/inventory/profiles.routes.ts). Written by hand:
 * the route schemas are inline in the inventory domain, not `$id` literals in `schema/`, so `FromSchema` has
 * nothing to derive from. Keep in step with the routes; the server validates every body anyway.
 */
import type { RuleNode } from '../../../schema/listing-rules';

export const STOCK_MODES = ['product', 'single', 'custom', 'cap', 'percentage'] as const;
export type StockMode = (typeof STOCK_MODES)[number];
export const NO_QUANTITY = ['zero', 'skip'] as const;
export type NoQuantity = (typeof NO_QUANTITY)[number];

/** What a profile decides about a listing's quantity (the body's policy part). */
export interface StockPolicy {
  mode: StockMode;
  /** custom: the quantity; cap: N; percentage: 1–100; null for product and single. */
  value: number | null;
  /** Chosen source codes; empty = the store website's stock. */
  sources: string[];
  placeholderQty: number;
  maxQty: number | null;
  updateOnCatalogChange: boolean;
  noQuantity: NoQuantity;
  /** Assignment by rule (null: by hand only). Older servers do not send it. */
  conditions: RuleNode | null;
  /** Which rule wins when several match: the lowest number. Older servers do not send it (100). */
  priority: number;
}

export interface StockProfile extends StockPolicy {
  id: number;
  storeId: number;
  name: string;
  isDefault: boolean;
  listingCount: number;
  createdAt: string;
  updatedAt: string;
}

/** POST/PUT body. */
export interface StockProfileBody extends StockPolicy {
  name: string;
}

/** GET /api/stores/:storeId/stock-profiles as sent (conditions/priority may be missing until the server has them). */
export interface StockProfileListWire {
  defaultProfileId: number | null;
  items: (Omit<StockProfile, 'conditions' | 'priority'> & { conditions?: RuleNode | null; priority?: number })[];
}

/** GET …/stock-profiles/:id/preview: how many listings the profile's rule selects, and a few of them. */
export interface StockProfilePreview {
  matching: number;
  sample: { listingId: number; sku: string; sellerSku: string }[];
}

export interface StockAssignResult {
  assigned: number;
}

/** GET /api/catalog/sources, the part the profile form needs. */
export interface CatalogSource {
  code: string;
  name: string;
  enabled: boolean;
}
