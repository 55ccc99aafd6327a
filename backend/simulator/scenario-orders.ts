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
  /** The buyer asked to cancel this item (Amazon: `BuyerRequestedCancel`). */
  buyerRequestedCancel?: { reason: string };
  /** getOrderItemsBuyerInfo: the buyer's customization and gift wrap. */
  buyerCustomizedUrl?: string;
  giftMessageText?: string;
  giftWrap?: { level: string; price: string; currencyCode?: string };
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
  buyer: { name: string; email: string };
  shippingAddress: {
    name: string;
    addressLine1: string;
    city: string;
    postalCode: string;
    countryCode: string;
    stateOrRegion?: string;
    phone?: string;
    addressType?: 'Residential' | 'Commercial';
  };
  items: ScenarioOrderItem[];
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
