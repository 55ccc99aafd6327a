/**
 * Roles are sets of permissions; routes ask for a permission, never for a role, so adding a role
 * is a change here only.
 */
export const ROLES = ['administrator', 'catalog_manager'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'catalog.read',
  'catalog.write',
  'attributes.write',
  'mapping.write',
  'listing_rules.write',
  'stores.read',
  'stores.manage',
  'users.manage',
  'audit.read',
  'mail.manage',
  'sales.read',
  'sales.write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const CATALOG_MANAGER: readonly Permission[] = [
  'catalog.read',
  'catalog.write',
  'attributes.write',
  'mapping.write',
  'listing_rules.write',
  'stores.read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  administrator: PERMISSIONS,
  // Catalog managers shape the catalog and what gets listed; they never connect, renew or
  // delete Amazon stores, manage admins, read the audit log or the outgoing e-mail, or see orders
  // (buyers' names and addresses).
  catalog_manager: CATALOG_MANAGER,
};

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  catalog_manager: 'Catalog Manager',
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
