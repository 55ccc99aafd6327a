/**
 * Catalog import in Magento's own CSV formats (products export/import, MSI source items) and the
 * demo catalog seed. Used by `npm run catalog:import`, the server's demo seed, tests and the bench.
 */
export { importProductsCsv } from './products-import';
export { importSourceItemsCsv } from './source-items-import';
export { ImportFileError, type CsvSource } from './csv-reader';
export { ensureDefaultStock, DEFAULT_STOCK_NAME } from './default-stock';
export { DEFAULT_SOURCE } from './product-writer';
export { seedDemoCatalog, createDemoStructure, DEMO_CATALOG_DIR, DEMO_SOURCES, type SeedLogger, type SeedResult } from './seed-demo';
export type { ImportOptions, ImportResult, RowError } from './result';
export { describePlan, isEmptyPlan, type StructurePlan, type PlannedAttribute, type PlannedAttributeSet } from './structure-plan';
export { describeMissing, type MissingStructure } from './missing-structure';
export { spoolToFile, spoolDir, UploadTooLargeError, type SpooledFile } from './spool';
