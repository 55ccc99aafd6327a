/**
 * `npm start`: builds the admin when its build is missing or stale, starts the local Amazon simulator
 * beside the service in simulator mode (the default) — continuing from its state file, so stores stay
 * connected across restarts — then starts the service (migrations run at start; the demo catalog is
 * seeded into an empty database).
 */
import { main, readConfig, type StartOptions } from '../backend/src/server';
import { ConfigError, type AppConfig } from '../backend/src/platform/config';
import { CALLBACK_PATH } from '../backend/src/amazon-auth/amazon-auth.routes';

let config: AppConfig;
try {
  config = readConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`${error.message}\nSee .env.example for every setting and its default.`);
    process.exit(1);
  }
  throw error;
}

if (config.SERVE_ADMIN) {
  const { ensureAdminBuilt } = await import('./build-admin');
  await ensureAdminBuilt();
}

const options: StartOptions = {};
if (config.AMAZON_MODE === 'simulator') {
  const { startSimulator } = await import('../backend/simulator/index');
  const stateFile = config.SIMULATOR_STATE_FILE === 'none' ? undefined : config.SIMULATOR_STATE_FILE;
  const sim = await startSimulator({
    port: config.SIMULATOR_PORT,
    sellerCentralPort: config.SIMULATOR_SELLER_CENTRAL_PORT,
    // Stores stay connected across restarts: the local Amazon remembers the authorizations it issued.
    ...(stateFile ? { stateFile } : {}),
    ...(process.env.SIMULATOR_CONTROL_TOKEN ? { controlToken: process.env.SIMULATOR_CONTROL_TOKEN } : {}),
  }).catch((error: unknown) => {
    console.error(`The local Amazon simulator could not start: ${(error as Error).message}`);
    process.exit(1);
  });
  console.log(`Local Amazon simulator on ${sim.url} (control plane ${sim.url}/_simulator, x-simulator-token: ${sim.controlToken})`);
  console.log(`Local Seller Central (Connect store opens it): ${sim.sellerCentralUrl}/`);
  console.log(`Local Amazon storefront (what shoppers see): ${sim.storefrontUrlFor('www.amazon.com')}`);
  console.log(
    stateFile
      ? `Local Amazon state: ${stateFile} (${sim.restored ? 'continued' : 'new'}; "npm run simulator:reset" starts it over)`
      : 'Local Amazon state: in memory only (SIMULATOR_STATE_FILE=none)',
  );
  options.simulatorPort = sim.port;
  options.simulatorSellerCentralPort = sim.sellerCentralPort;
  // Amazon redirects only to registered URIs: register the service's own OAuth return address (PUBLIC_URL, final
  // once the server listens) on the simulator's app, as a developer does for their deployment in Developer Central.
  options.onListening = (app) => sim.registerRedirectUri(config.AMAZON_APP_ID, `${app.config.PUBLIC_URL}${CALLBACK_PATH}`);
  options.alsoClose = () => sim.close();
  // The channel's business time follows the local Amazon's, so advancing its clock moves authorization countdowns.
  options.clock = () => sim.clock.now();
}

await main(config, options);
