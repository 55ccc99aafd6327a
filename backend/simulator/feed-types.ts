/**
 * The feed types Amazon's Feeds API accepts (developer-docs.amazon.com/sp-api/docs/feed-type-values). Only
 * JSON_LISTINGS_FEED is processed here (feed-processing.ts); the others are accepted as Amazon accepts them and
 * end FATAL with a processing report saying why — which for the legacy XML and flat-file listings feeds is also
 * what Amazon itself has done since 31 July 2025 (listings-feed-type-values).
 */
export const PROCESSED_FEED_TYPES: ReadonlySet<string> = new Set(['JSON_LISTINGS_FEED']);

/** The legacy XML and flat-file listings feeds Amazon has stopped processing (they end FATAL there too). */
const LEGACY_LISTINGS_FEEDS = [
  'POST_PRODUCT_DATA',
  'POST_INVENTORY_AVAILABILITY_DATA',
  'POST_PRODUCT_OVERRIDES_DATA',
  'POST_PRODUCT_PRICING_DATA',
  'POST_PRODUCT_IMAGE_DATA',
  'POST_PRODUCT_RELATIONSHIP_DATA',
  'POST_FLAT_FILE_INVLOADER_DATA',
  'POST_FLAT_FILE_LISTINGS_DATA',
  'POST_FLAT_FILE_BOOKLOADER_DATA',
  'POST_FLAT_FILE_CONVERGENCE_LISTINGS_DATA',
  'POST_FLAT_FILE_PRICEANDQUANTITYONLY_UPDATE_DATA',
  'POST_UIEE_BOOKLOADER_DATA',
];
export const LEGACY_LISTINGS_FEED_TYPES: ReadonlySet<string> = new Set(LEGACY_LISTINGS_FEEDS);

/** Every feed type createFeed accepts; any other is InvalidInput. */
export const FEED_TYPES: ReadonlySet<string> = new Set([
  ...PROCESSED_FEED_TYPES,
  ...LEGACY_LISTINGS_FEEDS,
  'POST_EASYSHIP_DOCUMENTS',
  'POST_FULFILLMENT_ORDER_REQUEST_DATA',
  'POST_FULFILLMENT_ORDER_CANCELLATION_REQUEST_DATA',
  'POST_FBA_INBOUND_CARTON_CONTENTS',
  'POST_FLAT_FILE_FBA_CREATE_REMOVAL',
  'POST_FLAT_FILE_FULFILLMENT_ORDER_REQUEST_DATA',
  'POST_FLAT_FILE_FULFILLMENT_ORDER_CANCELLATION_REQUEST_DATA',
  'UPLOAD_VAT_INVOICE',
  'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA',
  'POST_FLAT_FILE_PAYMENT_ADJUSTMENT_DATA',
  'POST_FLAT_FILE_FULFILLMENT_DATA',
  'POST_FLAT_FILE_IL_SNAPSHOT_FEED',
  'POST_FLAT_FILE_IL_ALLOCATION_REQUESTS_CONFIRMATION_FEED',
  'POST_EXPECTED_SHIP_DATE_SOD_FLAT_FILE',
  'POST_INVOICE_CONFIRMATION_DATA',
  'POST_ORDER_ACKNOWLEDGEMENT_DATA',
  'POST_PAYMENT_ADJUSTMENT_DATA',
  'POST_ORDER_FULFILLMENT_DATA',
  'POST_EXPECTED_SHIP_DATE_SOD',
]);

/** Why a feed of this type ends FATAL here, or null when the local Amazon processes it. */
export function unprocessedReason(feedType: string): string | null {
  if (PROCESSED_FEED_TYPES.has(feedType)) return null;
  if (LEGACY_LISTINGS_FEED_TYPES.has(feedType))
    return `${feedType} is a legacy XML or flat-file listings feed, which Amazon no longer processes; use JSON_LISTINGS_FEED.`;
  return `The local Amazon does not process feedType ${feedType}; the feed was accepted and not applied.`;
}
