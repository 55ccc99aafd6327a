/** Admin notifications over HTTP: every signed-in admin sees them (renewal reminders, revoked stores). */
import type { FastifyInstance } from 'fastify';
import { TAGS_NOTIFICATIONS, errors, idParams } from './routes-common';

const listSchema = {
  type: 'object',
  required: ['items', 'unread'],
  properties: {
    items: { type: 'array', items: { $ref: 'AdminNotification#' } },
    unread: { type: 'integer', description: 'Unread count (for the badge)' },
  },
} as const;

export default async function notificationRoutes(app: FastifyInstance) {
  app.get<{ Querystring: { unread?: boolean; storeId?: number; limit?: number } }>(
    '/api/notifications',
    {
      config: { access: 'stores.read' },
      schema: {
        tags: TAGS_NOTIFICATIONS,
        summary: 'Admin notifications, newest first, with the unread count',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            unread: { type: 'boolean', description: 'Only unread ones' },
            storeId: { type: 'integer', minimum: 1 },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
          },
        },
        response: { 200: listSchema, ...errors(400) },
      },
    },
    (request) => app.stores.notifications.list(request.query),
  );

  app.post<{ Params: { id: number } }>(
    '/api/notifications/:id/read',
    {
      config: { access: 'stores.read' },
      schema: {
        tags: TAGS_NOTIFICATIONS,
        summary: 'Mark one notification read',
        params: idParams,
        response: { 204: { type: 'null', description: 'Marked read' }, ...errors(404) },
      },
    },
    async (request, reply) => {
      await app.stores.notifications.markRead(request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: { access: 'stores.read' },
      schema: {
        tags: TAGS_NOTIFICATIONS,
        summary: 'Mark every notification read',
        response: { 200: { type: 'object', required: ['marked'], properties: { marked: { type: 'integer' } } } },
      },
    },
    async () => ({ marked: await app.stores.notifications.markAllRead() }),
  );
}
