/**
 * Shapes of the Amazon answers the typed gateway methods return, reduced to what the channel reads
 * (the official models in /work/shared/amazon-spapi/models are the full contract).
 */

export interface MarketplaceParticipation {
  marketplace: {
    id: string;
    name: string;
    countryCode: string;
    defaultCurrencyCode: string;
    defaultLanguageCode: string;
    domainName: string;
  };
  participation: { isParticipating: boolean; hasSuspendedListings: boolean };
  storeName?: string;
}

export interface CatalogItem {
  asin: string;
  attributes?: Record<string, unknown>;
  identifiers?: { marketplaceId: string; identifiers: { identifierType: string; identifier: string }[] }[];
  summaries?: { marketplaceId: string; itemName?: string; brand?: string; [k: string]: unknown }[];
  productTypes?: { marketplaceId?: string; productType?: string }[];
  [k: string]: unknown;
}

export interface CatalogSearchResult {
  numberOfResults: number;
  pagination?: { nextToken?: string; previousToken?: string };
  refinements?: unknown;
  items: CatalogItem[];
}

/** Listings Restrictions 2021-08-01: why the seller may not list an ASIN (none: it may). */
export interface ListingRestriction {
  marketplaceId: string;
  conditionType?: string;
  reasons?: {
    message: string;
    reasonCode?: 'APPROVAL_REQUIRED' | 'ASIN_NOT_FOUND' | 'NOT_ELIGIBLE';
    links?: { resource: string; verb: string; title?: string; type?: string }[];
  }[];
}

export interface ListingIssue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  attributeNames?: string[];
  [k: string]: unknown;
}

export interface ListingsSubmission {
  sku: string;
  status: 'ACCEPTED' | 'INVALID' | 'VALID';
  submissionId: string;
  issues?: ListingIssue[];
  identifiers?: { marketplaceId: string; asin?: string }[];
}

export interface ListingsItem {
  sku: string;
  summaries?: { marketplaceId: string; asin?: string; productType: string; status: string[]; itemName?: string; [k: string]: unknown }[];
  attributes?: Record<string, unknown>;
  issues?: ListingIssue[];
  offers?: { marketplaceId: string; offerType: string; price: { currencyCode: string; amount: string } }[];
  fulfillmentAvailability?: { fulfillmentChannelCode: string; quantity?: number }[];
  [k: string]: unknown;
}

export interface ListingsPutBody {
  productType: string;
  requirements?: 'LISTING' | 'LISTING_PRODUCT_ONLY' | 'LISTING_OFFER_ONLY';
  attributes: Record<string, unknown>;
}

export interface ListingsPatchBody {
  productType: string;
  patches: { op: 'add' | 'replace' | 'merge' | 'delete'; path: string; value?: unknown[] }[];
}
