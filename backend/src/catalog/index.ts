/**
 * The commerce catalog: websites and store views, attributes, products, inventory (MSI sources,
 * stocks, source items, reservations, salable quantity) and the catalog change log.
 * Decorates `app.catalog` for other domains; they never read catalog tables directly.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { ChangeLog } from './changes';

export interface CatalogModule {
  changes: ChangeLog;
}

declare module 'fastify' {
  interface FastifyInstance {
    catalog: CatalogModule;
  }
}

export default fp(
  async function catalogPlugin(app: FastifyInstance) {
    app.decorate('catalog', { changes: new ChangeLog(app.db) });
  },
  { name: 'catalog', dependencies: ['db', 'auth', 'audit'] },
);
