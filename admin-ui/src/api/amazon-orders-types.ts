/** Amazon order import (settings, Import now, the workbench): types derived from `schema/amazon-orders.ts`. */
import type {
  attentionPageSchema,
  importOutcomeSchema,
  importRunSchema,
  orderImportRecordSchema,
  orderImportSettingsSchema,
  retryAllResultSchema,
  skuMappingSchema,
} from '../../../schema/amazon-orders';
import type { FromSchema } from './from-schema';

export type { MappedAmazonStatus, ShippingMethodMapping } from '../../../schema/amazon-orders';

export type OrderImportSettings = FromSchema<typeof orderImportSettingsSchema>;
export type OrderImportRecord = FromSchema<typeof orderImportRecordSchema>;
export type OrderImportRun = FromSchema<typeof importRunSchema>;
export type OrderImportOutcome = FromSchema<typeof importOutcomeSchema>;
export type RetryAllResult = FromSchema<typeof retryAllResultSchema>;
export type AttentionPage = FromSchema<typeof attentionPageSchema>;
export type OrderSkuMapping = FromSchema<typeof skuMappingSchema>;
