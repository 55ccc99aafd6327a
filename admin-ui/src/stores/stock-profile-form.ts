/**
 * The stock profile form, pure: the words the grid uses for a profile (mode with its number, sources, rule),
 * the form a dialog edits (numbers as typed text, the rule as a draft tree), the same checks the server makes
 * (inventory/policy.ts: custom/cap a whole number ≥ 0, percentage 1–100…) keyed by the body's field names so
 * client and server problems land on the same field, and the body sent to the API.
 */
import type { CatalogSource, NoQuantity, StockMode, StockProfile, StockProfileBody } from '../api/stock-profiles-types';
import { labelFields } from '../api/field-labels';
import { describe, rootFromApi, toApi, validateTree, type DraftCombine, type RuleAttribute } from './rule-tree';

export const DEFAULT_PRIORITY = 100;
export const MAX_PRIORITY = 1_000_000;

export const MODE_CHOICES: { value: StockMode; title: string }[] = [
  { value: 'product', title: 'Product value (the catalog quantity)' },
  { value: 'single', title: 'Single stock (always 1)' },
  { value: 'custom', title: 'Custom quantity' },
  { value: 'cap', title: 'Not more than' },
  { value: 'percentage', title: 'Percentage of the catalog quantity' },
];

export const NO_QUANTITY_CHOICES: { value: NoQuantity; title: string }[] = [
  { value: 'zero', title: 'List it with quantity 0' },
  { value: 'skip', title: 'Skip it: send no quantity (Amazon keeps its own)' },
];

/** The label of the number field for a mode, or null when the mode takes no number. */
export function valueLabel(mode: StockMode): string | null {
  if (mode === 'custom') return 'Quantity';
  if (mode === 'cap') return 'Not more than';
  if (mode === 'percentage') return 'Percentage (1–100)';
  return null;
}

/** "Not more than 5", "Custom quantity 10", "50 % of catalog quantity"… */
export function modeText(p: { mode: StockMode; value: number | null }): string {
  switch (p.mode) {
    case 'product':
      return 'Product value';
    case 'single':
      return 'Single stock (1)';
    case 'custom':
      return `Custom quantity ${p.value ?? '?'}`;
    case 'cap':
      return `Not more than ${p.value ?? '?'}`;
    case 'percentage':
      return `${p.value ?? '?'} % of catalog quantity`;
  }
}

/** Source names for the chosen codes, or "Website stock" when none are chosen. */
export function sourcesText(codes: readonly string[], sources: readonly CatalogSource[]): string {
  if (!codes.length) return 'Website stock';
  return codes.map((c) => sources.find((s) => s.code === c)?.name ?? c).join(', ');
}

type Lookup = (code: string) => RuleAttribute | undefined;

/** "By hand only", or the rule in words with its priority. */
export function ruleText(p: Pick<StockProfile, 'conditions' | 'priority'>, lookup: Lookup = () => undefined): string {
  if (!p.conditions) return 'By hand only';
  return `${describe(rootFromApi(p.conditions), lookup)} · priority ${p.priority}`;
}

/** What the dialog edits: numbers as the fields hold them (text), the rule as a draft tree. */
export interface ProfileForm {
  name: string;
  mode: StockMode;
  value: string;
  sources: string[];
  placeholderQty: string;
  maxQty: string;
  updateOnCatalogChange: boolean;
  noQuantity: NoQuantity;
  byRule: boolean;
  rule: DraftCombine;
  priority: string;
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function formOf(p: StockProfile | null): ProfileForm {
  return {
    name: p?.name ?? '',
    mode: p?.mode ?? 'product',
    value: text(p?.value),
    sources: [...(p?.sources ?? [])],
    placeholderQty: text(p?.placeholderQty ?? 100),
    maxQty: text(p?.maxQty),
    updateOnCatalogChange: p?.updateOnCatalogChange ?? true,
    noQuantity: p?.noQuantity ?? 'zero',
    byRule: Boolean(p?.conditions),
    rule: rootFromApi(p?.conditions ?? null),
    priority: text(p?.priority ?? DEFAULT_PRIORITY),
  };
}

const takesValue = (mode: StockMode) => valueLabel(mode) !== null;
/** A typed text as a number when it is one (so a bad entry reaches the checks as such), null when empty. */
const numberOf = (t: string): number | null => (t.trim() === '' ? null : Number(t.trim()));
const whole = (v: number | null): v is number => v !== null && Number.isInteger(v) && v >= 0;

/** The dialog's words for its fields (the number's label follows the mode), for messages that name their field. */
export function profileLabels(mode: StockMode): Record<string, string> {
  return { name: 'Profile name', value: valueLabel(mode) ?? 'Value' };
}

/** The same checks as the server's (inventory/policy.ts and the route schema), keyed by field name, each naming its field. */
export function validateForm(form: ProfileForm, lookup: Lookup): Record<string, string> {
  const problems: Record<string, string> = {};
  const name = form.name.trim();
  if (!name) problems.name = 'is required';
  else if (name.length > 120) problems.name = 'must be at most 120 characters';
  const value = numberOf(form.value);
  if (form.mode === 'custom' || form.mode === 'cap') {
    if (!whole(value)) problems.value = 'must be a whole number ≥ 0';
  } else if (form.mode === 'percentage' && (!whole(value) || value < 1 || value > 100)) problems.value = 'must be from 1 to 100';
  if (!whole(numberOf(form.placeholderQty))) problems.placeholderQty = 'must be a whole number ≥ 0';
  const max = numberOf(form.maxQty);
  if (max !== null && !whole(max)) problems.maxQty = 'must be a whole number ≥ 0, or empty for no maximum';
  if (new Set(form.sources).size !== form.sources.length) problems.sources = 'has a source chosen twice';
  if (form.sources.length > 50) problems.sources = 'may have at most 50 sources';
  if (form.byRule) {
    const priority = numberOf(form.priority);
    if (!whole(priority) || priority > MAX_PRIORITY) problems.priority = `must be a whole number from 0 to ${MAX_PRIORITY} (lower wins)`;
    Object.assign(problems, validateTree(form.rule, lookup));
  }
  return labelFields(problems, profileLabels(form.mode));
}

/** The body for POST/PUT (call after `validateForm` found nothing). */
export function bodyOf(form: ProfileForm, lookup: Lookup): StockProfileBody {
  return {
    name: form.name.trim(),
    mode: form.mode,
    value: takesValue(form.mode) ? numberOf(form.value) : null,
    sources: [...form.sources],
    placeholderQty: numberOf(form.placeholderQty) ?? 0,
    maxQty: numberOf(form.maxQty),
    updateOnCatalogChange: form.updateOnCatalogChange,
    noQuantity: form.noQuantity,
    conditions: form.byRule ? toApi(form.rule, lookup) : null,
    priority: form.byRule ? (numberOf(form.priority) ?? DEFAULT_PRIORITY) : DEFAULT_PRIORITY,
  };
}
