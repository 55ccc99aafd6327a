/**
 * The commerce catalog: websites and store views, attributes, products, inventory (MSI sources,
 * stocks, source items, reservations, salable quantity) and the catalog change log.
 * Decorates `app.catalog` for other domains; they never read catalog tables directly.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { ChangeLog } from './changes';
import { CatalogImportService } from './imports.service';
import { InventoryService } from './inventory.service';
import { ProductsService } from './products.service';
import { StructureService } from './structure.service';
import productRoutes from './products.routes';
import inventoryRoutes from './inventory.routes';
import structureRoutes from './structure.routes';
import importRoutes from './imports.routes';

export interface CatalogModule {
  /** The durable change log: record inside write transactions, read forward from a cursor. */
  changes: ChangeLog;
  /** Product grid, detail, CSV export and product updates. */
  products: ProductsService;
  /** Salable quantity (`salableQty(skus, stockId)`), source items, stock settings, reservations. */
  inventory: InventoryService;
  /** Websites, store views, attributes, attribute sets, categories, sources and stocks. */
  structure: StructureService;
  /** Catalog > Import: uploaded Magento product CSVs, planned, then run. */
  imports: CatalogImportService;
}

declare module 'fastify' {
  interface FastifyInstance {
    catalog: CatalogModule;
  }
}

export default fp(
  async function catalogPlugin(app: FastifyInstance) {
    // The jobs plugin decorates the clock after this one registers: read it when a change is recorded.
    const changes = new ChangeLog(app.db, () => (app.hasDecorator('clock') ? app.clock.now() : new Date()));
    const imports = new CatalogImportService(app.db, app.audit, changes, app.config.CATALOG_IMPORT_MAX_MB * 1024 * 1024);
    app.decorate('catalog', {
      changes,
      products: new ProductsService(app.db, app.audit, changes),
      inventory: new InventoryService(app.db, app.audit, changes),
      structure: new StructureService(app.db, app.audit),
      imports,
    });
    // Uploads waiting to be run are temporary files: they go with the process.
    app.addHook('onClose', () => imports.close());
    await app.register(productRoutes);
    await app.register(inventoryRoutes);
    await app.register(structureRoutes);
    await app.register(importRoutes);
  },
  { name: 'catalog', dependencies: ['config', 'db', 'auth', 'audit'] },
);
