/** Sign-in, sign-out and who am I. HTTP only: the work is in AuthService. API tokens: tokens.routes.ts. */
import type { FastifyInstance } from 'fastify';
import { ROLE_LABELS, ROLE_PERMISSIONS } from './permissions';
import { SESSION_COOKIE } from './index';

export default async function authRoutes(app: FastifyInstance) {
  const { COOKIE_SECURE, LOGIN_RATE_LIMIT_PER_MINUTE } = app.config;
  const failedByEmail = new Map<string, number[]>();

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
      // Per-e-mail limit on failures, on top of the per-address limit, against spread-out guessing.
      const now = Date.now();
      const recent = (failedByEmail.get(email) ?? []).filter((t) => now - t < 60_000);
      if (recent.length >= LOGIN_RATE_LIMIT_PER_MINUTE) {
        return reply.status(429).send({
          error: { code: 'RATE_LIMITED', message: 'Too many failed sign-ins for this e-mail. Wait a minute and try again.', details: null },
        });
      }
      try {
        const { token, user, expiresAt } = await app.auth.login(email, request.body.password);
        failedByEmail.delete(email);
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
        failedByEmail.set(email, [...recent, now]);
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
