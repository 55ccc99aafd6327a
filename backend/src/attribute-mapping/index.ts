/** Attribute mapping: Amazon attributes ↔ catalog attributes per marketplace. Decorates `app.attributeMapping`. */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { AttributeMappingService } from './mapping.service';
import mappingRoutes from './mapping.routes';

declare module 'fastify' {
  interface FastifyInstance {
    attributeMapping: AttributeMappingService;
  }
}

export default fp(
  async function attributeMappingPlugin(app: FastifyInstance) {
    app.decorate('attributeMapping', new AttributeMappingService(app.db, app.audit, app.catalog));
    await app.register(mappingRoutes);
  },
  { name: 'attribute-mapping', dependencies: ['db', 'auth', 'audit', 'catalog'] },
);
