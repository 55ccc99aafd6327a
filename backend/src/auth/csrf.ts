/**
 * Cross-site request forgery: a state-changing request that a browser sends with our session
 * cookie must come from the admin's own origin. Browsers say where a request comes from
 * (Sec-Fetch-Site on every request of current browsers, Origin on every non-GET one, `no-cors`
 * and bodyless POSTs included), so the check needs no token: a request that carries neither header
 * did not come from a browser page and cannot ride on a victim's cookie. Bearer-token requests
 * are not checked (a browser never attaches a bearer token by itself).
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function sameOriginAsRequest(origin: string, request: FastifyRequest, publicUrl: string): boolean {
  const parsed = originOf(origin);
  if (parsed === null) return false;
  if (parsed === originOf(publicUrl)) return true;
  // The address the browser used (e.g. localhost instead of 127.0.0.1) is the admin's origin too.
  return new URL(parsed).host === request.headers.host;
}

/**
 * Throws 403 for a cross-origin state-changing request. Run for cookie-authenticated requests and
 * for public ones (a cross-site page must not sign a victim in to an account of its own either).
 */
export function checkCrossOrigin(request: FastifyRequest, publicUrl: string): void {
  if (SAFE_METHODS.has(request.method)) return;
  const fetchSite = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const refuse = () => {
    throw new AppError(
      'FORBIDDEN',
      'This request did not come from the admin (cross-site request refused). API clients use a bearer token.',
      {
        reason: 'cross_site',
        origin: origin ?? null,
        secFetchSite: fetchSite ?? null,
      },
    );
  };
  if (typeof fetchSite === 'string') {
    if (fetchSite === 'same-origin' || fetchSite === 'none') return;
    // same-site / cross-site: allowed only from the configured public address (a proxy in front).
    if (typeof origin === 'string' && originOf(origin) !== null && originOf(origin) === originOf(publicUrl)) return;
    refuse();
  }
  if (typeof origin !== 'string') return; // not a browser page: nothing to forge with
  if (!sameOriginAsRequest(origin, request, publicUrl)) refuse();
}
