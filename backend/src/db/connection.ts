/**
 * One setting picks the database: `sqlite:<file>` (embedded, better-sqlite3) or `mysql://…`.
 * This is the only place that knows how each engine is opened.
 */
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { fileURLToPath } from 'node:url';
import { prepareSqliteFile, type Report } from '../platform/private-files';

export type Engine = 'sqlite' | 'mysql';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export function engineOf(url: string): Engine {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('mysql://')) return 'mysql';
  throw new Error(`DATABASE_URL must start with sqlite: or mysql:// (got ${url})`);
}

export function sqliteFile(url: string): string {
  const file = url.slice('sqlite:'.length);
  return file === '' ? ':memory:' : file;
}

/** `report`: where to say that an existing database file was readable by others and was tightened. */
export function createKnex(url: string, options: { report?: Report } = {}): Knex {
  const engine = engineOf(url);
  const migrations: Knex.MigratorConfig = {
    directory: MIGRATIONS_DIR,
    loadExtensions: ['.ts'],
    tableName: 'knex_migrations',
  };
  if (engine === 'sqlite') {
    const filename = sqliteFile(url);
    // The database holds every secret at rest: created (and kept) readable by this user only.
    if (filename !== ':memory:') prepareSqliteFile(filename, options.report);
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
      migrations,
      // better-sqlite3 is synchronous: one connection serialises writes the way SQLite wants them.
      pool: {
        min: 1,
        max: 1,
        afterCreate(conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
          conn.pragma('foreign_keys = ON');
          conn.pragma('journal_mode = WAL');
          conn.pragma('synchronous = NORMAL');
          conn.pragma('busy_timeout = 5000');
          done(null, conn);
        },
      },
    });
  }
  const u = new URL(url);
  return knexFactory({
    client: 'mysql2',
    connection: {
      host: u.hostname,
      port: u.port ? Number(u.port) : 3306,
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      database: u.pathname.replace(/^\//, '') || undefined,
      timezone: 'Z',
      charset: 'utf8mb4',
      // Times are stored as UTC text in DATETIME(3); read them back as the same text on both engines.
      dateStrings: true,
      decimalNumbers: true,
      supportBigNumbers: true,
      multipleStatements: false,
    },
    pool: { min: 0, max: 10 },
    migrations,
  });
}

/** Creates the MySQL database named in the URL when it does not exist yet. */
export async function ensureMysqlDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.replace(/^\//, '');
  if (!name) throw new Error('DATABASE_URL for MySQL must name a database, e.g. mysql://root@127.0.0.1:3306/channel');
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`database name "${name}" may only hold letters, digits and _`);
  u.pathname = '/';
  const admin = createKnex(u.toString());
  try {
    await admin.raw(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  } finally {
    await admin.destroy();
  }
}

export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest()) as [number, string[]];
  return applied;
}
