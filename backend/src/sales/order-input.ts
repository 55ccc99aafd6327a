/**
 * Checks a `NewOrder` before anything is written: bounded, finite numbers, text without NUL that fits its
 * column, known currency and country shapes, dates that parse. Pure; the problems come back as words so an
 * importer can show why an order was not created. The totals rule is `totals.ts`'s.
 */
import { DECIMAL_MAX } from '../platform/strict-schemas';
import type { NewOrder, NewOrderAddress } from './types';

export const MAX_ITEMS = 1000;
const CURRENCY = /^[A-Z]{3}$/;
const COUNTRY = /^[A-Z]{2}$/;
const STATUS = /^[a-z][a-z0-9_]{0,31}$/;

/** A time from a Date or text (ISO, or the database's form), as UTC database text; null when it does not parse. */
export function timeText(value: Date | string): string | null {
  const date = value instanceof Date ? value : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

class Problems {
  readonly list: string[] = [];
  add(message: string) {
    this.list.push(message);
  }
  text(field: string, value: unknown, max: number, required = false) {
    if (value === undefined || value === null) {
      if (required) this.add(`${field} is required`);
      return;
    }
    if (typeof value !== 'string') return this.add(`${field} must be text`);
    if (required && !value.trim()) return this.add(`${field} must not be empty`);
    if (value.length > max) this.add(`${field} is longer than ${max} characters`);
    if (value.includes('\u0000')) this.add(`${field} must not contain a NUL character`);
  }
  amount(field: string, value: unknown, opts: { min?: number; required?: boolean } = {}) {
    if (value === undefined || value === null) {
      if (opts.required) this.add(`${field} is required`);
      return;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.add(`${field} must be a finite number`);
    const min = opts.min ?? 0;
    if (value < min || value > DECIMAL_MAX) this.add(`${field} must be between ${min} and ${DECIMAL_MAX}`);
  }
  time(field: string, value: unknown, required = false) {
    if (value === undefined || value === null) {
      if (required) this.add(`${field} is required`);
      return;
    }
    if (!(value instanceof Date) && typeof value !== 'string') return this.add(`${field} must be a date`);
    if (timeText(value) === null) this.add(`${field} is not a date: ${String(value).slice(0, 40)}`);
  }
}

function checkAddress(p: Problems, field: string, a: NewOrderAddress | null | undefined) {
  if (a === undefined || a === null) return;
  for (const key of ['firstname', 'lastname', 'company', 'city', 'region', 'telephone', 'email'] as const)
    p.text(`${field}.${key}`, a[key], 255);
  p.text(`${field}.postcode`, a.postcode, 32);
  if (!Array.isArray(a.street) || a.street.length > 4) p.add(`${field}.street must be a list of at most 4 lines`);
  else a.street.forEach((line, i) => p.text(`${field}.street[${i}]`, line, 255));
  if (typeof a.countryId !== 'string' || !COUNTRY.test(a.countryId))
    p.add(`${field}.countryId must be a two-letter country code (US, DE…)`);
}

/** Everything wrong with the order's shape; an empty list when it may be written. */
export function orderInputProblems(o: NewOrder): string[] {
  const p = new Problems();
  for (const key of ['websiteId', 'storeViewId'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) p.add(`${key} must be a positive whole number`);
  }
  if (o.source !== 'web' && o.source !== 'amazon') p.add('source must be web or amazon');
  p.text('incrementId', o.incrementId, 50);
  if (o.incrementId !== undefined && !o.incrementId.trim()) p.add('incrementId must not be empty');
  p.text('incrementPrefix', o.incrementPrefix, 20);
  if (o.state !== undefined && o.state !== 'new' && o.state !== 'processing') p.add('state must be new or processing');
  if (o.status !== undefined && !STATUS.test(o.status))
    p.add('status must be a lower-case code (letters, digits, _) of at most 32 characters');
  if (o.customerId !== undefined && o.customerId !== null && (!Number.isInteger(o.customerId) || o.customerId < 1))
    p.add('customerId must be a positive whole number');
  p.text('customerEmail', o.customerEmail, 255, true);
  if (typeof o.customerEmail === 'string' && !o.customerEmail.includes('@')) p.add('customerEmail must be an e-mail address');
  p.text('customerFirstname', o.customerFirstname, 255);
  p.text('customerLastname', o.customerLastname, 255);
  for (const key of ['orderCurrencyCode', 'baseCurrencyCode'] as const) {
    if ((key === 'orderCurrencyCode' || o[key] !== undefined) && (typeof o[key] !== 'string' || !CURRENCY.test(o[key] ?? '')))
      p.add(`${key} must be a three-letter currency code (USD, EUR…)`);
  }
  if (o.orderToBaseRate !== undefined) {
    if (!Number.isFinite(o.orderToBaseRate) || o.orderToBaseRate <= 0 || o.orderToBaseRate > 1_000_000)
      p.add('orderToBaseRate must be a number above 0 and at most 1000000');
  }
  p.text('paymentMethod', o.paymentMethod, 64, true);
  p.text('shippingMethod', o.shippingMethod, 120);
  p.text('shippingDescription', o.shippingDescription, 255);
  p.time('purchasedAt', o.purchasedAt);
  p.text('comment', o.comment, 5000);
  p.text('author', o.author, 255);
  if (!Array.isArray(o.items) || o.items.length === 0) p.add('an order needs at least one item');
  else if (o.items.length > MAX_ITEMS) p.add(`an order has at most ${MAX_ITEMS} items`);
  else {
    o.items.forEach((item, i) => {
      const f = `items[${i}]`;
      p.text(`${f}.sku`, item.sku, 64, true);
      p.text(`${f}.name`, item.name, 1000, true);
      p.text(`${f}.externalItemId`, item.externalItemId, 64);
      p.amount(`${f}.qtyOrdered`, item.qtyOrdered, { required: true });
      if (typeof item.qtyOrdered === 'number' && item.qtyOrdered <= 0) p.add(`${f}.qtyOrdered must be more than 0`);
      p.amount(`${f}.price`, item.price, { required: true });
      for (const key of ['basePrice', 'taxAmount', 'baseTaxAmount', 'discountAmount', 'rowTotal', 'baseRowTotal'] as const) {
        p.amount(`${f}.${key}`, item[key]);
      }
    });
  }
  checkAddress(p, 'billingAddress', o.billingAddress);
  checkAddress(p, 'shippingAddress', o.shippingAddress);
  if (o.amazon) {
    const a = o.amazon;
    if (!Number.isInteger(a.storeId) || a.storeId < 1) p.add('amazon.storeId must be a positive whole number');
    p.text('amazon.marketplaceId', a.marketplaceId, 32, true);
    p.text('amazon.amazonOrderId', a.amazonOrderId, 32, true);
    p.text('amazon.amazonStatus', a.amazonStatus, 32, true);
    if (a.fulfillmentChannel !== 'MFN' && a.fulfillmentChannel !== 'AFN') p.add('amazon.fulfillmentChannel must be MFN or AFN');
    p.time('amazon.purchaseDate', a.purchaseDate, true);
    for (const key of ['earliestShipDate', 'latestShipDate', 'lastUpdateDate'] as const) p.time(`amazon.${key}`, a[key]);
    p.text('amazon.replacedOrderId', a.replacedOrderId, 32);
    p.text('amazon.purchaseOrderNumber', a.purchaseOrderNumber, 64);
    p.text('amazon.salesChannel', a.salesChannel, 64);
    p.text('amazon.shipServiceLevel', a.shipServiceLevel, 120);
    (a.buyerTaxRegistration ?? []).forEach((r, i) => {
      p.text(`amazon.buyerTaxRegistration[${i}].type`, r.type, 64, true);
      p.text(`amazon.buyerTaxRegistration[${i}].value`, r.value, 255, true);
      p.text(`amazon.buyerTaxRegistration[${i}].country`, r.country, 2);
    });
    if (o.source !== 'amazon') p.add('an order with Amazon details must have source amazon');
  } else if (o.source === 'amazon') p.add('an Amazon order needs its Amazon details (amazon)');
  return p.list;
}
