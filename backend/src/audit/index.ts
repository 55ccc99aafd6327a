/**
 * The audit log: who did what, when. Writes record themselves through `app.audit.record`, inside
 * the same transaction as the change, so a change and its audit line land together or not at all.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { toDbTime } from '../db/time';
import auditRoutes from './audit.routes';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  details?: unknown;
}

/** Who acted: a request (with its signed-in admin) or an explicit actor for work outside a session. */
export interface AuditActor {
  admin?: { id: number; email: string } | null;
  user?: { id: number; email: string } | null;
  ip?: string;
}

export class AuditLog {
  constructor(private readonly db: Knex) {}

  async record(actor: AuditActor, entry: AuditEntry, trx: Knex = this.db): Promise<void> {
    const who = actor.admin ?? actor.user ?? null;
    await trx('audit_log').insert({
      user_id: who?.id ?? null,
      user_email: who?.email ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      details: entry.details === undefined ? null : JSON.stringify(entry.details),
      ip: actor.ip ?? null,
      created_at: toDbTime(),
    });
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    audit: AuditLog;
  }
}

export default fp(
  async function auditPlugin(app: FastifyInstance) {
    app.decorate('audit', new AuditLog(app.db));
    await app.register(auditRoutes);
  },
  { name: 'audit', dependencies: ['db'] },
);
