/**
 * Standalone simulator: `tsx backend/simulator/main.ts`.
 * Env: SIMULATOR_PORT (default 8443), SIMULATOR_SELLER_CENTRAL_PORT (plain-HTTP Seller Central for browsers,
 * default 8444), SIMULATOR_HOST (default 127.0.0.1), SIMULATOR_SCENARIO (default "default"),
 * SIMULATOR_CONTROL_TOKEN (default random, printed), SIMULATOR_STATE_FILE (keep the world there across
 * restarts; unset = memory only), SIMULATOR_LOG=1 for request logs.
 */
import { startSimulator } from './index';

const sim = await startSimulator({
  port: Number(process.env.SIMULATOR_PORT ?? 8443),
  sellerCentralPort: Number(process.env.SIMULATOR_SELLER_CENTRAL_PORT ?? 8444),
  host: process.env.SIMULATOR_HOST ?? '127.0.0.1',
  scenario: process.env.SIMULATOR_SCENARIO ?? 'default',
  ...(process.env.SIMULATOR_CONTROL_TOKEN ? { controlToken: process.env.SIMULATOR_CONTROL_TOKEN } : {}),
  ...(process.env.SIMULATOR_STATE_FILE ? { stateFile: process.env.SIMULATOR_STATE_FILE } : {}),
  logger: process.env.SIMULATOR_LOG === '1',
  validateResponses: true,
});
console.log(`Amazon simulator listening on ${sim.url} (scenario ${sim.sim.scenario.name})`);
console.log(`Seller Central for browsers: ${sim.sellerCentralUrl}/`);
console.log(`Storefront for browsers: ${sim.storefrontUrlFor('www.amazon.com')}`);
if (sim.stateFile) console.log(`state: ${sim.stateFile} (${sim.restored ? 'continued' : 'new'})`);
console.log(`control plane: ${sim.url}/_simulator  x-simulator-token: ${sim.controlToken}`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    void sim.close().then(() => process.exit(0));
  });
}
