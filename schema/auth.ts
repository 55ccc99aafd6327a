/** Admin access schemas: login, the signed-in admin, admin users, API tokens. */

export const ROLE_VALUES = ['administrator', 'catalog_manager'] as const;

export const loginBodySchema = {
  $id: 'LoginBody',
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', format: 'email', maxLength: 255 },
    password: { type: 'string', minLength: 1, maxLength: 1024 },
  },
} as const;

export const adminUserSchema = {
  $id: 'AdminUser',
  type: 'object',
  required: ['id', 'email', 'name', 'role', 'isActive'],
  properties: {
    id: { type: 'integer' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: ROLE_VALUES },
    isActive: { type: 'boolean' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    lastLoginAt: { type: ['string', 'null'] },
  },
} as const;

export const meSchema = {
  $id: 'Me',
  type: 'object',
  required: ['id', 'email', 'name', 'role', 'roleLabel', 'permissions'],
  properties: {
    id: { type: 'integer' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: ROLE_VALUES },
    roleLabel: { type: 'string' },
    permissions: { type: 'array', items: { type: 'string' } },
    expiresAt: { type: ['string', 'null'] },
  },
} as const;

export const createAdminUserBodySchema = {
  $id: 'CreateAdminUserBody',
  type: 'object',
  required: ['email', 'name', 'role', 'password'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', format: 'email', maxLength: 255 },
    name: { type: 'string', minLength: 1, maxLength: 255 },
    role: { type: 'string', enum: ROLE_VALUES },
    password: { type: 'string', minLength: 10, maxLength: 1024 },
  },
} as const;

export const updateAdminUserBodySchema = {
  $id: 'UpdateAdminUserBody',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 255 },
    role: { type: 'string', enum: ROLE_VALUES },
    isActive: { type: 'boolean' },
  },
} as const;

export const resetPasswordBodySchema = {
  $id: 'ResetPasswordBody',
  type: 'object',
  required: ['password'],
  additionalProperties: false,
  properties: { password: { type: 'string', minLength: 10, maxLength: 1024 } },
} as const;

export const apiTokenBodySchema = {
  $id: 'ApiTokenBody',
  type: 'object',
  required: ['label'],
  additionalProperties: false,
  properties: {
    label: { type: 'string', minLength: 1, maxLength: 255, description: 'What the token is for (an API client, a script)' },
    days: {
      type: 'integer',
      minimum: 1,
      maximum: 366,
      default: 90,
      description: 'Days until the token expires: 90 unless chosen, a year at most (tokens never live forever)',
    },
  },
} as const;

/** An API token as its owner sees it: never the secret, which is shown once at creation. */
export const apiTokenSchema = {
  $id: 'ApiToken',
  type: 'object',
  required: ['id', 'label', 'createdAt', 'expiresAt', 'lastUsedAt', 'status'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', description: 'Names the token in the API (revoke); not a secret' },
    label: { type: 'string' },
    createdAt: { type: 'string' },
    expiresAt: { type: 'string' },
    lastUsedAt: { type: ['string', 'null'], description: 'Last authentication with the token, to about a minute; null if never used' },
    status: { type: 'string', enum: ['active', 'expired'] },
  },
} as const;

export const apiTokenCreatedSchema = {
  $id: 'ApiTokenCreated',
  type: 'object',
  required: [...apiTokenSchema.required, 'token'],
  additionalProperties: false,
  properties: {
    ...apiTokenSchema.properties,
    token: { type: 'string', description: 'The bearer secret. Shown this once: only its hash is kept' },
  },
} as const;

export const authSchemas = [
  loginBodySchema,
  adminUserSchema,
  meSchema,
  createAdminUserBodySchema,
  updateAdminUserBodySchema,
  resetPasswordBodySchema,
  apiTokenBodySchema,
  apiTokenSchema,
  apiTokenCreatedSchema,
] as const;
