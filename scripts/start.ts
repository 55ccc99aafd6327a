/**
 * `npm start`: builds the admin when its build is missing or stale, then starts the service
 * (migrations run at start; the demo catalog is seeded into an empty database).
 */
import { main, readConfig } from '../backend/src/server';
import { ConfigError } from '../backend/src/platform/config';

try {
  const config = readConfig();
  if (config.SERVE_ADMIN) {
    const { ensureAdminBuilt } = await import('./build-admin');
    await ensureAdminBuilt();
  }
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`${error.message}\nSee .env.example for every setting and its default.`);
    process.exit(1);
  }
  throw error;
}
await main();
