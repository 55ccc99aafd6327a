/**
 * The whole service as one Fastify plugin: configuration, request validation and route access first, then three layers:
 * external (cookies, rate limits, OpenAPI) → platform (config, errors, db, audit, auth, health)
 * → domains (catalog, and the Amazon channel modules as they arrive).
 * server.ts wraps it in a process; tests register it on a fresh Fastify with their own database.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { AppConfig } from './platform/config';
import configPlugin from './platform/config-plugin';
import errorsPlugin from './platform/errors';
import validationPlugin from './platform/validation';
import dbPlugin from './platform/db';
import swaggerPlugin from './platform/swagger';
import securityHeaders from './platform/security-headers';
import healthRoutes from './platform/health';
import adminUiPlugin from './platform/admin-ui';
import auditPlugin from './audit/index';
import accessPlugin from './auth/access';
import authPlugin from './auth/index';
import catalogPlugin from './catalog/index';
import spapiPlugin from './spapi/index';
import jobsPlugin from './jobs/index';
import mailPlugin from './mail/index';
import storesPlugin from './stores/index';
import listingsSyncPlugin from './listings/sync/index';
import amazonAuthPlugin from './amazon-auth/index';
import attributeMappingPlugin from './attribute-mapping/index';
import listingsPlugin from './listings/index';
import inventoryPlugin from './inventory/index';
import amazonOrdersPlugin from './amazon-orders/index';
import notificationsPlugin from './notifications/index';
import notificationSubscriptionsPlugin from './notifications/subscriptions';
import salesPlugin from './sales/index';

export interface AppOptions {
  config: AppConfig;
  /** An open database to use instead of opening DATABASE_URL (tests). */
  knex?: Knex;
  /** Port of a simulator started in this process on port 0 (else SIMULATOR_PORT). */
  simulatorPort?: number;
  /** Its Seller Central port for browsers (else SIMULATOR_SELLER_CENTRAL_PORT). */
  simulatorSellerCentralPort?: number;
}

async function app(fastify: FastifyInstance, opts: AppOptions) {
  // First: the configuration, request validation (its compiler, JSON parser and input checks), the
  // security headers, cookies (parsed before the access check reads them), and the access check —
  // all must reach every route registered after them.
  await fastify.register(configPlugin, { config: opts.config });
  await fastify.register(validationPlugin);
  // Before the access check, so its refusals (401, 403) carry the security headers too.
  await fastify.register(securityHeaders);
  await fastify.register(cookie);
  await fastify.register(accessPlugin);

  // External
  await fastify.register(rateLimit, { global: false });
  await fastify.register(swaggerPlugin);

  // Platform
  await fastify.register(errorsPlugin);
  await fastify.register(dbPlugin, opts.knex ? { knex: opts.knex } : {});
  await fastify.register(auditPlugin);
  await fastify.register(authPlugin);
  await fastify.register(healthRoutes);
  if (opts.config.SERVE_ADMIN) await fastify.register(adminUiPlugin);
  await fastify.register(spapiPlugin, {
    ...(opts.simulatorPort !== undefined ? { simulatorPort: opts.simulatorPort } : {}),
    ...(opts.simulatorSellerCentralPort !== undefined ? { simulatorSellerCentralPort: opts.simulatorSellerCentralPort } : {}),
  });

  // Domains
  await fastify.register(catalogPlugin);
  await fastify.register(salesPlugin);
  await fastify.register(jobsPlugin);
  await fastify.register(mailPlugin);
  await fastify.register(storesPlugin);
  await fastify.register(listingsSyncPlugin);
  await fastify.register(amazonAuthPlugin);
  await fastify.register(attributeMappingPlugin);
  await fastify.register(listingsPlugin);
  await fastify.register(inventoryPlugin);
  await fastify.register(amazonOrdersPlugin);
  await fastify.register(notificationsPlugin);
  await fastify.register(notificationSubscriptionsPlugin);
}

// Not encapsulated: the decorators (db, auth, catalog…) are visible to the server and to tests.
export default fp(app, { name: 'app' });
