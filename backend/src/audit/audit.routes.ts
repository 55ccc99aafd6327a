/** System > Audit Log: who did what, when; filterable and paged. */
import type { FastifyInstance } from 'fastify';
import { pageOf } from '../../../schema/common';
import { whereContains } from '../db/like';
import { json } from '../db/rows';
import { fromDbTime, toDbTime } from '../db/time';

interface AuditQuery {
  page: number;
  pageSize: number;
  user?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
}

const auditEntrySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    userId: { type: ['integer', 'null'] },
    userEmail: { type: ['string', 'null'] },
    action: { type: 'string' },
    entityType: { type: 'string' },
    entityId: { type: ['string', 'null'] },
    details: {},
    ip: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
  },
} as const;

export default async function auditRoutes(app: FastifyInstance) {
  app.get<{ Querystring: AuditQuery }>(
    '/api/audit-log',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Audit log entries, newest first',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            page: { type: 'integer', minimum: 1, default: 1 },
            pageSize: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            user: { type: 'string', description: 'e-mail contains' },
            action: { type: 'string' },
            entityType: { type: 'string' },
            entityId: { type: 'string' },
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
          },
        },
        response: { 200: pageOf(auditEntrySchema) },
      },
    },
    async (request) => {
      const { page, pageSize, user, action, entityType, entityId, from, to } = request.query;
      const base = app.db('audit_log');
      // The e-mail contains the text, taken literally (`%` and `_` are not wildcards).
      if (user) whereContains(base, 'user_email', user);
      if (action) base.where({ action });
      if (entityType) base.where({ entity_type: entityType });
      if (entityId) base.where({ entity_id: entityId });
      if (from) base.where('created_at', '>=', toDbTime(new Date(from)));
      if (to) base.where('created_at', '<=', toDbTime(new Date(to)));
      const total = Number((await base.clone().count({ n: '*' }).first())?.n ?? 0);
      const rows = await base
        .orderBy('id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      return {
        total,
        page,
        pageSize,
        items: rows.map((r) => ({
          id: Number(r.id),
          userId: r.user_id,
          userEmail: r.user_email,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          details: json(r.details, null),
          ip: r.ip,
          createdAt: fromDbTime(r.created_at),
        })),
      };
    },
  );
}
