/**
 * Amazon stores, notifications, the preparation checklist and attribute mapping: types derived from
 * `schema/stores.ts` and `schema/attribute-mapping.ts`. `FromSchema` does not follow `$ref`, so the
 * store's referenced parts (marketplace, authorization, settings, attention) are put back by hand here.
 */
import type {
  attentionItemSchema,
  consentStartSchema,
  createStoreBodySchema,
  marketplaceSchema,
  notificationSchema,
  preparationItemSchema,
  storeAuthorizationSchema,
  storeSchema,
  updateStoreBodySchema,
  StoreSettings,
} from '../../../schema/stores';
import type {
  amazonAttributeSchema,
  attributeMappingSchema,
  createAttributeMappingBodySchema,
  updateAttributeMappingBodySchema,
} from '../../../schema/attribute-mapping';
import type { storeNotificationsSchema } from '../../../schema/notifications';
import type { FromSchema } from './from-schema';

export type { AttentionCode, AuthorizationState, ProductIdType, StoreStatus, StoreSettings } from '../../../schema/stores';

export type Marketplace = FromSchema<typeof marketplaceSchema>;
export type StoreAuthorization = FromSchema<typeof storeAuthorizationSchema>;
export type AttentionItem = FromSchema<typeof attentionItemSchema>;
export type Store = Omit<FromSchema<typeof storeSchema>, 'marketplace' | 'authorization' | 'settings' | 'attention'> & {
  marketplace: Marketplace;
  authorization: StoreAuthorization;
  settings: StoreSettings;
  attention: AttentionItem[];
};
export type SalesPoint = Store['sales30d']['series'][number];
export type StoreNotifications = FromSchema<typeof storeNotificationsSchema>;
export type CreateStoreBody = FromSchema<typeof createStoreBodySchema>;
export type UpdateStoreBody = FromSchema<typeof updateStoreBodySchema>;
export type ConsentStart = FromSchema<typeof consentStartSchema>;
export type AdminNotification = FromSchema<typeof notificationSchema>;
export type PreparationItem = FromSchema<typeof preparationItemSchema>;
export interface Preparation {
  storeId: number | null;
  items: PreparationItem[];
  done: number;
  total: number;
}
export interface NotificationList {
  items: AdminNotification[];
  unread: number;
}

export type AmazonAttribute = FromSchema<typeof amazonAttributeSchema>;
export type AttributeMapping = FromSchema<typeof attributeMappingSchema>;
export type CreateAttributeMappingBody = FromSchema<typeof createAttributeMappingBodySchema>;
export type UpdateAttributeMappingBody = FromSchema<typeof updateAttributeMappingBodySchema>;
