/**
 * Catalog > Import: a Magento product CSV uploaded, planned (what will be created, what the rows will
 * do), then run. Field names are the API's; the structure plan mirrors the importer's StructurePlan.
 */
import { ATTRIBUTE_SCOPES, ATTRIBUTE_TYPES } from './catalog';

const strings = { type: 'array', items: { type: 'string' } } as const;

export const structurePlanSchema = {
  type: 'object',
  required: ['attributeSets', 'attributes', 'options'],
  properties: {
    attributeSets: {
      type: 'array',
      description: 'New attribute sets; each starts with the attributes of Default',
      items: {
        type: 'object',
        required: ['code', 'name'],
        properties: { code: { type: 'string' }, name: { type: 'string' } },
      },
    },
    attributes: {
      type: 'array',
      description: 'New attributes, typed from their values in the file',
      items: {
        type: 'object',
        required: ['code', 'label', 'type', 'scope', 'options', 'superAttribute'],
        properties: {
          code: { type: 'string' },
          label: { type: 'string' },
          type: { type: 'string', enum: ATTRIBUTE_TYPES },
          scope: { type: 'string', enum: ATTRIBUTE_SCOPES },
          options: { ...strings, description: 'Option labels (select and multiselect), in the order the file first uses them' },
          superAttribute: { type: 'boolean', description: 'Named in configurable_variations' },
        },
      },
    },
    options: {
      type: 'array',
      description: 'New options of select and multiselect attributes the catalog already has',
      items: { type: 'object', required: ['code', 'values'], properties: { code: { type: 'string' }, values: strings } },
    },
  },
} as const;

const rowErrors = {
  type: 'array',
  description: 'Failed rows in file order (the first 200): CSV line (header = 1), sku and reason',
  items: {
    type: 'object',
    required: ['row', 'sku', 'reason'],
    properties: { row: { type: 'integer' }, sku: { type: 'string' }, reason: { type: 'string' } },
  },
} as const;

/** What the rows do (or, in a plan, would do): the importer's closing line as numbers. */
const rowCounts = {
  rowsRead: { type: 'integer', description: 'Records in the file after the header' },
  imported: { type: 'integer', description: 'New products' },
  updated: { type: 'integer', description: 'Existing products the file changes' },
  failed: { type: 'integer', description: 'Rows that are not imported; the first 200 are in errors' },
  errors: rowErrors,
} as const;

export const catalogImportPlanSchema = {
  $id: 'CatalogImportPlan',
  type: 'object',
  required: ['id', 'fileName', 'bytes', 'expiresAt', 'create', 'rowsRead', 'imported', 'updated', 'failed', 'errors'],
  properties: {
    id: { type: 'string', description: 'Run the import with POST /api/catalog/imports/{id}/run' },
    fileName: { type: 'string' },
    bytes: { type: 'integer' },
    expiresAt: { type: 'string', description: 'The upload is discarded after this instant unless it is run' },
    create: { ...structurePlanSchema, description: 'What running the import creates before the rows' },
    ...rowCounts,
  },
} as const;

export const catalogImportRunSchema = {
  $id: 'CatalogImportRun',
  type: 'object',
  required: ['fileName', 'created', 'rowsRead', 'imported', 'updated', 'failed', 'errors'],
  properties: {
    fileName: { type: 'string' },
    created: { ...structurePlanSchema, description: 'What was created before the rows were imported' },
    ...rowCounts,
  },
} as const;

export const catalogImportQuerySchema = {
  type: 'object',
  properties: {
    fileName: { type: 'string', maxLength: 255, default: 'products.csv', description: 'The uploaded file name, shown back in the plan' },
  },
} as const;

export const catalogImportSchemas = [catalogImportPlanSchema, catalogImportRunSchema] as const;
