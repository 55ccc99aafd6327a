/** A store's Amazon notifications state over HTTP (tag `amazon-notifications`): HTTP only. */
import type { FastifyInstance } from 'fastify';
import { storeNotificationsSchema } from '../../../schema/notifications';

export default async function subscriptionRoutes(app: FastifyInstance) {
  app.get<{ Params: { storeId: number } }>(
    '/api/notifications/stores/:storeId',
    {
      config: { access: 'stores.read' },
      schema: {
        tags: ['amazon-notifications'],
        summary: 'A store’s Amazon notifications: on or off, subscribed or not (and why not), the last notification received',
        params: { type: 'object', required: ['storeId'], properties: { storeId: { type: 'integer', minimum: 1 } } },
        response: { 200: storeNotificationsSchema },
      },
    },
    (request) => app.notificationSubscriptions.state(request.params.storeId),
  );
}
