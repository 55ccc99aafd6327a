/**
 * An SQS message body → the notification it carries, read tolerantly (pure). Amazon's envelope is
 * `{NotificationVersion, NotificationType, PayloadVersion, EventTime, Payload, NotificationMetadata: {NotificationId,
 * …}}`; ORDER_CHANGE's payload is `Payload.OrderChangeNotification` with `SellerId`, `AmazonOrderId`,
 * `OrderChangeType`, `OrderChangeTrigger` and a `Summary` (fixtures/amazon-models/schemas/notifications/
 * OrderChangeNotification.json). Anything else — not JSON, no NotificationId, an ORDER_CHANGE without its order — is
 * `unreadable` with the reason, never an exception: the consumer records, counts and deletes it.
 */

export interface OrderChange {
  notificationId: string;
  sellerId: string;
  amazonOrderId: string;
  marketplaceId: string | null;
  /** Amazon's v0 spelling: Pending, Unshipped, Shipped, Canceled… */
  orderStatus: string | null;
  /** OrderStatusChange or BuyerRequestedChange. */
  changeType: string | null;
  changeReason: string | null;
  /** MFN or AFN. */
  fulfillmentType: string | null;
  /** When Amazon published it (ISO), as it wrote it. */
  eventTime: string | null;
  /**
   * When the order changed (`OrderChangeTrigger.TimeOfOrderChange`, ISO): the order's update time of that version.
   * Publishing comes later, so only this one can be compared with the version an import already applied.
   */
  changedAt: string | null;
}

export type Envelope =
  | { kind: 'order-change'; notificationId: string; type: 'ORDER_CHANGE'; change: OrderChange }
  /** A readable notification of a type the channel does not handle (yet): recorded and dropped. */
  | { kind: 'other'; notificationId: string; type: string; sellerId: string | null }
  | { kind: 'unreadable'; notificationId: string | null; type: string | null; reason: string };

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const obj = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

export function readEnvelope(body: string | undefined): Envelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '');
  } catch {
    return { kind: 'unreadable', notificationId: null, type: null, reason: 'the message body is not JSON' };
  }
  const root = obj(parsed);
  if (!root) return { kind: 'unreadable', notificationId: null, type: null, reason: 'the message body is not a JSON object' };
  const type = str(root.NotificationType) ?? str(root.notificationType);
  const notificationId = str(obj(root.NotificationMetadata)?.NotificationId);
  if (!type) return { kind: 'unreadable', notificationId, type: null, reason: 'no NotificationType' };
  if (!notificationId) return { kind: 'unreadable', notificationId: null, type, reason: 'no NotificationMetadata.NotificationId' };
  const payload = obj(root.Payload);
  if (type !== 'ORDER_CHANGE') {
    const inner = payload ? obj(Object.values(payload)[0]) : null;
    return { kind: 'other', notificationId, type, sellerId: str(inner?.SellerId) ?? str(inner?.sellerId) };
  }
  const change = obj(payload?.OrderChangeNotification);
  const sellerId = str(change?.SellerId);
  const amazonOrderId = str(change?.AmazonOrderId);
  if (!change || !sellerId || !amazonOrderId)
    return {
      kind: 'unreadable',
      notificationId,
      type,
      reason: 'an ORDER_CHANGE without Payload.OrderChangeNotification.SellerId and AmazonOrderId',
    };
  const summary = obj(change.Summary);
  const trigger = obj(change.OrderChangeTrigger);
  return {
    kind: 'order-change',
    notificationId,
    type,
    change: {
      notificationId,
      sellerId,
      amazonOrderId,
      marketplaceId: str(summary?.MarketplaceId),
      orderStatus: str(summary?.OrderStatus),
      changeType: str(change.OrderChangeType),
      changeReason: str(trigger?.ChangeReason),
      fulfillmentType: str(summary?.FulfillmentType),
      eventTime: str(root.EventTime),
      changedAt: str(trigger?.TimeOfOrderChange),
    },
  };
}
