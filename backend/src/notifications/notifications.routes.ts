/** The notification intake's health over HTTP (tag `amazon-notifications`): HTTP only. */
import type { FastifyInstance } from 'fastify';

const time = { type: ['string', 'null'], format: 'date-time' } as const;
const int = { type: 'integer', minimum: 0 } as const;
const statusSchema = {
  type: 'object',
  required: ['enabled', 'queueUrl', 'running', 'lastPollAt', 'lastMessageAt', 'lastError', 'counters', 'totals'],
  properties: {
    enabled: { type: 'boolean', description: 'AMAZON_NOTIFICATIONS is on' },
    queueUrl: { type: ['string', 'null'] },
    running: { type: 'boolean', description: 'this process is long-polling the queue' },
    lastPollAt: { ...time, description: 'the last answer from SQS (empty or not)' },
    lastMessageAt: time,
    lastError: { type: ['string', 'null'], description: 'why the last receive failed; cleared by the next that works' },
    counters: {
      type: 'object',
      description: 'messages since this process started',
      required: ['received', 'handled', 'duplicates', 'malformed', 'ignored', 'failed'],
      properties: { received: int, handled: int, duplicates: int, malformed: int, ignored: int, failed: int },
    },
    totals: {
      type: 'object',
      description: 'every notification recorded, across processes and restarts',
      required: ['total', 'handled', 'unhandled', 'dropped', 'lastReceivedAt'],
      properties: { total: int, handled: int, unhandled: int, dropped: int, lastReceivedAt: time },
    },
  },
} as const;

export default async function notificationsRoutes(app: FastifyInstance) {
  app.get(
    '/api/notifications/status',
    {
      config: { access: 'stores.read' },
      schema: {
        tags: ['amazon-notifications'],
        summary:
          'Amazon notifications (SQS): on or off, the queue, whether this process is reading it, the last poll and message, the last error, and counts',
        response: { 200: statusSchema },
      },
    },
    () => app.notifications.status(),
  );
}
