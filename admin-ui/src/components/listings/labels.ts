/** Words for listing values shown on several listing pages (the words themselves live in schema/words.ts). */
import { CONDITIONS } from '../../../../schema/stores';
import { CONDITION_WORDS, conditionWords } from '../../../../schema/words';

export const conditionLabel = (c: string | null | undefined) => (c ? conditionWords(c) : '—');
export const CONDITION_CHOICES = CONDITIONS.map((value) => ({ value, title: CONDITION_WORDS[value] }));
