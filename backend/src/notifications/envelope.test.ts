/** The SQS message body → notification reader, with Amazon's example and the bodies it must survive. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readEnvelope } from './envelope';

const schema = JSON.parse(
  readFileSync(new URL('../../../fixtures/amazon-models/schemas/notifications/OrderChangeNotification.json', import.meta.url), 'utf8'),
) as { examples: unknown[] };

describe('notification envelope', () => {
  it('reads Amazon’s ORDER_CHANGE example', () => {
    const e = readEnvelope(JSON.stringify(schema.examples[0]));
    assert.equal(e.kind, 'order-change');
    if (e.kind !== 'order-change') return;
    assert.deepEqual(e.change, {
      notificationId: 'd0e9e693-c3ad-4373-979f-ed4ec98dd746',
      sellerId: 'A3TH9S8BH6GOGM',
      amazonOrderId: '903-8868176-2219830',
      marketplaceId: 'ATVPDKIKX0DER',
      orderStatus: 'Unshipped',
      changeType: 'BuyerRequestedChange',
      changeReason: 'Buyer Requested Cancel',
      fulfillmentType: 'MFN',
      eventTime: '2020-01-11T00:09:53.109Z',
      changedAt: '2022-11-29T19:42:04.284Z',
    });
  });

  it('an ORDER_CHANGE with only what it must have', () => {
    const e = readEnvelope(
      JSON.stringify({
        NotificationType: 'ORDER_CHANGE',
        NotificationMetadata: { NotificationId: 'n1' },
        Payload: { OrderChangeNotification: { SellerId: 'S', AmazonOrderId: 'O' } },
      }),
    );
    assert.equal(e.kind === 'order-change' && e.change.orderStatus, null);
  });

  it('other types are readable but not order changes', () => {
    const e = readEnvelope(
      JSON.stringify({
        NotificationType: 'ANY_OFFER_CHANGED',
        NotificationMetadata: { NotificationId: 'n2' },
        Payload: { AnyOfferChangedNotification: { SellerId: 'S' } },
      }),
    );
    assert.deepEqual(e, { kind: 'other', notificationId: 'n2', type: 'ANY_OFFER_CHANGED', sellerId: 'S' });
  });

  it('unreadable bodies say why, and never throw', () => {
    const reasons = [
      undefined,
      '',
      'not json',
      '[1,2]',
      'null',
      JSON.stringify({ NotificationMetadata: { NotificationId: 'x' } }),
      JSON.stringify({ NotificationType: 'ORDER_CHANGE' }),
      JSON.stringify({
        NotificationType: 'ORDER_CHANGE',
        NotificationMetadata: { NotificationId: 'n3' },
        Payload: { OrderChangeNotification: {} },
      }),
    ].map((b) => {
      const e = readEnvelope(b);
      return e.kind === 'unreadable' ? e.reason : e.kind;
    });
    assert.deepEqual(reasons, [
      'the message body is not JSON',
      'the message body is not JSON',
      'the message body is not JSON',
      'the message body is not a JSON object',
      'the message body is not a JSON object',
      'no NotificationType',
      'no NotificationMetadata.NotificationId',
      'an ORDER_CHANGE without Payload.OrderChangeNotification.SellerId and AmazonOrderId',
    ]);
  });
});
