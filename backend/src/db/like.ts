/**
 * LIKE patterns that mean the same on SQLite and MySQL/MariaDB, for "contains" and "starts with" filters
 * that take the admin's text literally. Backslash is where the engines differ — MySQL reads `\` as LIKE's
 * default escape (and as a string escape), SQLite has no default escape — so every pattern is used with
 * an explicit `ESCAPE '!'` (`LIKE_ESCAPE`): then `\` is an ordinary character on both, and only `%`, `_`
 * and `!` itself are escaped. Case-insensitive through LOWER() on both sides (MySQL databases here use
 * the binary utf8mb4_bin collation).
 */
import type { Knex } from 'knex';

/** The clause every pattern from this file is used with: `… LIKE ? ${LIKE_ESCAPE}`. */
export const LIKE_ESCAPE = `ESCAPE '!'`;

/** The text with LIKE's wildcards (and the escape character) taken literally. */
export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

/** `%text%`, lowercased, for `LOWER(column) LIKE ?`. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text.toLowerCase())}%`;
}

/** `text%`, lowercased, for `LOWER(column) LIKE ?`. */
export function startsWithPattern(text: string): string {
  return `${escapeLike(text.toLowerCase())}%`;
}

/** Adds `LOWER(column) LIKE '%text%'` to a where clause. */
export function whereContains(qb: Knex.QueryBuilder, column: string, text: string): Knex.QueryBuilder {
  return qb.whereRaw(`LOWER(??) LIKE ? ${LIKE_ESCAPE}`, [column, containsPattern(text)]);
}

export function orWhereContains(qb: Knex.QueryBuilder, column: string, text: string): Knex.QueryBuilder {
  return qb.orWhereRaw(`LOWER(??) LIKE ? ${LIKE_ESCAPE}`, [column, containsPattern(text)]);
}
