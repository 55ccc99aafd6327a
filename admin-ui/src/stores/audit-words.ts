/**
 * The audit log in words: "Store connection started" rather than `store.connect_started`, "Amazon store Outdoor US"
 * rather than `amazon_store #1`. The log keeps its stable codes (filters and the API use them); only the page words
 * them. An action this list does not know yet is still readable: its code with the dots and underscores as spaces.
 */
import type { AuditEntry } from '../api/types';

export const ACTION_WORDS: Record<string, string> = {
  login: 'Signed in',
  create: 'Created',
  update: 'Changed',
  reset_password: 'Password reset',
  create_api_token: 'API token created',
  revoke_api_token: 'API token revoked',
  update_source_item: 'Source quantity changed',
  update_stock_settings: 'Stock settings changed',
  'store.create': 'Store added',
  'store.update': 'Store settings changed',
  'store.delete': 'Store deleted',
  'store.activate': 'Store activated',
  'store.deactivate': 'Store deactivated',
  'store.disconnect': 'Store disconnected',
  'store.connect_started': 'Store connection started',
  'store.renew_started': 'Authorization renewal started',
  'store.connect': 'Store connected to Seller Central',
  'store.renew_authorization': 'Authorization renewed',
  'store.consent_denied': 'Seller Central consent declined',
  'store.authorization_expired': 'Authorization expired',
  'store.authorization_revoked': 'Authorization revoked in Seller Central',
  'store.authorization_failed': 'Authorization refused by Amazon',
  'preparation.tick': 'Checklist item ticked',
  'attribute_mapping.create': 'Attribute mapping added',
  'attribute_mapping.update': 'Attribute mapping changed',
  'attribute_mapping.delete': 'Attribute mapping deleted',
  'listing_settings.update': 'Listing settings changed',
  'listing_rule.save': 'Listing rule saved',
  'listing.publish': 'Listing published',
  'listing.end': 'Listing ended',
  'listing.delete': 'Listing deleted',
  'listing.unlink': 'Listing unlinked',
  'listing.rematch': 'Listing matched again',
  'listing.resolve': 'Listing match resolved',
  'listing.overrides': 'Listing overrides changed',
  'listing.update_quantity': 'Listing quantity sent again',
  'listing.link': 'Existing Amazon listing linked',
  'listing.variants_add': 'Variants added by hand',
  'listing.variants_remove': 'Variants removed by hand',
  'listing.drift_accept_amazon': 'Amazon’s quantity accepted',
  'listings.drift_push_ours': 'Our values sent to Amazon again',
  'listings.reconcile_run': 'Check against Amazon started',
  'listings.third_party_import': 'Existing Amazon listings imported',
  'listings.third_party_unmanaged': 'Existing Amazon listing left unmanaged',
  'listings.third_party_create_product': 'Product created from an Amazon listing',
  'stock_profile.create': 'Stock profile added',
  'stock_profile.update': 'Stock profile changed',
  'stock_profile.delete': 'Stock profile deleted',
  'stock_profile.default': 'Default stock profile changed',
  'stock_profile.assign': 'Stock profile assigned by hand',
  'mail.retry': 'E-mail sent again',
  'mail.test_sent': 'Test e-mail sent',
};

export const ENTITY_WORDS: Record<string, string> = {
  amazon_store: 'Amazon store',
  store: 'Amazon store',
  admin_user: 'Admin user',
  attribute: 'Attribute',
  attribute_mapping: 'Attribute mapping',
  email_outbox: 'E-mail',
  listing: 'Listing',
  preparation_item: 'Checklist item',
  product: 'Product',
  reservation: 'Reservation',
  stock_profile: 'Stock profile',
};

const spaced = (code: string) => {
  const text = code.replace(/[._]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
};

export const actionWords = (action: string): string => ACTION_WORDS[action] ?? spaced(action);

/** The first name-like value the entry's details carry (what was created or deleted keeps its name there). */
function nameIn(details: unknown): string | null {
  if (typeof details !== 'object' || details === null) return null;
  const d = details as Record<string, unknown>;
  for (const key of ['name', 'sellerSku', 'sku', 'email', 'to', 'label', 'code'])
    if (typeof d[key] === 'string' && d[key]) return d[key] as string;
  return null;
}

/**
 * "Amazon store Outdoor US", "Product BAG-1", "Listing no. 12": the entity's kind in words, then its name — for a
 * store from the stores the admin can see (`storeNames`), else from the entry's details — else its number.
 */
export function entityWords(
  entry: Pick<AuditEntry, 'entityType' | 'entityId' | 'details'> & Partial<Pick<AuditEntry, 'userId' | 'userEmail'>>,
  storeNames: ReadonlyMap<number, string>,
): string {
  const kind = ENTITY_WORDS[entry.entityType] ?? spaced(entry.entityType);
  if (entry.entityId === null || entry.entityId === undefined || entry.entityId === '') return kind;
  const isStore = entry.entityType === 'amazon_store' || entry.entityType === 'store';
  // An admin acting on their own account (signing in, their tokens): the entry names them already.
  const self = entry.entityType === 'admin_user' && String(entry.userId) === entry.entityId ? entry.userEmail : null;
  const name = (isStore ? storeNames.get(Number(entry.entityId)) : undefined) ?? self ?? nameIn(entry.details);
  if (name) return `${kind} ${name}`;
  // Checklist items and attributes are named by their code already.
  return /^\d+$/.test(entry.entityId) ? `${kind} no. ${entry.entityId}` : `${kind} ${entry.entityId}`;
}

/** The filter choices: every known code, by its words. */
export const ACTION_CHOICES = Object.entries(ACTION_WORDS)
  .map(([value, title]) => ({ value, title }))
  .sort((a, b) => a.title.localeCompare(b.title));
export const ENTITY_CHOICES = Object.entries(ENTITY_WORDS).map(([value, title]) => ({
  value,
  // Two codes name a store: its own records, and what was done to its listings and stock.
  title: value === 'store' ? 'Amazon store (listings and stock)' : title,
}));
