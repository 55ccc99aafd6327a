/**
 * An Amazon order (as `readAmazonOrder` gives it) → the commerce order (`NewOrder`) under a store's settings. Pure,
 * unit-tested. Amounts are Amazon's own (its tax as charged — marketplace facilitator or not — never recomputed);
 * the discount is turned positive, the shipping tax counted inside the tax, as the sales core's totals rule wants.
 * Buyer name, e-mail and address go into the order only.
 */
import type { OrderImportSettings } from '../../../schema/amazon-orders';
import type { AmazonAddress, AmazonOrder } from '../spapi/index';
import type { NewOrder, NewOrderAddress, NewOrderItem } from '../sales/types';

export interface MappingContext {
  storeId: number;
  websiteId: number;
  storeViewId: number;
  /** The marketplace's country, when Amazon's address has none. */
  country: string;
  /** The marketplace's currency, when Amazon's amounts name none. */
  currency: string;
  marketplaceId: string;
  /** Seller SKU → catalog SKU (resolved before). */
  skus: Map<string, string>;
  customerId: number | null;
}

const r4 = (n: number) => Math.round(n * 10000) / 10000;
const num = (v: string | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));
const abs = (v: string | null | undefined) => Math.abs(num(v));

/** "Jane Q. Buyer" → Jane Q. / Buyer; one word is the last name. */
export function splitName(name: string | null): { firstname: string | null; lastname: string | null } {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (!parts.length) return { firstname: null, lastname: null };
  if (parts.length === 1) return { firstname: null, lastname: parts[0]! };
  return { firstname: parts.slice(0, -1).join(' '), lastname: parts[parts.length - 1]! };
}

export function toAddress(a: AmazonAddress | null, fallbackCountry: string, email: string | null): NewOrderAddress | null {
  if (!a) return null;
  return {
    ...splitName(a.name),
    company: a.companyName,
    street: a.lines.length ? a.lines : [],
    city: a.city,
    region: a.region,
    postcode: a.postalCode,
    countryId: (a.countryCode ?? fallbackCountry).toUpperCase(),
    telephone: a.phone,
    email,
  };
}

/** Amazon's status as the order keeps it (the 2026 enum, as the grid shows it). */
export const amazonStatusText = (o: AmazonOrder) => o.status ?? 'UNKNOWN';

/** The e-mail an order must carry when Amazon withholds the buyer's (FBA orders, orders not paid yet). */
export const placeholderEmail = (amazonOrderId: string) => `${amazonOrderId.replace(/[^A-Za-z0-9-]/g, '')}@buyer.amazon.invalid`;

export function shippingMethodOf(settings: OrderImportSettings, serviceLevel: string | null): { code: string; title: string } {
  const level = serviceLevel ?? 'Standard';
  const m = settings.shippingMethods.find((x) => x.serviceLevel.toLowerCase() === level.toLowerCase());
  if (m) return { code: m.code, title: m.title };
  // An unmapped level still says what Amazon called it.
  return { code: `amazon_${level.replace(/[^A-Za-z0-9]+/g, '_').toLowerCase()}`.slice(0, 60), title: `Amazon ${level}` };
}

export function isMarketplaceFacilitator(o: AmazonOrder): boolean {
  return o.items.some((i) => (i.taxCollectionModel ?? '').toUpperCase() === 'MARKETPLACE_FACILITATOR');
}

export function toNewOrder(o: AmazonOrder, settings: OrderImportSettings, ctx: MappingContext): NewOrder {
  const currency = o.currency ?? o.items.find((i) => i.currency)?.currency ?? ctx.currency;
  const items: NewOrderItem[] = o.items
    .filter((i) => i.quantityOrdered > 0)
    .map((i) => {
      const price = num(i.unitPrice);
      const rowTotal = i.itemSubtotal !== null ? num(i.itemSubtotal) : r4(price * i.quantityOrdered);
      return {
        sku: ctx.skus.get(i.sku ?? '') ?? i.sku ?? i.asin ?? i.orderItemId,
        name: i.title ?? i.sku ?? i.orderItemId,
        qtyOrdered: i.quantityOrdered,
        price,
        rowTotal,
        taxAmount: num(i.itemTax),
        discountAmount: abs(i.discount),
        externalItemId: i.orderItemId,
      };
    });
  const sum = (f: (i: AmazonOrder['items'][number]) => number) => r4(o.items.reduce((a, i) => a + f(i), 0));
  const subtotal = r4(items.reduce((a, i) => a + (i.rowTotal ?? 0), 0));
  const shippingAmount = sum((i) => num(i.shippingPrice) + num(i.giftWrapPrice));
  const shippingTaxAmount = sum((i) => num(i.shippingTax));
  const taxAmount = sum((i) => num(i.itemTax) + num(i.shippingTax));
  const discountAmount = sum((i) => abs(i.discount) + abs(i.shippingDiscount));
  const grandTotal = r4(subtotal + shippingAmount + taxAmount - discountAmount);
  const email = o.buyerEmail;
  const buyer = splitName(o.buyerName);
  const shipping = toAddress(o.shippingAddress, ctx.country, email);
  const method = shippingMethodOf(settings, o.serviceLevel);
  const channel = o.fulfilledBy === 'AMAZON' ? 'AFN' : 'MFN';
  const buyerRegistrations = o.taxRegistrations
    .filter((t) => (t.entity ?? 'BUYER').toUpperCase() === 'BUYER' && t.number)
    .map((t) => ({ type: t.type ?? 'VAT', value: t.number!, country: null }));
  const notes = [
    `Imported from Amazon order ${o.orderId} (${amazonStatusText(o)}${channel === 'AFN' ? ', fulfilled by Amazon' : ''}).`,
    isMarketplaceFacilitator(o)
      ? 'Tax as Amazon charged it: Amazon collects and remits it as marketplace facilitator.'
      : 'Tax as Amazon charged it.',
    o.isReplacement && o.replacedOrderId ? `Replacement for Amazon order ${o.replacedOrderId}.` : null,
    o.isBusiness && o.purchaseOrderNumber ? `Amazon Business order, purchase order ${o.purchaseOrderNumber}.` : null,
    o.grandTotal !== null && Math.abs(num(o.grandTotal) - grandTotal) > 0.0001
      ? `Amazon's order total ${o.grandTotal} ${currency} (the order total counts items, shipping, tax and discounts).`
      : null,
  ].filter((x): x is string => x !== null);
  return {
    websiteId: ctx.websiteId,
    storeViewId: ctx.storeViewId,
    source: 'amazon',
    ...(settings.numbering === 'amazon' ? { incrementId: o.orderId } : { incrementPrefix: settings.numberPrefix }),
    state: 'processing',
    status: settings.statusMapping.unshipped,
    customerId: ctx.customerId,
    customerEmail: email ?? placeholderEmail(o.orderId),
    customerFirstname: buyer.firstname,
    customerLastname: buyer.lastname,
    orderCurrencyCode: currency,
    totals: { subtotal, taxAmount, shippingAmount, shippingTaxAmount, discountAmount, grandTotal },
    paymentMethod: 'amazon',
    shippingMethod: method.code,
    shippingDescription: method.title,
    items,
    // Amazon shares no billing address: the order's billing is the buyer's shipping address, as Amazon's own exports do.
    billingAddress: shipping,
    shippingAddress: shipping,
    ...(o.createdAt ? { purchasedAt: o.createdAt } : {}),
    amazon: {
      storeId: ctx.storeId,
      marketplaceId: o.marketplaceId ?? ctx.marketplaceId,
      amazonOrderId: o.orderId,
      amazonStatus: amazonStatusText(o),
      fulfillmentChannel: channel,
      purchaseDate: o.createdAt ?? new Date().toISOString(),
      earliestShipDate: o.earliestShipDate,
      latestShipDate: o.latestShipDate,
      isBusiness: o.isBusiness,
      isPrime: o.isPrime,
      isReplacement: o.isReplacement,
      replacedOrderId: o.replacedOrderId,
      purchaseOrderNumber: o.purchaseOrderNumber,
      buyerTaxRegistration: buyerRegistrations,
      salesChannel: null,
      shipServiceLevel: o.serviceLevel,
      lastUpdateDate: o.updatedAt,
    },
    comment: notes.join(' '),
    author: 'Amazon import',
    // Amazon's warehouses hold FBA stock: an FBA order reserves none of the catalog's.
    reserveStock: channel === 'MFN',
  };
}

/** The history note of a buyer's cancellation request (the seller decides: cancel, or ship). */
export const cancelRequestNote = (reason: string | null) =>
  `The buyer asked Amazon to cancel this order${reason ? ` (${reason})` : ''}: cancel it, or ship it and Amazon tells the buyer.`;
