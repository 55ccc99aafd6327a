/**
 * PUBLIC_URL, the address admins use (sign-in links, the admin's origin for the CSRF check, the OAuth return
 * address Amazon redirects to). Unset, it is the address the service really listens on, so `PORT=3301 npm start`
 * needs nothing else; set, it is trusted (a proxy in front), and only a set value that points at this machine
 * on another port than the one listened on is worth a warning: that one is a leftover, not a proxy.
 */

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/** A host as it goes into a URL: IPv6 literals in brackets. */
const urlHost = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

/**
 * The URL a browser on this machine uses to reach HOST:PORT. A wildcard bind (0.0.0.0, ::) listens on loopback
 * too, and browsers refuse to open 0.0.0.0 (Chromium blocks it), so the link says 127.0.0.1; admins on other
 * machines reach a wildcard bind by a name only they know, which is what setting PUBLIC_URL is for.
 */
export function listeningUrl(host: string, port: number): string {
  return `http://${WILDCARDS.has(host) ? '127.0.0.1' : urlHost(host)}:${port}`;
}

const isLoopback = (hostname: string) => hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);

/**
 * The warning for a set PUBLIC_URL that names this machine (loopback, or the HOST listened on) with another port
 * than the one the service listens on — sign-in links and Amazon's redirect would lead nowhere. Null otherwise.
 */
export function publicUrlMismatch(publicUrl: string, listenHost: string, listenPort: number): string | null {
  const url = new URL(publicUrl);
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  if (port === listenPort) return null;
  const here = isLoopback(url.hostname) || url.hostname === urlHost(listenHost);
  if (!here) return null;
  return (
    `PUBLIC_URL ${publicUrl} names port ${port}, but the service listens on port ${listenPort}: sign-in links and ` +
    `Amazon's OAuth return address lead there. Unset PUBLIC_URL (it then follows HOST and PORT) or correct it.`
  );
}
