/** The API's types, derived from `schema/` where the schema exists, so they follow the server. */
import type {
  adminUserSchema,
  apiTokenBodySchema,
  apiTokenCreatedSchema,
  apiTokenSchema,
  createAdminUserBodySchema,
  loginBodySchema,
  meSchema,
  resetPasswordBodySchema,
  updateAdminUserBodySchema,
} from '../../../schema/auth';
import type { FromSchema } from './from-schema';

export type { Page } from '../../../schema/common';
export type LoginBody = FromSchema<typeof loginBodySchema>;
export type Me = FromSchema<typeof meSchema>;
export type Role = Me['role'];
export type AdminUser = FromSchema<typeof adminUserSchema>;
export type CreateAdminUserBody = FromSchema<typeof createAdminUserBodySchema>;
export type UpdateAdminUserBody = FromSchema<typeof updateAdminUserBodySchema>;
export type ResetPasswordBody = FromSchema<typeof resetPasswordBodySchema>;
export type ApiToken = FromSchema<typeof apiTokenSchema>;
export type ApiTokenCreated = FromSchema<typeof apiTokenCreatedSchema>;
export type ApiTokenBody = FromSchema<typeof apiTokenBodySchema>;

export type Permission =
  | 'catalog.read'
  | 'catalog.write'
  | 'attributes.write'
  | 'mapping.write'
  | 'listing_rules.write'
  | 'stores.read'
  | 'stores.manage'
  | 'users.manage'
  | 'audit.read'
  | 'mail.manage'
  | 'sales.read'
  | 'sales.write';

export interface AuditEntry {
  id: number;
  userId: number | null;
  userEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: unknown;
  ip: string | null;
  createdAt: string;
}

export * from './catalog-types';
export * from './catalog-import-types';
export * from './stores-types';
export * from './listings-types';
export * from './mail-types';
export * from './communication-log-types';
export * from './sales-types';
export * from './amazon-orders-types';
