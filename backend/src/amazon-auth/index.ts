/**
 * Seller Central consent for Connect and the yearly Renew, the OAuth callback, and the authorization
 * jobs (expiry reminders, revocation check). Decorates `app.amazonAuth`. Tokens land on the store
 * through `app.stores`; Amazon is reached only through `app.spapi`.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { resolveEncryptionKey } from '../platform/secrets';
import amazonAuthRoutes, { CALLBACK_PATH } from './amazon-auth.routes';
import { ConsentService } from './consent.service';
import { defineAuthorizationJobs } from './jobs';
import { stateKey } from './state';

declare module 'fastify' {
  interface FastifyInstance {
    amazonAuth: { consent: ConsentService };
  }
}

export default fp(
  async function amazonAuthPlugin(app: FastifyInstance) {
    const consent = new ConsentService({
      db: app.db,
      audit: app.audit,
      stores: app.stores,
      spapi: app.spapi,
      clock: app.clock,
      // The same key material as app.secrets (config or ./data/secret.key), derived for a different purpose.
      stateKey: stateKey(resolveEncryptionKey(app.config.ENCRYPTION_KEY)),
      redirectUri: () => `${app.config.PUBLIC_URL}${CALLBACK_PATH}`,
      betaConsent: app.config.AMAZON_MODE === 'simulator',
    });
    app.decorate('amazonAuth', { consent });
    defineAuthorizationJobs(app);
    await app.register(amazonAuthRoutes);
  },
  { name: 'amazon-auth', dependencies: ['stores', 'spapi', 'jobs', 'auth', 'config'] },
);

export { EXPIRY_SWEEP_JOB, AUTHORIZATION_CHECK_JOB } from './jobs';
