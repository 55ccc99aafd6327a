/**
 * Admin access. Decorates `app.auth` (AuthService) and guards every `/api` route: a route is
 * public only when it says `config: { public: true }`, and asks for a permission with
 * `config: { permission: 'catalog.write' }`. Cookie sessions for the admin, bearer tokens for API clients.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors';
import { AuthService, type AdminPrincipal } from './auth.service';
import { can, type Permission } from './permissions';
import authRoutes from './auth.routes';
import usersRoutes from './users.routes';

export const SESSION_COOKIE = 'asc_session';

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthService;
  }
  interface FastifyRequest {
    admin: AdminPrincipal | null;
  }
  interface FastifyContextConfig {
    /** No session needed (login, health). */
    public?: boolean;
    /** The permission the route needs beyond being signed in. */
    permission?: Permission;
  }
}

function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return request.cookies[SESSION_COOKIE];
}

/** Throws unless the signed-in admin holds the permission (for checks inside handlers). */
export function requirePermission(request: FastifyRequest, permission: Permission): AdminPrincipal {
  const admin = request.admin;
  if (!admin) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  if (!can(admin.role, permission)) {
    throw new AppError('FORBIDDEN', `Your role (${admin.roleLabel}) may not do this; it needs the "${permission}" permission.`, {
      permission,
    });
  }
  return admin;
}

export default fp(
  async function authPlugin(app: FastifyInstance) {
    app.decorate('auth', new AuthService(app.db, app.config.SESSION_TTL_MINUTES));
    app.decorateRequest('admin', null);

    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/api/')) return;
      const config = request.routeOptions.config;
      // An unknown /api route still needs a session, so its 404 does not map the API to strangers.
      if (config?.public) return;
      const token = tokenOf(request);
      if (!token) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
      const result = await app.auth.authenticate(token);
      if (result === 'expired') throw new AppError('SESSION_EXPIRED', 'Your session has expired. Sign in again to continue.');
      if (result === 'missing') throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
      request.admin = result;
      if (config?.permission) requirePermission(request, config.permission);
    });

    await app.register(authRoutes);
    await app.register(usersRoutes);

    app.addHook('onReady', async () => {
      const { ADMIN_EMAIL, ADMIN_NAME, ADMIN_PASSWORD } = app.config;
      const first = await app.auth.ensureFirstAdministrator(ADMIN_EMAIL, ADMIN_NAME, ADMIN_PASSWORD);
      if (first.generatedPassword) {
        // Printed once, on the console only (not through the logger, whose output may be shipped elsewhere).
        process.stdout.write(
          `\n  First administrator created: ${ADMIN_EMAIL}\n  Generated password (shown once): ${first.generatedPassword}\n  Change it under System > Admin Users.\n\n`,
        );
      } else if (first.created) app.log.info({ email: ADMIN_EMAIL }, 'first administrator created');
    });
  },
  { name: 'auth', dependencies: ['db', 'audit', '@fastify/cookie'] },
);
