/**
 * Case-insensitive "contains" filters that mean the same on SQLite and MySQL: LOWER() on both sides
 * (MySQL databases here use the binary utf8mb4_bin collation) and `!` as the LIKE escape character,
 * because backslash escaping differs between the two engines.
 */
import type { Knex } from 'knex';

/** `%text%` with LIKE wildcards in the text taken literally. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text.toLowerCase())}%`;
}

export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

/** Adds `LOWER(column) LIKE '%text%'` to a where clause. */
export function whereContains(qb: Knex.QueryBuilder, column: string, text: string): Knex.QueryBuilder {
  return qb.whereRaw(`LOWER(??) LIKE ? ESCAPE '!'`, [column, containsPattern(text)]);
}

export function orWhereContains(qb: Knex.QueryBuilder, column: string, text: string): Knex.QueryBuilder {
  return qb.orWhereRaw(`LOWER(??) LIKE ? ESCAPE '!'`, [column, containsPattern(text)]);
}
