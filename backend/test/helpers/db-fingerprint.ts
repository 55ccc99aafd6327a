/**
 * A fingerprint of the database's content: per table, its row count and a hash of every row. Two
 * fingerprints differ when any row was inserted, updated or deleted, so a test can prove that a refused
 * request wrote nothing. Cheap on the small databases tests use.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

export type Fingerprint = Map<string, { rows: number; hash: string }>;

export async function tableNames(db: Knex): Promise<string[]> {
  const rows: { name: string }[] =
    db.client.config.client === 'better-sqlite3'
      ? await db.raw(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      : (await db.raw(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()`))[0];
  return rows
    .map((r) => r.name)
    .filter((n) => !n.startsWith('knex_migrations'))
    .sort();
}

export async function fingerprint(db: Knex, tables: readonly string[], ignore: readonly string[] = []): Promise<Fingerprint> {
  const result: Fingerprint = new Map();
  for (const table of tables) {
    if (ignore.includes(table)) continue;
    const rows = (await db(table).select('*')) as Record<string, unknown>[];
    // Rows come back in no promised order: sort their serialisations so the hash depends on content only.
    const lines = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).sort();
    result.set(table, { rows: rows.length, hash: createHash('sha256').update(lines.join('\n')).digest('hex') });
  }
  return result;
}

/** The tables whose content differs between two fingerprints. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n)?.hash !== after.get(n)?.hash || before.get(n)?.rows !== after.get(n)?.rows).sort();
}
