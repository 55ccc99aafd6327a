/**
 * The listing lifecycle as a pure transition table with guards. Services ask `transition(status, event)`
 * and either get the next status or a refusal in words; nothing here touches the database.
 */
import type { ListingStatus } from '../../../schema/listings';
import { statusWords } from '../../../schema/words';

export type ListingEvent =
  | 'match_single' // one ASIN, condition known, not restricted
  | 'match_multiple'
  | 'match_none'
  | 'match_variation_parent'
  | 'match_restricted'
  | 'condition_missing'
  | 'rematch' // Re-attempt match
  | 'resolve' // admin picked/entered an ASIN or set a condition
  | 'publish'
  | 'amazon_buyable'
  | 'amazon_not_buyable'
  | 'amazon_failed'
  | 'end'
  | 'amazon_deleted'
  | 'delete'
  | 'became_ineligible'
  | 'became_eligible'
  | 'unlink';

export interface Guards {
  /** The listing has an ASIN (matched or entered). */
  hasAsin?: boolean;
  /** It was linked from an existing Amazon listing (Unlink applies). */
  linkedFromAmazon?: boolean;
  /** An offer is (or was meant to be) on Amazon — published and not deleted. */
  published?: boolean;
}

export type Transition = { ok: true; to: ListingStatus | 'removed' } | { ok: false; reason: string };

type Target = ListingStatus | 'removed';
type Rule = { from: readonly ListingStatus[] | '*'; to: Target | ((g: Guards) => Target); guard?: (g: Guards) => string | null };

const MATCHING: readonly ListingStatus[] = ['validating_asin'];
const RESOLVABLE: readonly ListingStatus[] = ['multiple_matches', 'unable_to_assign', 'has_variants', 'missing_condition', 'ready_to_list'];
const ON_AMAZON: readonly ListingStatus[] = ['list_in_progress', 'active', 'inactive', 'error'];
const needsAsin = (g: Guards) => (g.hasAsin ? null : 'the listing has no ASIN yet: resolve the match first');

export const TRANSITIONS: Record<ListingEvent, Rule[]> = {
  match_single: [{ from: MATCHING, to: 'ready_to_list' }],
  match_multiple: [{ from: MATCHING, to: 'multiple_matches' }],
  match_none: [{ from: MATCHING, to: 'unable_to_assign' }],
  match_variation_parent: [{ from: MATCHING, to: 'has_variants' }],
  match_restricted: [{ from: MATCHING, to: 'unable_to_assign' }],
  condition_missing: [{ from: MATCHING, to: 'missing_condition' }],
  rematch: [{ from: [...RESOLVABLE, 'validating_asin'], to: 'validating_asin' }],
  resolve: [{ from: RESOLVABLE, to: 'ready_to_list', guard: needsAsin }],
  publish: [
    { from: ['ready_to_list', 'ended', 'error', 'inactive'], to: 'list_in_progress', guard: needsAsin },
    {
      from: ['multiple_matches', 'unable_to_assign', 'has_variants', 'missing_condition', 'validating_asin'],
      to: 'ready_to_list',
      guard: () => 'resolve the match before publishing',
    },
  ],
  amazon_buyable: [
    { from: ON_AMAZON, to: 'active' },
    { from: ['ending_in_progress'], to: 'ended' },
  ],
  amazon_not_buyable: [
    { from: ON_AMAZON, to: 'inactive' },
    { from: ['ending_in_progress'], to: 'ended' },
  ],
  amazon_failed: [
    { from: ON_AMAZON, to: 'error' },
    { from: ['ending_in_progress'], to: 'error' },
    { from: ['deleting'], to: 'error' },
  ],
  end: [{ from: ON_AMAZON, to: 'ending_in_progress' }],
  amazon_deleted: [{ from: ['deleting'], to: 'removed' }],
  // Not on Amazon (never published): nothing to remove there, the row goes at once.
  delete: [{ from: '*', to: (g) => (g.published ? 'deleting' : 'removed') }],
  became_ineligible: [{ from: '*', to: 'ineligible' }],
  became_eligible: [{ from: ['ineligible'], to: 'validating_asin' }],
  unlink: [
    {
      from: '*',
      to: 'removed',
      guard: (g) => (g.linkedFromAmazon ? null : 'only listings linked from existing Amazon listings can be unlinked'),
    },
  ],
};

/** The first rule whose `from` holds the status decides; its guard may refuse. */
export function transition(from: ListingStatus, event: ListingEvent, guards: Guards = {}): Transition {
  const rule = TRANSITIONS[event].find((r) => r.from === '*' || r.from.includes(from));
  if (!rule) return { ok: false, reason: `cannot ${event.replace(/_/g, ' ')} a listing that is ${statusWords(from)}` };
  const refusal = rule.guard?.(guards) ?? null;
  if (refusal) return { ok: false, reason: refusal };
  if (event === 'became_ineligible' && from === 'deleting') return { ok: false, reason: 'the listing is being deleted' };
  return { ok: true, to: typeof rule.to === 'function' ? rule.to(guards) : rule.to };
}

/** Statuses whose listing should hold an offer on Amazon (desired state is sent). */
export const OFFER_STATUSES: readonly ListingStatus[] = ['list_in_progress', 'active', 'inactive', 'error', 'ending_in_progress'];
