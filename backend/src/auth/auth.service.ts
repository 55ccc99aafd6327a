/**
 * Admin access: sign-in, sessions (cookie) and API tokens (bearer, managed by `tokens`), the first
 * administrator, and the admin-user use cases. Tokens are random 32-byte strings; only their SHA-256 is stored.
 */
import type { Knex } from 'knex';
import { AppError, conflict, invalid, notFound } from '../platform/errors';
import { dbTimeAfter, fromDbTime, toDbTime } from '../db/time';
import { ConfigError } from '../platform/config';
import { generatePassword, hashPassword, verifyPassword } from './passwords';
import { passwordProblem } from './password-strength';
import { ApiTokenService } from './api-tokens';
import { newSecretToken, sha256 } from './secret-tokens';
import { ROLE_LABELS, type Role } from './permissions';
import * as q from './users.queries';

export interface AdminPrincipal {
  id: number;
  email: string;
  name: string;
  role: Role;
  roleLabel: string;
  tokenHash: string;
  via: 'cookie' | 'api_token';
}

// Re-exported for the consent flow, which binds a consent to the admin's session the same way.
export { sha256 };

/** Refresh last_seen_at at most this often, so reads do not turn into a write per request. */
const TOUCH_INTERVAL_MS = 60_000;

export class AuthService {
  readonly tokens: ApiTokenService;

  constructor(
    private readonly db: Knex,
    private readonly sessionTtlMinutes: number,
  ) {
    this.tokens = new ApiTokenService(db);
  }

  /** Verifies the credentials; the same error for an unknown e-mail and a wrong password. */
  async login(email: string, password: string): Promise<{ token: string; user: q.AdminUser; expiresAt: string }> {
    const row = await q.findUserByEmail(this.db, email);
    // Hash even when the user is unknown, so timing does not reveal which e-mails exist.
    const ok = await verifyPassword(password, row?.password_hash ?? 'scrypt$16384$8$1$AAAA$AAAA');
    if (!row || !ok) throw new AppError('INVALID_CREDENTIALS', 'The e-mail or password is not correct.');
    const user = q.toAdminUser(row);
    if (!user.isActive) throw new AppError('FORBIDDEN', 'This account is disabled. Ask an administrator to enable it.');
    const token = newSecretToken();
    const expiresAt = dbTimeAfter(this.sessionTtlMinutes * 60_000);
    const now = toDbTime();
    await this.db.transaction(async (trx) => {
      await q.insertSession(trx, {
        token_hash: sha256(token),
        user_id: user.id,
        kind: 'cookie',
        label: null,
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
        revoked_at: null,
        public_id: null,
        last_used_at: null,
      });
      await trx('admin_users').where({ id: user.id }).update({ last_login_at: now });
    });
    return { token, user, expiresAt: fromDbTime(expiresAt)! };
  }

  /**
   * Resolves a token to its admin. Returns why it failed instead of throwing: a missing token and
   * an expired one are different answers for the admin UI (log in, or log in again and come back).
   */
  async authenticate(token: string): Promise<AdminPrincipal | 'missing' | 'expired'> {
    const session = await q.findSession(this.db, sha256(token));
    if (!session || session.revoked_at) return 'missing';
    const now = new Date();
    if (new Date(fromDbTime(session.expires_at)!) <= now) return 'expired';
    const row = await q.findUserById(this.db, session.user_id);
    if (!row) return 'missing';
    const user = q.toAdminUser(row);
    if (!user.isActive) return 'missing';
    if (session.kind === 'cookie' && now.getTime() - new Date(fromDbTime(session.last_seen_at)!).getTime() > TOUCH_INTERVAL_MS) {
      // Sliding expiry: an admin who keeps working stays signed in.
      await this.db('admin_sessions')
        .where({ token_hash: session.token_hash })
        .update({ last_seen_at: toDbTime(now), expires_at: dbTimeAfter(this.sessionTtlMinutes * 60_000, now) });
    }
    if (session.kind === 'api_token') await this.tokens.recordUse(session, now);
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      roleLabel: ROLE_LABELS[user.role],
      tokenHash: session.token_hash,
      via: session.kind,
    };
  }

  logout(tokenHash: string) {
    return q.revokeSession(this.db, tokenHash);
  }

  /**
   * Creates the first administrator when there is no admin user; returns the generated password if one was made.
   * A weak ADMIN_PASSWORD stops the start (ConfigError, reported like any bad setting) rather than
   * becoming the password of an account that may do everything. Once an admin exists the variable is
   * not used, and a weak one only earns `weakPassword` so the caller can warn.
   */
  async ensureFirstAdministrator(
    email: string,
    name: string,
    password: string,
  ): Promise<{ created: boolean; generatedPassword?: string; weakPassword?: string }> {
    const problem = password ? passwordProblem(password, [email, name]) : null;
    if ((await q.countUsers(this.db)) > 0) return problem ? { created: false, weakPassword: problem } : { created: false };
    if (problem) {
      throw new ConfigError([
        `ADMIN_PASSWORD: ${problem} Choose a harder one for the first administrator, or leave it empty to have one generated and printed once.`,
      ]);
    }
    const generated = password ? undefined : generatePassword();
    await q.insertUser(this.db, { email, name, role: 'administrator', passwordHash: await hashPassword(password || generated!) });
    return generated ? { created: true, generatedPassword: generated } : { created: true };
  }

  async listUsers(): Promise<q.AdminUser[]> {
    const rows = await this.db<q.AdminUserRow>('admin_users').orderBy('id');
    return rows.map(q.toAdminUser);
  }

  async getUser(id: number): Promise<q.AdminUser> {
    const row = await q.findUserById(this.db, id);
    if (!row) throw notFound('Admin user', id);
    return q.toAdminUser(row);
  }

  async createUser(input: { email: string; name: string; role: Role; password: string }, trx: Knex = this.db): Promise<q.AdminUser> {
    checkPassword(input.password, [input.email, input.name]);
    if (await q.findUserByEmail(trx, input.email)) {
      throw invalid([{ field: 'body.email', message: `an admin user with e-mail ${input.email} already exists` }]);
    }
    const id = await q.insertUser(trx, { ...input, passwordHash: await hashPassword(input.password) });
    return q.toAdminUser((await q.findUserById(trx, id))!);
  }

  async updateUser(
    id: number,
    changes: { name?: string; role?: Role; isActive?: boolean },
    actorId: number,
    trx: Knex = this.db,
  ): Promise<q.AdminUser> {
    const row = await q.findUserById(trx, id);
    if (!row) throw notFound('Admin user', id);
    const user = q.toAdminUser(row);
    const losesAdmin = user.role === 'administrator' && user.isActive && (changes.role === 'catalog_manager' || changes.isActive === false);
    if (losesAdmin && (await q.countActiveAdministrators(trx)) <= 1) {
      throw conflict('This is the last active administrator; make another administrator first.');
    }
    if (id === actorId && changes.isActive === false) throw conflict('You cannot disable your own account.');
    const patch: Record<string, unknown> = { updated_at: toDbTime() };
    if (changes.name !== undefined) patch['name'] = changes.name;
    if (changes.role !== undefined) patch['role'] = changes.role;
    if (changes.isActive !== undefined) patch['is_active'] = changes.isActive;
    await trx('admin_users').where({ id }).update(patch);
    if (changes.isActive === false || changes.role !== undefined) await q.revokeUserSessions(trx, id);
    return q.toAdminUser((await q.findUserById(trx, id))!);
  }

  async resetPassword(id: number, password: string, trx: Knex = this.db): Promise<void> {
    const row = await q.findUserById(trx, id);
    if (!row) throw notFound('Admin user', id);
    checkPassword(password, [row.email, row.name]);
    await trx('admin_users')
      .where({ id })
      .update({ password_hash: await hashPassword(password), updated_at: toDbTime() });
    await q.revokeUserSessions(trx, id);
  }
}

/** Refuses a short or guessable password with the reason, on the field the admin typed it in. */
function checkPassword(password: string, userInputs: readonly string[]): void {
  const problem = passwordProblem(password, userInputs);
  if (problem) throw invalid([{ field: 'body.password', message: problem }]);
}
