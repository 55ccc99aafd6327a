/**
 * Creating one order inside the caller's transaction: checks (shape, totals, website and store view,
 * customer, Amazon order id, order number), then the order, its items, addresses, Amazon link, first
 * history entry, audit record and — unless asked not to — its stock reservations. All of it runs in a
 * savepoint: a refusal found half-way (a duplicate key another process committed meanwhile) rolls the
 * savepoint back and is returned, so the caller's transaction holds nothing of the refused order.
 */
import type { Knex } from 'knex';
import type { AuditLog } from '../audit/index';
import type { CatalogModule } from '../catalog/index';
import { isUniqueViolation } from '../db/errors';
import { toDbTime } from '../db/time';
import { DEFAULT_STATUS } from './lifecycle';
import { orderInputProblems, timeText } from './order-input';
import { insertHistory, insertRow, orderIdByAmazonOrderId, orderIdByIncrementId, totalsColumns } from './orders.queries';
import type { OrderReservations } from './reservations';
import { nextIncrementId } from './sequences';
import { round4, toBase, totalsProblem } from './totals';
import type { CreateOrderError, CreateOrderResult, NewOrder, NewOrderAddress } from './types';

export interface CreateDeps {
  catalog: Pick<CatalogModule, 'structure' | 'products'>;
  audit: AuditLog;
  reservations: OrderReservations;
  now: () => Date;
}

/** A refusal found inside the savepoint: thrown to roll it back, returned by `createOrder`. */
class Refusal extends Error {
  constructor(
    readonly error: CreateOrderError,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const refused = (error: CreateOrderError, message: string, details?: Record<string, unknown>): CreateOrderResult => ({
  ok: false,
  error,
  message,
  ...(details ? { details } : {}),
});

export function addressRow(orderId: number, type: 'billing' | 'shipping', a: NewOrderAddress) {
  return {
    order_id: orderId,
    address_type: type,
    firstname: a.firstname ?? null,
    lastname: a.lastname ?? null,
    company: a.company ?? null,
    street: a.street.join('\n'),
    city: a.city ?? null,
    region: a.region ?? null,
    postcode: a.postcode ?? null,
    country_id: a.countryId,
    telephone: a.telephone ?? null,
    email: a.email ?? null,
  };
}

export async function createOrder(deps: CreateDeps, trx: Knex, input: NewOrder): Promise<CreateOrderResult> {
  const problems = orderInputProblems(input);
  if (problems.length) return refused('invalid_order', problems.join('; '), { problems });
  const rate = input.orderToBaseRate ?? 1;
  const totalsWrong = totalsProblem(input.totals);
  if (totalsWrong) return refused('totals_mismatch', totalsWrong, { totals: input.totals });
  const baseTotals = input.baseTotals ?? toBase(input.totals, rate);
  const baseWrong = totalsProblem(baseTotals, 'base grand total');
  if (baseWrong) return refused('totals_mismatch', baseWrong, { baseTotals });
  try {
    return await trx.transaction((sp) => insertOrder(deps, sp, input, rate, baseTotals));
  } catch (err) {
    if (err instanceof Refusal) return refused(err.error, err.message, err.details);
    throw err;
  }
}

async function insertOrder(
  deps: CreateDeps,
  sp: Knex.Transaction,
  input: NewOrder,
  rate: number,
  baseTotals: NewOrder['totals'],
): Promise<CreateOrderResult> {
  const website = (await deps.catalog.structure.websites(sp)).find((w) => w.id === input.websiteId);
  if (!website) throw new Refusal('invalid_order', `website ${input.websiteId} does not exist`);
  if (!website.storeViews.some((v) => v.id === input.storeViewId)) {
    throw new Refusal('invalid_order', `store view ${input.storeViewId} is not a store view of website ${website.code}`);
  }
  const customerId = input.customerId ?? null;
  if (customerId !== null) {
    const customer = await sp('customers').where({ id: customerId }).first('website_id');
    if (!customer || Number(customer.website_id) !== input.websiteId) {
      throw new Refusal('invalid_order', `customer ${customerId} is not a customer of website ${website.code}`);
    }
  }
  const amazonOrderId = input.amazon?.amazonOrderId;
  const duplicateAmazon = (orderId: number | null) =>
    new Refusal('duplicate_amazon_order_id', `Amazon order ${amazonOrderId} is already an order`, { amazonOrderId, orderId });
  if (amazonOrderId !== undefined) {
    const existing = await orderIdByAmazonOrderId(sp, amazonOrderId);
    if (existing !== null) throw duplicateAmazon(existing);
  }
  let incrementId: string;
  const duplicateNumber = (id: string) => new Refusal('duplicate_increment_id', `order number ${id} is already taken`, { incrementId: id });
  if (input.incrementId !== undefined) {
    incrementId = input.incrementId.trim();
    if ((await orderIdByIncrementId(sp, incrementId)) !== null) throw duplicateNumber(incrementId);
  } else {
    const next = await nextIncrementId(sp, input.storeViewId, input.incrementPrefix);
    if (next === null) throw new Refusal('duplicate_increment_id', 'the store view’s next order numbers are all taken');
    incrementId = next;
  }

  const now = toDbTime(deps.now());
  const state = input.state ?? 'new';
  const status = input.status ?? DEFAULT_STATUS[state];
  let orderId: number;
  try {
    orderId = await insertRow(sp, 'sales_orders', {
      increment_id: incrementId,
      website_id: input.websiteId,
      store_view_id: input.storeViewId,
      state,
      status,
      customer_id: customerId,
      customer_is_guest: customerId === null ? 1 : 0,
      customer_email: input.customerEmail.trim(),
      customer_firstname: input.customerFirstname ?? null,
      customer_lastname: input.customerLastname ?? null,
      order_currency_code: input.orderCurrencyCode,
      base_currency_code: input.baseCurrencyCode ?? website.baseCurrency,
      order_to_base_rate: rate,
      ...totalsColumns(input.totals, ''),
      ...totalsColumns(baseTotals, 'base_'),
      total_qty_ordered: round4(input.items.reduce((sum, i) => sum + i.qtyOrdered, 0)),
      shipping_method: input.shippingMethod ?? null,
      shipping_description: input.shippingDescription ?? null,
      payment_method: input.paymentMethod,
      source: input.source,
      // The grid's date: when the buyer ordered (an Amazon order's purchase date unless told otherwise).
      purchased_at: timeText(input.purchasedAt ?? input.amazon?.purchaseDate ?? deps.now()),
      created_at: now,
      updated_at: now,
    });
  } catch (err) {
    // Another process committed the same number since the check above.
    if (isUniqueViolation(err)) throw duplicateNumber(incrementId);
    throw err;
  }

  const productIds = await deps.catalog.products.idsBySku(
    input.items.map((i) => i.sku),
    sp,
  );
  await sp('sales_order_items').insert(
    input.items.map((i) => {
      const rowTotal = i.rowTotal ?? round4(i.price * i.qtyOrdered);
      return {
        order_id: orderId,
        sku: i.sku,
        product_id: productIds.get(i.sku) ?? null,
        name: i.name,
        qty_ordered: i.qtyOrdered,
        price: i.price,
        base_price: i.basePrice ?? round4(i.price * rate),
        tax_amount: i.taxAmount ?? 0,
        base_tax_amount: i.baseTaxAmount ?? round4((i.taxAmount ?? 0) * rate),
        discount_amount: i.discountAmount ?? 0,
        row_total: rowTotal,
        base_row_total: i.baseRowTotal ?? round4(rowTotal * rate),
        external_item_id: i.externalItemId ?? null,
      };
    }),
  );
  if (input.billingAddress) await sp('sales_order_addresses').insert(addressRow(orderId, 'billing', input.billingAddress));
  if (input.shippingAddress) await sp('sales_order_addresses').insert(addressRow(orderId, 'shipping', input.shippingAddress));

  if (input.amazon) {
    const a = input.amazon;
    const time = (v: Date | string | null | undefined) => (v === undefined || v === null ? null : timeText(v));
    try {
      await sp('sales_order_amazon').insert({
        order_id: orderId,
        store_id: a.storeId,
        marketplace_id: a.marketplaceId,
        amazon_order_id: a.amazonOrderId,
        amazon_status: a.amazonStatus,
        fulfillment_channel: a.fulfillmentChannel,
        purchase_date: time(a.purchaseDate),
        earliest_ship_date: time(a.earliestShipDate),
        latest_ship_date: time(a.latestShipDate),
        is_business: a.isBusiness ? 1 : 0,
        is_prime: a.isPrime ? 1 : 0,
        is_replacement: a.isReplacement ? 1 : 0,
        replaced_order_id: a.replacedOrderId ?? null,
        purchase_order_number: a.purchaseOrderNumber ?? null,
        buyer_tax_registration: a.buyerTaxRegistration?.length ? JSON.stringify(a.buyerTaxRegistration) : null,
        sales_channel: a.salesChannel ?? null,
        ship_service_level: a.shipServiceLevel ?? null,
        last_update_date: time(a.lastUpdateDate),
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw duplicateAmazon(null);
      if (/FOREIGN KEY|foreign key constraint/i.test(String((err as Error).message))) {
        throw new Refusal('invalid_order', `Amazon store ${a.storeId} does not exist`);
      }
      throw err;
    }
  }

  await insertHistory(sp, { orderId, status, comment: input.comment ?? null, author: input.author ?? null, createdAt: now });
  await deps.audit.record(
    {},
    {
      action: 'create',
      entityType: 'sales_order',
      entityId: orderId,
      // Numbers only: the buyer's name and address stay in the order.
      details: { incrementId, source: input.source, amazonOrderId: amazonOrderId ?? null, author: input.author ?? null },
    },
    sp,
  );
  if (input.reserveStock !== false) await deps.reservations.reserve(sp, orderId);
  return { ok: true, orderId, incrementId };
}
