/**
 * An Orders 2026-01-01 `Order` (as getOrder answers it) as order state (see order-replay.ts): the fields the
 * state models are read into it, so Orders v0 answers the order too and later changes (payment, shipment,
 * cancellation) show in both versions; the whole answer is also kept as `recorded2026`, which fills in the
 * blocks the state does not model (package statuses, tax registrations, points…) when 2026 answers it again.
 */
import type { AmazonFlag, OrderFlag, ScenarioOrderItem } from './scenario';
import type { OrderState, World } from './state';
import { orderStatusFor } from './apis/orders_2026-01-01-render';
import { Reader, ReplayError, checkCommon, currencyOf, defined } from './order-replay';

type Json = Record<string, unknown>;

/** 2026 programs that are v0 flags. */
const PROGRAM_FLAGS: Record<string, OrderFlag> = {
  PRIME: 'IsPrime',
  AMAZON_BUSINESS: 'IsBusinessOrder',
  PREMIUM: 'IsPremiumOrder',
  IN_STORE_PICK_UP: 'IsISPU',
  INVOICE_BY_AMAZON: 'IsIBA',
};

/** `NEXT_DAY` → `NextDay`, `NEW` → `New`. */
const pascal = (s: string) =>
  s
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

const cents = (s: string | undefined) => Math.round(Number(s ?? 0) * 100);
const decimal = (c: number) => (c / 100).toFixed(2);

function item(i: Reader, currency: { code?: string }, shipped: { orderItemId: string; quantity: number }[]): ScenarioOrderItem {
  const orderItemId = i.need('orderItemId');
  const quantity = i.int('quantityOrdered');
  if (quantity === undefined) throw new ReplayError(`${i.at}.quantityOrdered is required`);
  const product = i.sub('product');
  if (!product) throw new ReplayError(`${i.at}.product is required`);
  const unit = product.sub('price')?.sub('unitPrice');
  currency.code ??= unit?.str('currencyCode');
  const breakdown = (type: string) =>
    i
      .sub('proceeds')
      ?.list('breakdowns')
      .find((b) => b.str('type') === type)
      ?.sub('subtotal')
      ?.str('amount');
  // A canceled item reads quantityOrdered 0; the units it had are not in the answer.
  const units = quantity || 1;
  const line = unit ? decimal(cents(unit.str('amount')) * units) : (breakdown('ITEM') ?? '0.00');
  const f = i.sub('fulfillment');
  const done = f?.int('quantityFulfilled') ?? 0;
  if (done > 0) shipped.push({ orderItemId, quantity: done });
  const gift = f?.sub('packing')?.sub('giftOption');
  const request = i.sub('cancellation')?.sub('cancellationRequest');
  const condition = product.sub('condition')?.str('conditionType');
  const discount = breakdown('DISCOUNT');
  const scheme = i.sub('tax')?.list('taxCalculationBreakdowns')[0]?.str('reportingScheme');
  return {
    orderItemId,
    sku: product.need('sellerSku'),
    asin: product.need('asin'),
    title: product.str('title') ?? '',
    quantity: units,
    itemPrice: line,
    ...defined({
      itemTax: breakdown('TAX'),
      promotionDiscount: discount !== undefined ? decimal(Math.abs(cents(discount))) : undefined,
      conditionId: condition ? pascal(condition) : undefined,
      promotionIds: i
        .sub('promotion')
        ?.list('breakdowns')
        .map((b) => b.need('promotionId')),
      buyerRequestedCancel: request ? { reason: request.str('cancelReason') ?? '' } : undefined,
      buyerCustomizedUrl: product.sub('customization')?.str('customizedUrl'),
      giftMessageText: gift?.str('giftMessage'),
      giftWrap: gift?.str('giftWrapLevel') ? { level: gift.need('giftWrapLevel') } : undefined,
      deemedResellerCategory: scheme === 'IOSS' || scheme === 'UOSS' ? (scheme as 'IOSS' | 'UOSS') : undefined,
    }),
  };
}

/** An Orders 2026-01-01 Order as order state. */
export function orderFrom2026(world: World, order: unknown): OrderState {
  const r = Reader.of(order, 'order');
  const id = r.need('orderId');
  const channel = r.sub('salesChannel');
  if (!channel) throw new ReplayError('order.salesChannel is required');
  const marketplaceId = channel.need('marketplaceId');
  checkCommon(world, id, marketplaceId, 'order');
  const f = r.sub('fulfillment');
  if (!f) throw new ReplayError('order.fulfillment is required (ask getOrder for includedData FULFILLMENT): it holds the status');
  const fs = f.need('fulfillmentStatus');
  const status = orderStatusFor(fs);
  if (!status) throw new ReplayError(`order.fulfillment.fulfillmentStatus '${fs}' is not a FulfillmentStatus`);
  const by = f.str('fulfilledBy') ?? 'MERCHANT';
  if (by !== 'MERCHANT' && by !== 'AMAZON') throw new ReplayError('order.fulfillment.fulfilledBy must be MERCHANT or AMAZON');
  const currency: { code?: string } = { code: r.sub('proceeds')?.sub('grandTotal')?.str('currencyCode') };
  const shipped: { orderItemId: string; quantity: number }[] = [];
  const rawItems = r.list('orderItems');
  if (rawItems.length === 0) throw new ReplayError("order.orderItems must list the order's items");
  const items = rawItems.map((i) => item(i, currency, shipped));
  const buyer = r.sub('buyer');
  const a = r.sub('recipient')?.sub('deliveryAddress');
  const ext = a?.sub('extendedFields');
  const programs = Array.isArray(r.o.programs) ? r.o.programs.map(String) : [];
  const flags: Partial<Record<OrderFlag, AmazonFlag>> = Object.fromEntries(
    programs.filter((p) => PROGRAM_FLAGS[p]).map((p) => [PROGRAM_FLAGS[p], true]),
  );
  const execution = r.list('orderItems')[0]?.sub('cancellation')?.sub('cancellationExecution');
  const packages = r.list('packages').filter((p) => p.str('trackingNumber'));
  const rest: Json = { ...r.o };
  delete rest.orderItems;
  const addressType = a?.str('addressType');
  return {
    amazonOrderId: id,
    marketplaceId,
    purchaseDateMs: r.time('createdTime'),
    lastUpdateDateMs: r.time('lastUpdatedTime'),
    orderStatus: status,
    fulfillmentChannel: by === 'AMAZON' ? 'AFN' : 'MFN',
    currencyCode: currency.code ?? currencyOf(world, marketplaceId),
    buyer: {
      name: buyer?.str('buyerName') ?? '',
      email: buyer?.str('buyerEmail') ?? '',
      ...defined({ companyName: buyer?.str('buyerCompanyName'), purchaseOrderNumber: buyer?.str('buyerPurchaseOrderNumber') }),
    },
    shippingAddress: {
      name: a?.str('name') ?? '',
      addressLine1: a?.str('addressLine1') ?? '',
      city: a?.str('city') ?? '',
      postalCode: a?.str('postalCode') ?? '',
      countryCode: a?.str('countryCode') ?? world.marketplaces.get(marketplaceId)?.countryCode ?? '',
      ...defined({
        addressLine2: a?.str('addressLine2'),
        addressLine3: a?.str('addressLine3'),
        companyName: a?.str('companyName'),
        districtOrCounty: a?.str('districtOrCounty'),
        municipality: a?.str('municipality'),
        stateOrRegion: a?.str('stateOrRegion'),
        phone: a?.str('phone'),
        addressType: addressType ? (pascal(addressType) as 'Residential' | 'Commercial') : undefined,
        extendedFields: ext ? (ext.o as OrderState['shippingAddress']['extendedFields']) : undefined,
      }),
    },
    items,
    flags,
    shipments: packages.length
      ? packages.map((p) => ({
          packageReferenceId: p.need('packageReferenceId'),
          carrierCode: p.str('carrier') ?? '',
          trackingNumber: p.need('trackingNumber'),
          shipDate: p.str('shipTime') ?? r.need('lastUpdatedTime'),
          items: p.list('packageItems').map((x) => ({ orderItemId: x.need('orderItemId'), quantity: x.int('quantity') ?? 0 })),
        }))
      : status === 'PartiallyShipped' && shipped.length
        ? [{ packageReferenceId: '', carrierCode: '', trackingNumber: '', shipDate: r.need('lastUpdatedTime'), items: shipped }]
        : [],
    recorded2026: { order: rest, items: Object.fromEntries(rawItems.map((i) => [i.need('orderItemId'), i.o])) },
    ...defined({
      sellerOrderId: r
        .list('orderAliases')
        .find((x) => x.str('aliasType') === 'SELLER_ORDER_ID')
        ?.need('aliasId'),
      replacedOrderId: r
        .list('associatedOrders')
        .find((x) => x.str('associationType') === 'REPLACEMENT_ORIGINAL_ID')
        ?.str('orderId'),
      shipmentServiceLevelCategory: f.str('fulfillmentServiceLevel') ? pascal(f.need('fulfillmentServiceLevel')) : undefined,
      orderType: programs.includes('PREORDER') ? 'Preorder' : undefined,
      earliestShipDate: f.sub('shipByWindow')?.str('earliestDateTime'),
      latestShipDate: f.sub('shipByWindow')?.str('latestDateTime'),
      earliestDeliveryDate: f.sub('deliverByWindow')?.str('earliestDateTime'),
      latestDeliveryDate: f.sub('deliverByWindow')?.str('latestDateTime'),
      paymentExecutionDetail: paymentsOf(r),
      cancellation: execution
        ? { by: (execution.str('cancelledBy') ?? 'AMAZON') as 'BUYER' | 'MERCHANT' | 'AMAZON', reason: execution.str('cancelReason') ?? '' }
        : undefined,
    }),
  };
}

function paymentsOf(r: Reader): OrderState['paymentExecutionDetail'] {
  const list = r.sub('payment')?.list('paymentExecutions') ?? [];
  if (!list.length) return undefined;
  return list.map((p) => {
    const m = p.sub('paymentAmount');
    const out: Json = {
      Payment: { CurrencyCode: m?.need('currencyCode') ?? '', Amount: m?.need('amount') ?? '0' },
      PaymentMethod: p.str('paymentMethod') ?? 'Other',
      ...defined({ AcquirerId: p.str('acquirerId'), CardBrand: p.str('cardBrand'), AuthorizationCode: p.str('authorizationCode') }),
    };
    return out as NonNullable<OrderState['paymentExecutionDetail']>[number];
  });
}
