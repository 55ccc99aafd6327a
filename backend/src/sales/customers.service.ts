/**
 * Customers per website, matched by e-mail the way Magento does (one account per e-mail and website). The
 * e-mail is kept trimmed and in lower case, so "Buyer@Example.com" and "buyer@example.com" are one customer.
 */
import type { Knex } from 'knex';
import { isUniqueViolation } from '../db/errors';
import { fromDbTime, toDbTime } from '../db/time';
import { invalid, notFound } from '../platform/errors';

export interface Customer {
  id: number;
  websiteId: number;
  email: string;
  firstname: string;
  lastname: string;
  group: string;
  createdAt: string;
}

export interface CustomerInput {
  email: string;
  firstname?: string | null;
  lastname?: string | null;
}

function toCustomer(r: Record<string, unknown>): Customer {
  return {
    id: Number(r.id),
    websiteId: Number(r.website_id),
    email: String(r.email),
    firstname: String(r.firstname),
    lastname: String(r.lastname),
    group: String(r.customer_group),
    createdAt: fromDbTime(r.created_at as string)!,
  };
}

const clean = (text: string | null | undefined, field: string, max: number): string => {
  const value = (text ?? '').trim();
  if (value.length > max || value.includes('\u0000'))
    throw invalid([{ field, message: `must be text of at most ${max} characters without NUL` }]);
  return value;
};

export class CustomersService {
  constructor(private readonly now: () => Date = () => new Date()) {}

  /**
   * The website's customer with this e-mail, created when there is none (`created: true`). Runs in the
   * caller's transaction; two processes creating the same customer at once end with one row (the second
   * finds the first's after the unique key refuses its own).
   */
  async findOrCreate(trx: Knex, websiteId: number, input: CustomerInput): Promise<{ customer: Customer; created: boolean }> {
    const email = clean(input.email, 'email', 255).toLowerCase();
    if (!email.includes('@')) throw invalid([{ field: 'email', message: 'must be an e-mail address' }]);
    const existing = await trx('customers').where({ website_id: websiteId, email }).first();
    if (existing) return { customer: toCustomer(existing), created: false };
    const row = {
      website_id: websiteId,
      email,
      firstname: clean(input.firstname, 'firstname', 255),
      lastname: clean(input.lastname, 'lastname', 255),
      customer_group: 'general',
      created_at: toDbTime(this.now()),
    };
    try {
      // In a savepoint: a refused insert leaves the caller's transaction as it was.
      const id = await trx.transaction(async (sp) => Number((await sp('customers').insert(row))[0]));
      return { customer: toCustomer({ id, ...row }), created: true };
    } catch (err) {
      if (!isUniqueViolation(err)) {
        if (/FOREIGN KEY|foreign key constraint/i.test(String((err as Error).message))) throw notFound('Website', websiteId);
        throw err;
      }
      // A locking read: on MySQL it sees the row the other transaction committed, not this one's older snapshot.
      const winner = await trx('customers').where({ website_id: websiteId, email }).forShare().first();
      return { customer: toCustomer(winner), created: false };
    }
  }

  async get(id: number, db: Knex): Promise<Customer | null> {
    const row = await db('customers').where({ id }).first();
    return row ? toCustomer(row) : null;
  }
}
