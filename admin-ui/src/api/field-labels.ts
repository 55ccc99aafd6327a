/**
 * Every validation message the admin shows names its field, in the words of the form: the server says
 * `body.price: must be >= 0`, the admin shows "Price must be 0 or more". One dictionary of the API's field names
 * (as `describeError` keys them, without `body.`) and the labels the forms give them; a form whose label differs
 * passes its own (`describeError(error, labels)`, `validate(schema, value, labels)`, `useSaving(labels)`).
 */
export type FieldLabels = Readonly<Record<string, string>>;

export const FIELD_LABELS: FieldLabels = {
  // sign-in, admin users, API tokens
  email: 'E-mail address',
  password: 'Password',
  name: 'Name',
  role: 'Role',
  label: 'Label',
  days: 'Expires after',
  // products
  price: 'Price',
  specialPrice: 'Special Price',
  visibility: 'Visibility',
  status: 'Status',
  quantity: 'Qty',
  inStock: 'Source Item Status',
  salableMin: 'Salable Qty from',
  salableMax: 'Salable Qty to',
  // Amazon stores
  websiteCode: 'Website',
  country: 'Marketplace country',
  productIdType: 'Amazon product ID type',
  productIdAttribute: 'Catalog attribute holding the ID',
  confirm: 'Store name',
  // attribute mapping
  amazonAttribute: 'Amazon attribute',
  catalogAttribute: 'Catalog attribute',
  storeViews: 'Store views',
  // listing settings, overrides, resolving a match
  handlingTimeDays: 'Handling time (days)',
  listAutomatically: 'Listing mode',
  'condition.mode': 'Condition source',
  'condition.value': 'Condition of every listing',
  'condition.attribute': 'Condition attribute',
  'condition.values': 'Condition values',
  'condition.note': 'Condition note',
  'price.attribute': 'Price source attribute',
  'price.currencyRate': 'Currency rate',
  'price.useSpecialPrice': 'Special price',
  identifierOrder: 'Identifier search order',
  condition: 'Condition',
  conditionNote: 'Condition note',
  asin: 'ASIN',
  productIds: 'Products',
  manualQuantity: 'Manual quantity',
  // stock profiles
  mode: 'Quantity mode',
  value: 'Value',
  sources: 'Sources',
  placeholderQty: 'Placeholder quantity',
  maxQty: 'Maximum listed quantity',
  priority: 'Priority',
  // rule conditions (the last part of `conditions.conditions[0].value`)
  field: 'Field',
  operator: 'Operator',
  attribute: 'Attribute',
  aggregator: 'All or any',
};

/** `productIdAttribute` → "Product id attribute", for a field no form has named yet. */
function humanize(field: string): string {
  const words = field
    .replace(/\[\d+\]/g, '')
    .split('.')
    .join(' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : '';
}

/** A rule condition's place in its tree: `conditions.conditions[0].conditions[2].value` → "1.3". */
function conditionNumber(field: string): string | null {
  if (!field.startsWith('conditions.conditions[')) return null;
  const numbers = [...field.matchAll(/conditions\[(\d+)\]/g)].map((m) => Number(m[1]) + 1);
  return numbers.length ? numbers.join('.') : null;
}

/** The label of an API field name (`price`, `condition.value`, `conditions.conditions[1].operator`); '' for the whole form. */
export function labelOf(field: string, labels: FieldLabels = {}): string {
  if (!field || field === '_form') return '';
  const own = labels[field] ?? FIELD_LABELS[field];
  if (own) return own;
  const last = field
    .split('.')
    .pop()!
    .replace(/\[\d+\]$/, '');
  const known = labels[last] ?? FIELD_LABELS[last];
  // A product's attribute values (`attributes.color`): the attribute is the field.
  if (field.startsWith('attributes.')) return known ?? humanize(last);
  const n = conditionNumber(field);
  if (n) return `${known ?? humanize(last)} (condition ${n})`;
  return known ?? humanize(field);
}

/** Ajv's words (what the server's schema check says) → the admin's. */
const PLAIN: [RegExp, string][] = [
  [/^must be >= (\S+)$/, 'must be $1 or more'],
  [/^must be > (\S+)$/, 'must be more than $1'],
  [/^must be <= (\S+)$/, 'must be $1 or less'],
  [/^must be < (\S+)$/, 'must be less than $1'],
  [/^must NOT have fewer than 1 characters$/, 'is required'],
  [/^must NOT have fewer than (\d+) characters$/, 'must be at least $1 characters'],
  [/^must NOT have more than (\d+) characters$/, 'must be at most $1 characters'],
  [/^must NOT have fewer than (\d+) items$/, 'needs at least $1 entries'],
  [/^must NOT have more than (\d+) items$/, 'may have at most $1 entries'],
  [/^must have required property .*$/, 'is required'],
  [/^must match format "email"$/, 'must be a valid e-mail address'],
  [/^must match format "(.+)"$/, 'must be a valid $1'],
  [/^must be equal to one of the allowed values$/, 'must be one of the listed values'],
  [/^must be integer$/, 'must be a whole number'],
  [/^must be number$/, 'must be a number'],
  [/^must be string$/, 'must be text'],
  [/^must be boolean$/, 'must be yes or no'],
];

export function plainMessage(message: string): string {
  for (const [pattern, words] of PLAIN) if (pattern.test(message)) return message.replace(pattern, words);
  return message;
}

// Messages that read on from the field's name: "Price must be 0 or more", "Name is required".
const CONTINUES = /^(is|are|must|should|needs?|may|can|cannot|has|have|does|do|was|already)\b/;

/** A field's message with its label: "Price must be 0 or more", "Catalog attribute: no attribute "x"". */
export function withField(label: string, message: string): string {
  const text = plainMessage(message.trim());
  if (!label) return text;
  if (text.toLowerCase().startsWith(label.toLowerCase())) return text;
  return CONTINUES.test(text) ? `${label} ${text}` : `${label}: ${text}`;
}

/** Each field's message with its label (the keys stay the API's field names). */
export function labelFields(fields: Record<string, string>, labels: FieldLabels = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([field, message]) => [field, withField(labelOf(field, labels), message)]));
}

/** The messages in one line, for a notice: "Price must be 0 or more; Name is required". */
export function fieldsLine(fields: Record<string, string>): string {
  return Object.values(fields).join('; ');
}
