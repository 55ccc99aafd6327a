/**
 * Test helpers: start an in-process simulator, route the real `amazon-sp-api` client to it through a
 * loopback https.Agent (CLIENT-NOTES.md §2), and make raw HTTPS requests with a chosen Host header.
 */
import type http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { SellingPartner } from 'amazon-sp-api';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../index';

export const SCENARIO = {
  appId: 'amzn1.sellerapps.app.5a1e5c4a-0000-4000-8000-000000000001',
  clientId: 'amzn1.application-oa2-client.sim00000000000000000000000000001',
  clientSecret: 'amzn1.oa2-cs.v1.sim-secret-0001',
  redirectUri: 'https://localhost:8080/api/amazon-auth/callback',
  seller: 'A2SIMOUTDOOR01',
  sellerEmail: 'owner@demo-outdoor.example',
  sellerPassword: 'Owner-pass-1',
  sellerOtp: '123456',
  staffEmail: 'staff@demo-outdoor.example',
  staffPassword: 'Staff-pass-1',
  staffOtp: '222222',
  refreshTokenNa: 'Atzr|sim-seed-A2SIMOUTDOOR01-na',
  refreshTokenEu: 'Atzr|sim-seed-A2SIMOUTDOOR01-eu',
  bookSeller: 'A3SIMBOOKSEU02',
  expiredRefreshToken: 'Atzr|sim-seed-A3SIMBOOKSEU02-eu-expired',
  US: 'ATVPDKIKX0DER',
  DE: 'A1PA6795UKMFR9',
} as const;

/** Dials the simulator whatever host was requested, keeping SNI and the Host header of the original. */
export class LoopbackAgent extends https.Agent {
  constructor(
    private readonly simPort: number,
    private readonly simCa: string,
    opts?: https.AgentOptions,
  ) {
    super({ keepAlive: false, ...opts });
  }

  // Node passes the TLS options of the original request (host, servername, …) at runtime; the typings
  // only say ClientRequestArgs. Returning the socket is enough: the agent then calls back itself.
  override createConnection(options: http.ClientRequestArgs): Duplex {
    const o = options as tls.ConnectionOptions;
    return tls.connect({ ...o, host: '127.0.0.1', port: this.simPort, servername: o.servername ?? o.host ?? undefined, ca: this.simCa });
  }
}

export async function startTestSimulator(opts: SimulatorOptions = {}): Promise<SimulatorHandle & { agent: LoopbackAgent }> {
  const sim = await startSimulator({ port: 0, validateResponses: true, controlToken: 'test-control-token', ...opts });
  return Object.assign(sim, { agent: new LoopbackAgent(sim.port, sim.caPem) });
}

export function makeClient(
  sim: { agent: https.Agent },
  opts: { refreshToken?: string; region?: 'na' | 'eu' | 'fe'; grantless?: boolean; versions?: Record<string, string> } = {},
): SellingPartner {
  return new SellingPartner({
    region: opts.region ?? 'na',
    ...(opts.grantless ? {} : { refresh_token: opts.refreshToken ?? SCENARIO.refreshTokenNa }),
    credentials: { SELLING_PARTNER_APP_CLIENT_ID: SCENARIO.clientId, SELLING_PARTNER_APP_CLIENT_SECRET: SCENARIO.clientSecret },
    options: {
      https_proxy_agent: sim.agent,
      auto_request_throttled: false,
      retry_remote_timeout: false,
      only_grantless_operations: opts.grantless ?? false,
    },
    // endpoints_versions is a top-level constructor key (the client ignores it inside `options`).
    endpoints_versions: {
      listingsItems: '2021-08-01',
      catalogItems: '2022-04-01',
      orders: 'v0',
      sellers: 'v1',
      feeds: '2021-06-30',
      reports: '2021-06-30',
      fbaInventory: 'v1',
      tokens: '2021-03-01',
      ...opts.versions,
    },
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = unknown>(): T;
}

/** A raw HTTPS request to `https://<host><path>` served by the simulator. */
export function simRequest(
  sim: { agent: https.Agent },
  host: string,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host, servername: host, method, path, agent: sim.agent, headers: { host, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
      });
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export async function control(
  sim: SimulatorHandle & { agent: https.Agent },
  method: string,
  path: string,
  body?: unknown,
): Promise<RawResponse> {
  return simRequest(sim, 'localhost', method, path, {
    headers: { 'x-simulator-token': sim.controlToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

/** Form fields of the first <form> in a page, plus its action (hidden inputs included). */
export function parseForm(html: string): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error(`no form in page:\n${html.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const m of (form[2] ?? '').matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[m[1] ?? ''] = (m[2] ?? '')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  }
  return { action: form[1] ?? '', fields };
}

export const formBody = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

export interface SellerLogin {
  email: string;
  password: string;
  otp: string;
}

/**
 * Walks Seller Central's consent pages for a consent URL as a browser would — sign-in, two-step code,
 * "I understand", Next, Continue — and returns where Seller Central redirects (not followed). A consent URL
 * on the loopback listener (http://127.0.0.1:<port>/<host>/…) is fetched over plain HTTP; one on Amazon's
 * host names goes through `sim.agent` with that Host header.
 */
export async function walkConsent(sim: { agent: https.Agent }, consentUrl: string, login: SellerLogin): Promise<URL> {
  const url = new URL(consentUrl);
  const request =
    url.protocol === 'http:'
      ? (method: string, p: string, fields?: Record<string, string>) => plainRequest(`${url.origin}${p}`, method, fields)
      : (method: string, p: string, fields?: Record<string, string>) =>
          simRequest(sim, url.host, method, p, fields ? { headers: FORM, body: formBody(fields) } : {});
  const submit = (from: RawResponse, extra: Record<string, string>) => {
    const f = parseForm(from.text);
    return request('POST', f.action, { ...f.fields, ...extra });
  };
  const start = await request('GET', `${url.pathname}${url.search}`);
  if (start.status !== 200) throw new Error(`consent page: ${start.status} ${start.text.slice(0, 300)}`);
  const mfa = await submit(start, { email: login.email, password: login.password });
  const perms = await submit(mfa, { otpCode: login.otp });
  if (!/I understand/.test(perms.text)) throw new Error(`no permissions page: ${perms.status} ${perms.text.slice(0, 400)}`);
  const almost = await submit(perms, { acknowledge: 'yes' });
  const done = await submit(almost, {});
  if (done.status !== 302) throw new Error(`consent did not redirect: ${done.status} ${done.text.slice(0, 300)}`);
  return new URL(String(done.headers.location));
}

/** A plain-HTTP request (the loopback Seller Central), form-encoded when `fields` are given; redirects not followed. */
export async function plainRequest(
  url: string,
  method = 'GET',
  fields?: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const res = await fetch(url, {
    method,
    redirect: 'manual',
    headers: { ...(fields ? FORM : {}), ...headers },
    ...(fields ? { body: formBody(fields) } : {}),
  });
  const text = await res.text();
  const out: Record<string, string | string[] | undefined> = {};
  res.headers.forEach((value, key) => (out[key] = value));
  out['set-cookie'] = res.headers.getSetCookie();
  return { status: res.status, headers: out, text, json: <T>() => JSON.parse(text) as T };
}
