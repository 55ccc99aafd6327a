/** Small knex functions over admin_users and admin_sessions; each takes a knex or a transaction. */
import type { Knex } from 'knex';
import { bool } from '../db/rows';
import { fromDbTime, toDbTime } from '../db/time';
import type { Role } from './permissions';

export interface AdminUserRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  is_active: number | boolean;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface AdminUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

export function toAdminUser(row: AdminUserRow): AdminUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    isActive: bool(row.is_active),
    createdAt: fromDbTime(row.created_at)!,
    updatedAt: fromDbTime(row.updated_at)!,
    lastLoginAt: fromDbTime(row.last_login_at),
  };
}

export const findUserByEmail = (db: Knex, email: string) =>
  db<AdminUserRow>('admin_users').whereRaw('LOWER(email) = ?', [email.toLowerCase()]).first();

export const findUserById = (db: Knex, id: number) => db<AdminUserRow>('admin_users').where({ id }).first();

export const countUsers = async (db: Knex) => Number((await db('admin_users').count({ n: '*' }).first())?.n ?? 0);

export const countActiveAdministrators = async (db: Knex) =>
  Number((await db('admin_users').where({ role: 'administrator', is_active: true }).count({ n: '*' }).first())?.n ?? 0);

export async function insertUser(db: Knex, user: { email: string; name: string; role: Role; passwordHash: string }): Promise<number> {
  const now = toDbTime();
  const [id] = await db('admin_users').insert({
    email: user.email,
    name: user.name,
    role: user.role,
    password_hash: user.passwordHash,
    is_active: true,
    created_at: now,
    updated_at: now,
  });
  return Number(id);
}

export interface SessionRow {
  token_hash: string;
  user_id: number;
  kind: 'cookie' | 'api_token';
  label: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** The id an API token goes by in the API (null for cookie sessions). */
  public_id: string | null;
  /** When an API token last authenticated (null until its first use, and for cookie sessions). */
  last_used_at: string | null;
}

export const findSession = (db: Knex, tokenHash: string) => db<SessionRow>('admin_sessions').where({ token_hash: tokenHash }).first();

export const insertSession = (db: Knex, row: SessionRow) => db('admin_sessions').insert(row);

export const revokeSession = (db: Knex, tokenHash: string) =>
  db('admin_sessions').where({ token_hash: tokenHash }).update({ revoked_at: toDbTime() });

export const revokeUserSessions = (db: Knex, userId: number) =>
  db('admin_sessions').where({ user_id: userId }).whereNull('revoked_at').update({ revoked_at: toDbTime() });
