/** Amazon notifications as the admin sees them per store (backend/src/notifications/subscriptions.routes.ts). */
const time = { type: ['string', 'null'], format: 'date-time' } as const;
const text = { type: ['string', 'null'] } as const;

export const storeNotificationsSchema = {
  type: 'object',
  required: ['enabled', 'subscribed', 'subscriptionId', 'subscribedAt', 'lastAttemptAt', 'lastError', 'lastNotificationAt'],
  properties: {
    enabled: { type: 'boolean', description: 'AMAZON_NOTIFICATIONS is on' },
    subscribed: { type: 'boolean', description: 'the connected store’s seller has a working ORDER_CHANGE subscription' },
    subscriptionId: text,
    subscribedAt: time,
    lastAttemptAt: { ...time, description: 'the last subscribe or unsubscribe attempt' },
    lastError: { ...text, description: 'why the last attempt failed (the periodic check retries)' },
    lastNotificationAt: { ...time, description: 'the last notification received for this store’s seller and marketplace' },
  },
} as const;
