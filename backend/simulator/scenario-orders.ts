/**
 * What a scenario (or a conformance planner) says about an order: the core the shopper and the handlers
 * work with, plus the blocks real Orders v0 answers carry. Every optional block left out is answered with
 * Amazon's everyday value (apis/ordersV0-render.ts); a block set here is answered as it is written, so a
 * seeded order can show exactly what a recorded answer showed — a flag as the string `"false"` included.
 */

/** Amazon sends some flags as JSON booleans and some (IsReplacementOrder, IsGift…) as the strings "true"/"false". */
export type AmazonFlag = boolean | 'true' | 'false';

export type OrderFlag =
  | 'IsBusinessOrder'
  | 'IsPrime'
  | 'IsPremiumOrder'
  | 'IsGlobalExpressEnabled'
  | 'IsReplacementOrder'
  | 'IsSoldByAB'
  | 'IsIBA'
  | 'IsISPU'
  | 'IsAccessPointOrder'
  | 'HasRegulatedItems';

export interface ScenarioOrderItem {
  orderItemId: string;
  sku: string;
  asin: string;
  title: string;
  quantity: number;
  /** The line's price (all units), a decimal string. */
  itemPrice: string;
  /** Tax on the line (default "0.00"); OrderTotal includes it, as the buyer paid it. */
  itemTax?: string;
  promotionDiscount?: string;
  conditionId?: string;
  isGift?: AmazonFlag;
  iossNumber?: string;
  deemedResellerCategory?: 'IOSS' | 'UOSS';
  storeChainStoreId?: string;
  /** Amazon's promotion ids applied to the line (v0 `PromotionIds`, 2026 `promotion.breakdowns`). */
  promotionIds?: string[];
  /** The buyer asked to cancel this item (Amazon: `BuyerRequestedCancel`). */
  buyerRequestedCancel?: { reason: string };
  /** getOrderItemsBuyerInfo: the buyer's customization and gift wrap. */
  buyerCustomizedUrl?: string;
  giftMessageText?: string;
  giftWrap?: { level: string; price?: string; currencyCode?: string };
}

/** Regulated orders (getOrderRegulatedInfo); lists are kept in Amazon's own shape. */
export interface ScenarioRegulatedInfo {
  requiresDosageLabel: boolean;
  fields: { FieldId: string; FieldLabel: string; FieldType: 'Text' | 'FileAttachment'; FieldValue: string }[];
  status: 'Pending' | 'Approved' | 'Rejected' | 'Expired' | 'Cancelled';
  requiresMerchantAction: boolean;
  validRejectionReasons: { RejectionReasonId: string; RejectionReasonDescription: string }[];
  /** Which verification details may accompany which status; left out, Amazon's general rules apply. */
  validVerificationDetails?: { VerificationDetailType: string; ValidVerificationStatuses: string[] }[];
  validInterimStatusCodes?: { StatusCode: string; StatusDescription: string }[];
  /** Set by updateVerificationStatus. */
  rejectionReasonId?: string;
  externalReviewerId?: string;
  reviewDate?: string;
}

export interface ScenarioOrder {
  amazonOrderId: string;
  marketplaceId: string;
  purchaseDate: string;
  lastUpdateDate: string;
  orderStatus: string;
  fulfillmentChannel: 'MFN' | 'AFN';
  currencyCode: string;
  buyer: { name: string; email: string; companyName?: string; purchaseOrderNumber?: string };
  shippingAddress: {
    name: string;
    addressLine1: string;
    addressLine2?: string;
    addressLine3?: string;
    companyName?: string;
    districtOrCounty?: string;
    municipality?: string;
    /** Street name and number, complement, neighborhood (Brazil and a few more). */
    extendedFields?: { streetName?: string; streetNumber?: string; complement?: string; neighborhood?: string };
    city: string;
    postalCode: string;
    countryCode: string;
    stateOrRegion?: string;
    phone?: string;
    addressType?: 'Residential' | 'Commercial';
  };
  items: ScenarioOrderItem[];
  /** The seller's own order number (v0 `SellerOrderId`, 2026 an alias of type SELLER_ORDER_ID). */
  sellerOrderId?: string;
  /** A replacement order: the order it replaces (v0 `ReplacedOrderId`, 2026 `associatedOrders`). */
  replacedOrderId?: string;
  /** Who canceled a Canceled order, and why (2026 `cancellation.cancellationExecution`). */
  cancellation?: { by: 'BUYER' | 'MERCHANT' | 'AMAZON'; reason: string };
  /**
   * Blocks of an Orders 2026-01-01 answer the order's state does not model (package statuses, tax
   * registrations, points, substitution options…), as a recorded answer showed them; the 2026 answer is built
   * from the state and these fill in only what the state leaves out. Items by orderItemId.
   */
  recorded2026?: { order?: Record<string, unknown>; items?: Record<string, Record<string, unknown>> };
  /** Flags as Amazon sends them; unset ones are false (IsReplacementOrder the string "false", as real answers send it). */
  flags?: Partial<Record<OrderFlag, AmazonFlag>>;
  shipServiceLevel?: string;
  shipmentServiceLevelCategory?: string;
  orderType?: string;
  paymentMethod?: string;
  paymentMethodDetails?: string[];
  paymentExecutionDetail?: { Payment: { CurrencyCode: string; Amount: string }; PaymentMethod: string; [k: string]: unknown }[];
  /** Absolute times as Amazon wrote them; unset ones follow the purchase date. */
  earliestShipDate?: string;
  latestShipDate?: string;
  earliestDeliveryDate?: string;
  latestDeliveryDate?: string;
  defaultShipFromLocationAddress?: Record<string, string>;
  fulfillmentSupplySourceId?: string;
  hasAutomatedShippingSettings?: boolean;
  easyShipShipmentStatus?: string;
  electronicInvoiceStatus?: string;
  regulatedInfo?: ScenarioRegulatedInfo;
  /** updateShipmentStatus (in-store pickup): the last status the seller set. */
  pickupStatus?: 'ReadyForPickup' | 'PickedUp' | 'RefusedPickup';
}
