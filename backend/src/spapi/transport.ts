/**
 * How requests reach Amazon. Live mode: Node's default HTTPS (no agent override at all). Simulator mode:
 * a LoopbackAgent that dials the local simulator for every request of the client — SP-API, LWA token calls,
 * document uploads/downloads — while keeping the original SNI and Host, so the simulator dispatches on Host
 * exactly as Amazon's hosts would. Nothing else differs between the two modes — except where a person's
 * browser goes for Seller Central consent: Amazon's Seller Central in live mode; in simulator mode the
 * simulator's plain-HTTP loopback Seller Central, which any browser opens without a host mapping or a
 * certificate warning (backend/simulator/sellercentral/loopback.ts says why it is plain HTTP).
 */
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** The simulator's throw-away CA (test-only, trusted explicitly here, never system-wide). */
export const SIMULATOR_CA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/simulator/tls/ca.pem');

/** The simulator's default Seller Central port (config SIMULATOR_SELLER_CENTRAL_PORT's default). */
const DEFAULT_SELLER_CENTRAL_PORT = 8444;

export class LoopbackAgent extends https.Agent {
  constructor(
    /** Read on every new connection, so a simulator started on a random port can be pointed at later. */
    private readonly port: () => number,
    private readonly ca: string | Buffer,
    options: https.AgentOptions = {},
  ) {
    super({ keepAlive: true, ...options });
  }

  override createConnection(options: https.RequestOptions): Duplex {
    const servername = typeof options.servername === 'string' ? options.servername : (options.hostname ?? options.host ?? undefined);
    // Only the address changes: certificate checks stay on, against the simulator CA and the original host name.
    return tls.connect({
      ...(options as tls.ConnectionOptions),
      host: '127.0.0.1',
      port: this.port(),
      servername: servername ?? undefined,
      ca: this.ca,
    });
  }
}

export interface Transport {
  /** undefined in live mode: the client and our own LWA call then use Node's defaults. */
  agent: https.Agent | undefined;
  /** Points the simulator transport at another port (a simulator started on port 0); no-op in live mode. */
  setSimulatorPort(port: number): void;
  /**
   * The base URL a browser opens for one of Amazon's Seller Central hosts (no trailing slash):
   * `https://sellercentral.amazon.de` live, `http://127.0.0.1:8444/sellercentral.amazon.de` with the simulator.
   */
  sellerCentralUrl(host: string): string;
  close(): void;
}

const bareHost = (host: string) => host.replace(/^https?:\/\//, '').replace(/\/+$/, '');

export function createTransport(
  mode: 'simulator' | 'live',
  simulatorPort: number,
  ca?: string | Buffer,
  /** The simulator's plain-HTTP Seller Central port (SIMULATOR_SELLER_CENTRAL_PORT, or the one it was started on). */
  sellerCentralPort?: number,
): Transport {
  if (mode === 'live')
    return {
      agent: undefined,
      setSimulatorPort: () => undefined,
      sellerCentralUrl: (host) => `https://${bareHost(host)}`,
      close: () => undefined,
    };
  let port = simulatorPort;
  const agent = new LoopbackAgent(() => port, ca ?? fs.readFileSync(SIMULATOR_CA_FILE));
  return {
    agent,
    sellerCentralUrl: (host) => `http://127.0.0.1:${sellerCentralPort ?? DEFAULT_SELLER_CENTRAL_PORT}/${bareHost(host)}`,
    setSimulatorPort(next: number) {
      port = next;
      // Pooled keep-alive sockets still point at the old port.
      agent.destroy();
    },
    close: () => agent.destroy(),
  };
}
