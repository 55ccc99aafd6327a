/**
 * Route access, decided on the matched route — never on the URL. Every route declares
 * `config: { access }` when it is registered: 'public', 'signed-in', or the permission it needs.
 * A route that declares nothing is refused at registration, so a forgotten declaration is a boot
 * failure rather than an open door. Third-party plugins whose routes cannot take options (the API
 * docs, the admin's static files) are registered inside a scope marked with `declareScopeAccess`.
 *
 * Registered before every other plugin, so its hooks reach every route and every scope.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../platform/errors';
import { can, PERMISSIONS, type Permission } from './permissions';
import { checkCrossOrigin } from './csrf';
import type { AdminPrincipal } from './auth.service';

export type RouteAccess = 'public' | 'signed-in' | Permission;
export const SESSION_COOKIE = 'asc_session';

declare module 'fastify' {
  interface FastifyInstance {
    /** Access of routes registered in this scope that declare none (third-party plugins only). */
    scopeAccess?: RouteAccess;
  }
  interface FastifyRequest {
    admin: AdminPrincipal | null;
    /** How the admin proved who they are: a session cookie (CSRF-checked) or a bearer token. */
    authenticatedBy: 'cookie' | 'bearer' | null;
  }
  interface FastifyContextConfig {
    /** Who may call the route: 'public', 'signed-in', or a permission. Required on every route. */
    access?: RouteAccess;
  }
}

const ACCESS_VALUES: readonly string[] = ['public', 'signed-in', ...PERMISSIONS];

/** Marks a scope whose routes (from a plugin that takes no route options) all share one access. */
export function declareScopeAccess(scope: FastifyInstance, access: RouteAccess): void {
  scope.decorate('scopeAccess', access);
}

function declaredAccess(scope: FastifyInstance, route: RouteOptions): RouteAccess {
  const access = route.config?.access ?? scope.scopeAccess;
  if (access === undefined) {
    throw new Error(
      `Route ${String(route.method)} ${route.url} declares no access: add config: { access: 'public' | 'signed-in' | '<permission>' }`,
    );
  }
  if (!ACCESS_VALUES.includes(access)) throw new Error(`Route ${String(route.method)} ${route.url} declares unknown access "${access}"`);
  return access;
}

/** What the API document says about a route's access: who may call it, and no security scheme when public. */
function documentedAccess(schema: NonNullable<RouteOptions['schema']>, access: RouteAccess): Record<string, unknown> {
  const who =
    access === 'public'
      ? 'Public: no session needed.'
      : access === 'signed-in'
        ? 'Any signed-in admin.'
        : `Needs the "${access}" permission.`;
  const description = typeof schema.description === 'string' ? `${schema.description}\n\n${who}` : who;
  return access === 'public' ? { description, security: [] } : { description };
}

function credentialsOf(request: FastifyRequest): { token: string; by: 'cookie' | 'bearer' } | null {
  const header = request.headers.authorization;
  if (header !== undefined) {
    // A malformed Authorization header is an error, not a reason to fall back to the cookie.
    const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,512})$/.exec(header.trim());
    if (!match?.[1]) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>".');
    return { token: match[1], by: 'bearer' };
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie ? { token: cookie, by: 'cookie' } : null;
}

/** Signs the request's admin in from its cookie or bearer token; throws 401 when there is none. */
export async function authenticate(app: FastifyInstance, request: FastifyRequest): Promise<AdminPrincipal> {
  const credentials = credentialsOf(request);
  if (!credentials) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  const result = await app.auth.authenticate(credentials.token);
  if (result === 'expired') {
    const message =
      credentials.by === 'bearer'
        ? 'This API token has expired. Create a new one under My Account > API tokens.'
        : 'Your session has expired. Sign in again to continue.';
    throw new AppError('SESSION_EXPIRED', message);
  }
  if (result === 'missing') throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  request.admin = result;
  request.authenticatedBy = credentials.by;
  return result;
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
  async function accessPlugin(app: FastifyInstance) {
    app.decorateRequest('admin', null);
    app.decorateRequest('authenticatedBy', null);

    app.addHook('onRoute', function (this: FastifyInstance, route) {
      const access = declaredAccess(this, route);
      route.config = { ...(route.config ?? {}), access };
      if (route.schema) route.schema = { ...route.schema, ...documentedAccess(route.schema, access) };
    });

    app.addHook('onRequest', async (request) => {
      // Unmatched requests are answered by the not-found handlers (which ask for a session themselves).
      if (request.is404) return;
      const access = request.routeOptions.config.access;
      // Every route got its access at registration; a matched route without one is refused, not served.
      if (access === undefined) throw new AppError('FORBIDDEN', 'This route declares no access.');
      if (access === 'public') {
        checkCrossOrigin(request, app.config.PUBLIC_URL);
        return;
      }
      await authenticate(app, request);
      if (request.authenticatedBy === 'cookie') checkCrossOrigin(request, app.config.PUBLIC_URL);
      if (access !== 'signed-in') requirePermission(request, access);
    });

    // An unknown route still needs a session, so its 404 does not map the API to strangers.
    app.setNotFoundHandler(async (request, reply) => {
      await authenticate(app, request);
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url}`, details: null } });
    });
  },
  { name: 'access', dependencies: ['config', '@fastify/cookie'] },
);
