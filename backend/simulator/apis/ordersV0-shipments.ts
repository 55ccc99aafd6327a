/**
 * Orders v0 writes about shipping: confirmShipment (merchant-fulfilled orders) and updateShipmentStatus (the
 * pickup states of in-store pickup orders). Both answer 204 with no body.
 */
import { findOrder, shippedQuantity } from './ordersV0-render';
import { orderChanged } from '../order-events';
import { ApiError, invalidInput, requireSeller, type ApiHandler } from './types';

interface ConfirmBody {
  marketplaceId: string;
  packageDetail: {
    packageReferenceId: string;
    carrierCode: string;
    trackingNumber: string;
    shipDate: string;
    orderItems: { orderItemId: string; quantity: number }[];
  };
}

/** Order times are whole seconds on Amazon. */
const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

export const confirmShipment: ApiHandler = (ctx) => {
  const { order: o } = findOrder(ctx);
  const body = ctx.body as ConfirmBody;
  // Amazon's published case answers a date that is not ISO 8601 ("02/21/2022") with the code "Invalid Input" —
  // spelled with a space, unlike its other errors — so this check comes before the model's (ownBodyRules).
  const given = (body as Partial<ConfirmBody> | null)?.packageDetail?.shipDate;
  if (typeof given === 'string' && (!/^\d{4}-\d{2}-\d{2}T/.test(given) || Number.isNaN(Date.parse(given))))
    throw new ApiError(400, 'Invalid Input', 'Invalid Input', 'packageDetail.shipDate must be an ISO 8601 date-time.');
  if (!ctx.op.validateBody?.(body))
    throw invalidInput('The request body is invalid.', ctx.sim.models.formatErrors(ctx.op.validateBody?.errors).replace(/^data/, 'body'));
  if (body.marketplaceId !== o.marketplaceId)
    throw invalidInput(`marketplaceId ${body.marketplaceId} is not the marketplace of order ${o.amazonOrderId}.`);
  if (o.fulfillmentChannel === 'AFN') throw invalidInput(`Order ${o.amazonOrderId} is fulfilled by Amazon; it cannot be confirmed.`);
  if (o.orderStatus !== 'Unshipped' && o.orderStatus !== 'PartiallyShipped')
    throw invalidInput(`Order ${o.amazonOrderId} has status ${o.orderStatus}; only Unshipped or PartiallyShipped orders can be confirmed.`);
  for (const line of body.packageDetail.orderItems) {
    const item = o.items.find((i) => i.orderItemId === line.orderItemId);
    if (!item) throw invalidInput(`Order item ${line.orderItemId} is not part of order ${o.amazonOrderId}.`);
    if (!(line.quantity >= 1) || line.quantity > item.quantity - shippedQuantity(o, item.orderItemId))
      throw invalidInput(`Quantity ${line.quantity} exceeds the unshipped quantity of order item ${line.orderItemId}.`);
  }
  const { packageReferenceId, carrierCode, trackingNumber, shipDate, orderItems } = body.packageDetail;
  o.shipments.push({ packageReferenceId, carrierCode, trackingNumber, shipDate, items: orderItems.map((i) => ({ ...i })) });
  const all = o.items.every((i) => shippedQuantity(o, i.orderItemId) >= i.quantity);
  o.orderStatus = all ? 'Shipped' : 'PartiallyShipped';
  o.lastUpdateDateMs = wholeSecond(ctx.sim.clock.nowMs());
  orderChanged(ctx.sim.world, requireSeller(ctx).sellerId, o, {
    type: 'OrderStatusChange',
    atMs: o.lastUpdateDateMs,
    reason: 'ShipmentConfirmed',
  });
  return { status: 204 };
};

interface ShipmentStatusBody {
  marketplaceId: string;
  shipmentStatus: 'ReadyForPickup' | 'PickedUp' | 'RefusedPickup';
  orderItems?: { orderItemId?: string; quantity?: number }[];
}

/**
 * In-store pickup: the seller says the order is ready, picked up, or refused at the counter. Amazon knows
 * the marketplace before the order (error 1001 for an unknown one); picked up means shipped.
 */
export const updateShipmentStatus: ApiHandler = (ctx) => {
  const body = ctx.body as ShipmentStatusBody;
  if (!ctx.sim.world.marketplaces.has(body.marketplaceId)) throw invalidInput('Marketplace ID is not defined', '1001');
  const { order: o } = findOrder(ctx);
  if (body.marketplaceId !== o.marketplaceId)
    throw invalidInput(`marketplaceId ${body.marketplaceId} is not the marketplace of order ${o.amazonOrderId}.`);
  if (o.flags?.IsISPU !== true && o.flags?.IsISPU !== 'true')
    throw invalidInput(`Order ${o.amazonOrderId} is not an in-store pickup order; its shipment status cannot be updated.`);
  if (o.orderStatus !== 'Unshipped' && o.orderStatus !== 'PartiallyShipped')
    throw invalidInput(`Order ${o.amazonOrderId} has status ${o.orderStatus}; its shipment status cannot be updated.`);
  for (const line of body.orderItems ?? [])
    if (line.orderItemId !== undefined && !o.items.some((i) => i.orderItemId === line.orderItemId))
      throw invalidInput(`Order item ${line.orderItemId} is not part of order ${o.amazonOrderId}.`);
  o.pickupStatus = body.shipmentStatus;
  if (body.shipmentStatus === 'PickedUp') {
    o.orderStatus = 'Shipped';
    o.shipments = [];
  }
  o.lastUpdateDateMs = wholeSecond(ctx.sim.clock.nowMs());
  if (body.shipmentStatus === 'PickedUp')
    orderChanged(ctx.sim.world, requireSeller(ctx).sellerId, o, {
      type: 'OrderStatusChange',
      atMs: o.lastUpdateDateMs,
      reason: 'PickedUp',
    });
  return { status: 204 };
};
