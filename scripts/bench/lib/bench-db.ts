/**
 * Which database a bench runs on: the embedded SQLite (a temporary file) by default, or MySQL/MariaDB when
 * DATABASE_URL=mysql://user@host:port/<db> is set. The benches build on the test harnesses, which create a
 * scratch database per run (dropped at the end) on that server; this maps DATABASE_URL onto their settings.
 * Call before starting a harness.
 */
export function useBenchDatabase(): 'sqlite' | 'mysql' {
  const url = process.env.DATABASE_URL ?? '';
  if (!/^mysql2?:\/\//.test(url)) return process.env.TEST_DB_ENGINE === 'mysql' ? 'mysql' : 'sqlite';
  const server = new URL(url);
  server.pathname = '/';
  process.env.TEST_DB_ENGINE = 'mysql';
  process.env.TEST_MYSQL_URL = server.toString();
  return 'mysql';
}
