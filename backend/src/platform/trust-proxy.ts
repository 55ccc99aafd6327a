/**
 * TRUST_PROXY: which peers may tell us the client's address in X-Forwarded-For. Off unless the
 * setting names the proxies, because a trusted header lets any client pick its own address — and
 * with it a fresh sign-in rate limit for every attempt. Pure.
 *
 * Accepted: empty (off), or comma-separated IPv4/IPv6 addresses, CIDR ranges and proxy-addr's
 * names `loopback`, `linklocal`, `uniquelocal`. A hop count is refused rather than taken: Fastify 5
 * ignores hop-count trust (it cannot tell a proxy from a client that sends the header itself), so
 * accepting one would look configured while trusting nobody.
 */
import net from 'node:net';

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export type TrustProxy = false | string[];

function entryProblem(entry: string): string | null {
  if (NAMED_RANGES.has(entry)) return null;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return `"${entry}" is not an IP address or CIDR range`;
  if (prefix === undefined) return null;
  const bits = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits) return `"${entry}" has a bad prefix length (0–${bits})`;
  return null;
}

/** The trusted proxies, or a problem saying what is wrong with the text. */
export function parseTrustProxy(text: string): { value: TrustProxy } | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'false') return { value: false };
  if (/^\d+$/.test(trimmed)) {
    return {
      problem: `a hop count ("${trimmed}") cannot tell a proxy from a client sending the header itself; name the proxy's address or CIDR range (e.g. 127.0.0.1 or 10.0.0.0/8)`,
    };
  }
  if (trimmed.toLowerCase() === 'true') {
    return { problem: "trusting every peer lets any client choose its address; name the proxy's address or CIDR range (e.g. 127.0.0.1)" };
  }
  const entries = trimmed.split(',').map((e) => e.trim());
  for (const entry of entries) {
    const problem = entry === '' ? 'an empty entry between commas' : entryProblem(entry);
    if (problem) return { problem: `${problem}; expected comma-separated addresses or CIDR ranges (e.g. 127.0.0.1,10.0.0.0/8)` };
  }
  return { value: entries };
}

/** Fastify's `trustProxy` for a TRUST_PROXY already validated at boot. */
export function trustProxyOption(text: string): TrustProxy {
  const parsed = parseTrustProxy(text);
  if ('problem' in parsed) throw new Error(`TRUST_PROXY: ${parsed.problem}`);
  return parsed.value;
}
