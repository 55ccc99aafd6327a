/**
 * Which passwords an admin may choose. Length alone lets `aaaaaaaaaa` and `1234567890` through, so
 * the password is also scored by zxcvbn-ts (common passwords, English words and names, keyboard
 * patterns, repeats, dates, the user's own e-mail and name) and must reach MIN_PASSWORD_SCORE.
 */
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

export const MIN_PASSWORD_LENGTH = 10;

/**
 * zxcvbn's 0–4 scale; 3 means "safely unguessable" (about 10^8 guesses and more), which refuses
 * common passwords and their variants but accepts a few ordinary words joined together
 * (`tangerine-lamp-orbit`, `admin-password-123`).
 */
export const MIN_PASSWORD_SCORE = 3;

let factory: ZxcvbnFactory | null = null;

// Built on first use: the dictionaries take a few hundred milliseconds to rank, which every
// process that never sets a password (workers, CLI commands, most tests) should not pay.
function scorer(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    // The check runs on the event loop: scoring only the first 100 characters with fewer leet
    // variants keeps a 1,024-character input to ~0.1 s instead of seconds. A password whose first
    // 100 characters are strong is strong.
    maxLength: 100,
    l33tMaxSubstitutions: 20,
  });
  return factory;
}

function reasonOf(result: ZxcvbnResult): string {
  const { warning, suggestions } = result.feedback;
  const parts = [warning, ...suggestions].filter((p): p is string => typeof p === 'string' && p.length > 0);
  return parts.length ? parts.join(' ') : 'Add more words that are less common.';
}

/**
 * What is wrong with a password, in words for the person choosing it (to show under the field),
 * or null when it may be used. `userInputs` are the account's e-mail and name, which make a
 * password guessable for anyone who knows whose account it is.
 */
export function passwordProblem(password: string, userInputs: readonly string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  // The e-mail's local part and each word of the name count on their own, as an attacker would try them.
  const inputs = userInputs.flatMap((input) => [input, ...input.split(/[\s@.+_-]+/)]).filter((w) => w.length > 2);
  const result = scorer().check(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  return `is too easy to guess. ${reasonOf(result)}`;
}
