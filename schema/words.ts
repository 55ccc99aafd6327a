/**
 * The words for state values an admin reads, next to the enums they name: listing statuses as the Magento admin
 * says them, and Amazon's offer conditions (`new_new` → "New"). Shared by the admin (chips, selects) and by the
 * backend where it writes text the admin shows (activity entries, reasons), so neither shows a raw code.
 */
import { LISTING_STATUS_LABELS, type ListingStatus } from './listings';
import type { Condition } from './stores';

/** The listing statuses' words are defined once, beside the enum. */
export const LISTING_STATUS_WORDS: Record<ListingStatus, string> = LISTING_STATUS_LABELS;

export const CONDITION_WORDS: Record<Condition, string> = {
  new_new: 'New',
  new_open_box: 'New — open box',
  new_oem: 'New — OEM',
  refurbished_refurbished: 'Refurbished',
  used_like_new: 'Used — like new',
  used_very_good: 'Used — very good',
  used_good: 'Used — good',
  used_acceptable: 'Used — acceptable',
  collectible_like_new: 'Collectible — like new',
  collectible_very_good: 'Collectible — very good',
  collectible_good: 'Collectible — good',
  collectible_acceptable: 'Collectible — acceptable',
};

/** A status in words (an unknown value as it is, so a newer status still shows). */
export const statusWords = (status: string): string => LISTING_STATUS_WORDS[status as ListingStatus] ?? status;
/** A condition in words (an unknown value as it is). */
export const conditionWords = (condition: string): string => CONDITION_WORDS[condition as Condition] ?? condition;
