/**
 * Admin access. Decorates `app.auth` (AuthService) and registers the sign-in, admin-user and API-token routes.
 * Who may call a route is declared on the route and checked on the matched route by ./access.ts;
 * cookie sessions are for the admin, bearer tokens for API clients.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { AuthService } from './auth.service';
import authRoutes from './auth.routes';
import usersRoutes from './users.routes';
import tokensRoutes from './tokens.routes';

export { SESSION_COOKIE, requirePermission } from './access';

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthService;
  }
}

export default fp(
  async function authPlugin(app: FastifyInstance) {
    app.decorate('auth', new AuthService(app.db, app.config.SESSION_TTL_MINUTES));

    await app.register(authRoutes);
    await app.register(usersRoutes);
    await app.register(tokensRoutes);
    app.addHook('onReady', async () => {
      const { ADMIN_EMAIL, ADMIN_NAME, ADMIN_PASSWORD } = app.config;
      const first = await app.auth.ensureFirstAdministrator(ADMIN_EMAIL, ADMIN_NAME, ADMIN_PASSWORD);
      if (first.generatedPassword) {
        // Printed once, on the console only (not through the logger, whose output may be shipped elsewhere).
        process.stdout.write(
          `\n  First administrator created: ${ADMIN_EMAIL}\n  Generated password (shown once): ${first.generatedPassword}\n  Change it under System > Admin Users.\n\n`,
        );
      } else if (first.created) app.log.info({ email: ADMIN_EMAIL }, 'first administrator created');
      // Not fatal here: the variable no longer sets anyone's password, but an admin may still use it.
      if (first.weakPassword) {
        app.log.warn(
          `ADMIN_PASSWORD ${first.weakPassword} It is only used to create the first administrator, so remove it; change the password of any admin who still signs in with it.`,
        );
      }
    });
  },
  { name: 'auth', dependencies: ['db', 'audit', 'access', '@fastify/cookie'] },
);
