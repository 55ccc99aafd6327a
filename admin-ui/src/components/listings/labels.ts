/** Words for listing values shown on several listing pages. */
import { CONDITIONS } from '../../../../schema/stores';

const CONDITION_WORDS: Record<(typeof CONDITIONS)[number], string> = {
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

export const conditionLabel = (c: string | null | undefined) => (c ? (CONDITION_WORDS[c as keyof typeof CONDITION_WORDS] ?? c) : '—');
export const CONDITION_CHOICES = CONDITIONS.map((value) => ({ value, title: CONDITION_WORDS[value] }));
