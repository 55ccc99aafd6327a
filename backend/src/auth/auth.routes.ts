/** Sign-in, sign-out and who am I. HTTP only: the work is in AuthService. API tokens: tokens.routes.ts. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../platform/errors';
import { LoginThrottle } from './login-throttle';
import { ROLE_LABELS, ROLE_PERMISSIONS } from './permissions';
import { SESSION_COOKIE } from './index';

export default async function authRoutes(app: FastifyInstance) {
  const { COOKIE_SECURE, LOGIN_RATE_LIMIT_PER_MINUTE } = app.config;
  const throttle = new LoginThrottle({ maxFailures: LOGIN_RATE_LIMIT_PER_MINUTE });

  app.post<{ Body: { email: string; password: string } }>(
    '/api/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets the httpOnly session cookie',
        body: { $ref: 'LoginBody#' },
        response: { 200: { type: 'object', properties: { user: { $ref: 'Me#' } } } },
      },
    },
    async (request, reply) => {
      const email = request.body.email.toLowerCase();
      // On top of the per-address limit above: this address may be refused for this account, and an
      // account under attack from many addresses is slowed down (never refused: see login-throttle.ts).
      const verdict = throttle.check(request.ip, email);
      if (verdict.refused) {
        reply.header('retry-after', String(verdict.retryAfterSeconds));
        throw new AppError(
          'RATE_LIMITED',
          `Too many failed sign-ins for this e-mail from this address. Try again in ${Math.ceil(verdict.retryAfterSeconds / 60)} minutes.`,
        );
      }
      if (verdict.delayMs > 0) await sleep(verdict.delayMs);
      try {
        const { token, user, expiresAt } = await app.auth.login(email, request.body.password);
        throttle.succeeded(request.ip, email);
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: COOKIE_SECURE,
          maxAge: app.config.SESSION_TTL_MINUTES * 60,
        });
        await app.audit.record(
          { user: { id: user.id, email: user.email }, ip: request.ip },
          { action: 'login', entityType: 'admin_user', entityId: user.id },
        );
        return { user: { ...user, roleLabel: ROLE_LABELS[user.role], permissions: [...ROLE_PERMISSIONS[user.role]], expiresAt } };
      } catch (error) {
        if (error instanceof AppError && error.code === 'INVALID_CREDENTIALS') throttle.failed(request.ip, email);
        throw error;
      }
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['auth'], summary: 'Sign out: ends this session', response: { 204: { type: 'null' } } },
    },
    async (request, reply) => {
      await app.auth.logout(request.admin!.tokenHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['auth'], summary: 'The signed-in admin, role and permissions', response: { 200: { $ref: 'Me#' } } },
    },
    async (request) => {
      const admin = request.admin!;
      return {
        id: admin.id,
        email: admin.email,
        name: admin.name,
        role: admin.role,
        roleLabel: admin.roleLabel,
        permissions: [...ROLE_PERMISSIONS[admin.role]],
        expiresAt: null,
      };
    },
  );
}
