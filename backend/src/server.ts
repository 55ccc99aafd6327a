/**
 * The process: configuration (from the environment and an optional .env), the logger, the app,
 * demo data on an empty database, listen, and a graceful close on SIGINT/SIGTERM that lets
 * in-flight requests finish and closes the database.
 */
import fs from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import closeWithGrace from 'close-with-grace';
import appPlugin from './app';
import { ConfigError, loadConfig, type AppConfig } from './platform/config';
import { listeningUrl, publicUrlMismatch } from './platform/public-url';
import { loggerOptions } from './platform/logger';
import { trustProxyOption } from './platform/trust-proxy';

export interface StartOptions {
  /** Port of the local Amazon simulator started beside the service (simulator mode). */
  simulatorPort?: number;
  /** Its plain-HTTP Seller Central port, where consent links point. */
  simulatorSellerCentralPort?: number;
  /** Closed after the app on shutdown (the in-process simulator). */
  alsoClose?: () => Promise<void>;
  /** Business time from elsewhere: the in-process simulator's clock, so advancing Amazon's clock moves countdowns too. */
  clock?: () => Date;
  /** Called once the server listens and PUBLIC_URL is final (npm start registers the OAuth return address with the simulator). */
  onListening?: (app: FastifyInstance) => void;
}

export async function buildServer(config: AppConfig, options: StartOptions = {}): Promise<FastifyInstance> {
  // X-Forwarded-For is believed only from the proxies TRUST_PROXY names: a header anyone can send
  // must not choose the address that sign-in limits count by.
  const app = Fastify({ logger: loggerOptions(config), trustProxy: trustProxyOption(config.TRUST_PROXY), bodyLimit: 10 * 1024 * 1024 });
  await app.register(appPlugin, {
    config,
    ...(options.simulatorPort !== undefined ? { simulatorPort: options.simulatorPort } : {}),
    ...(options.simulatorSellerCentralPort !== undefined ? { simulatorSellerCentralPort: options.simulatorSellerCentralPort } : {}),
  });
  return app;
}

/** Reads .env (when present) under the real environment: a variable already set wins. */
export function readConfig(): AppConfig {
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  return loadConfig(process.env);
}

export async function startServer(config: AppConfig = readConfig(), options: StartOptions = {}): Promise<FastifyInstance> {
  const app = await buildServer(config, options);
  await app.ready();
  if (options.clock) app.clock.follow(options.clock);
  if (config.SEED_DEMO_DATA) {
    const { seedDemoCatalog } = await import('./catalog/import/seed-demo');
    await seedDemoCatalog(app.db, (line: string) => app.log.info(line), { changes: app.catalog.changes });
  }
  const { ensureInstallDefaults } = await import('./catalog/install-defaults');
  await ensureInstallDefaults(app.db);
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error');
    else app.log.info({ signal }, 'closing gracefully');
    await app.close();
    await options.alsoClose?.();
  });
  await app.listen({ host: config.HOST, port: config.PORT });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  // PORT=0 picks a free port: an unset PUBLIC_URL follows it (the same object is app.config; read per use).
  if (!config.publicUrlSet) config.PUBLIC_URL = listeningUrl(config.HOST, port);
  else {
    const mismatch = publicUrlMismatch(config.PUBLIC_URL, config.HOST, port);
    if (mismatch) app.log.warn(mismatch);
  }
  app.log.info(`admin: ${config.PUBLIC_URL}/admin   API docs: ${config.PUBLIC_URL}/docs   health: ${config.PUBLIC_URL}/health`);
  options.onListening?.(app);
  return app;
}

/** Entry for `tsx backend/src/server.ts`; `npm start` goes through scripts/start.ts (which builds the admin first). */
export async function main(config?: AppConfig, options: StartOptions = {}): Promise<void> {
  try {
    await startServer(config ?? readConfig(), options);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${error.message}\nSee .env.example for every setting and its default.`);
    } else {
      console.error('The service could not start:', error);
    }
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
