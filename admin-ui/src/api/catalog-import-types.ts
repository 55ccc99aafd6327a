/** Catalog > Import API types, derived from `schema/catalog-import.ts`. */
import type { catalogImportPlanSchema, catalogImportRunSchema, structurePlanSchema } from '../../../schema/catalog-import';
import type { FromSchema } from './from-schema';

export type CatalogImportPlan = FromSchema<typeof catalogImportPlanSchema>;
export type CatalogImportRun = FromSchema<typeof catalogImportRunSchema>;
export type StructurePlan = FromSchema<typeof structurePlanSchema>;
export type PlannedAttribute = StructurePlan['attributes'][number];
export type ImportRowError = CatalogImportPlan['errors'][number];
