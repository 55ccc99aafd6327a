/**
 * Saved views of the Sales > Orders grid, each admin's own: a name and the grid's filters and sort.
 * Saving under a name the admin already used replaces that view; another admin's view is never seen
 * (it answers 404 like one that does not exist).
 */
import type { Knex } from 'knex';
import type { AuditActor, AuditLog } from '../audit/index';
import { isUniqueViolation } from '../db/errors';
import { json } from '../db/rows';
import { fromDbTime, toDbTime } from '../db/time';
import { AppError, invalid, notFound } from '../platform/errors';

export type ViewFilters = Record<string, unknown>;

export interface OrderView {
  id: number;
  name: string;
  filters: ViewFilters;
  createdAt: string;
  updatedAt: string;
}

/** How many views one admin keeps. */
export const MAX_VIEWS_PER_USER = 50;

function toView(r: Record<string, unknown>): OrderView {
  return {
    id: Number(r.id),
    name: String(r.name),
    filters: json<ViewFilters>(r.filters, {}),
    createdAt: fromDbTime(r.created_at as string)!,
    updatedAt: fromDbTime(r.updated_at as string)!,
  };
}

function userOf(actor: AuditActor): { id: number; email: string } {
  const who = actor.admin ?? actor.user;
  if (!who) throw new AppError('UNAUTHENTICATED', 'Saved views belong to a signed-in admin');
  return who;
}

export class OrderViewsService {
  constructor(
    private readonly db: Knex,
    private readonly audit: AuditLog,
  ) {}

  async list(actor: AuditActor): Promise<OrderView[]> {
    const rows = await this.db('sales_order_views')
      .where({ user_id: userOf(actor).id })
      .orderBy('name')
      .orderBy('id');
    return rows.map(toView);
  }

  async save(actor: AuditActor, input: { name: string; filters: ViewFilters }): Promise<OrderView> {
    const user = userOf(actor);
    const name = input.name.trim();
    if (!name) throw invalid([{ field: 'body.name', message: 'must not be blank' }]);
    return this.db
      .transaction(async (trx) => this.write(trx, actor, user.id, name, input.filters))
      .catch((err: unknown) => {
        // The same admin saving the same new name twice at once: the second finds the unique key taken.
        if (isUniqueViolation(err)) throw new AppError('CONFLICT', `A view named "${name}" was saved at the same time; try again`);
        throw err;
      });
  }

  private async write(trx: Knex.Transaction, actor: AuditActor, userId: number, name: string, filters: ViewFilters): Promise<OrderView> {
    const now = toDbTime();
    const existing = await trx('sales_order_views').where({ user_id: userId, name }).forUpdate().first();
    let id: number;
    if (existing) {
      id = Number(existing.id);
      await trx('sales_order_views')
        .where({ id })
        .update({ filters: JSON.stringify(filters), updated_at: now });
    } else {
      const count = await trx('sales_order_views').where({ user_id: userId }).count({ n: '*' }).first();
      if (Number(count?.n ?? 0) >= MAX_VIEWS_PER_USER) {
        throw new AppError('CONFLICT', `You have ${MAX_VIEWS_PER_USER} saved views; delete one first`, { max: MAX_VIEWS_PER_USER });
      }
      const [inserted] = await trx('sales_order_views').insert({
        user_id: userId,
        name,
        filters: JSON.stringify(filters),
        created_at: now,
        updated_at: now,
      });
      id = Number(inserted);
    }
    await this.audit.record(actor, { action: 'save_order_view', entityType: 'sales_order_view', entityId: id, details: { name } }, trx);
    return toView((await trx('sales_order_views').where({ id }).first())!);
  }

  async delete(actor: AuditActor, id: number): Promise<void> {
    const user = userOf(actor);
    await this.db.transaction(async (trx) => {
      const row = await trx('sales_order_views').where({ id, user_id: user.id }).first('name');
      if (!row) throw notFound('Saved view', id);
      await trx('sales_order_views').where({ id }).delete();
      await this.audit.record(
        actor,
        { action: 'delete_order_view', entityType: 'sales_order_view', entityId: id, details: { name: row.name } },
        trx,
      );
    });
  }
}
