/**
 * Security headers on every response (@fastify/helmet): no framing by any site (clickjacking of the
 * admin), no MIME sniffing, no referrer to other sites, and a Content Security Policy that fits the
 * built admin — scripts and styles from our own origin only, no other host at all.
 *
 * What the admin needs, and why each allowance is there:
 * - `style-src 'unsafe-inline'`: Vuetify writes its theme as a <style> element at run time and Vue
 *   binds `style` attributes; neither can carry a nonce from a static index.html.
 * - `script-src 'unsafe-eval'`: the admin validates forms with Ajv from the shared JSON Schemas
 *   (admin-ui/src/validation), and Ajv compiles each schema with `new Function`. No inline script
 *   is allowed, so injected markup still cannot run code.
 * - `img-src`/`font-src data:`: small icons and fonts that Vite or Vuetify inline as data URLs
 *   (the @mdi/font files themselves come from /admin/assets).
 *
 * The API docs at /docs (Swagger UI) get their own policy (DOCS_CSP, set by swagger.ts), which
 * needs no eval. HSTS is sent only when the service is behind HTTPS (COOKIE_SECURE or an https
 * PUBLIC_URL): over plain HTTP it would be ignored at best, and upgrade-insecure-requests would
 * send the admin's assets to an https address that does not answer.
 */
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from './config';

type Directives = Record<string, string[]>;

const SHARED_DIRECTIVES: Directives = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
};

export function servedOverHttps(config: Pick<AppConfig, 'COOKIE_SECURE' | 'PUBLIC_URL'>): boolean {
  return config.COOKIE_SECURE || config.PUBLIC_URL.startsWith('https://');
}

function withHttps(directives: Directives, https: boolean): Directives {
  return https ? { ...directives, 'upgrade-insecure-requests': [] } : directives;
}

/** The policy of the admin and of every other response. */
export function adminCspDirectives(https: boolean): Directives {
  return withHttps({ ...SHARED_DIRECTIVES, 'script-src': ["'self'", "'unsafe-eval'"] }, https);
}

/** Swagger UI at /docs: its own scripts, no eval. */
export function docsCsp(https: boolean): string {
  const directives = withHttps({ ...SHARED_DIRECTIVES, 'script-src': ["'self'"] }, https);
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}

export default fp(
  async function securityHeaders(app: FastifyInstance) {
    const https = servedOverHttps(app.config);
    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: adminCspDirectives(https) },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: https ? { maxAge: 180 * 86_400, includeSubDomains: false } : false,
    });
  },
  { name: 'security-headers', dependencies: ['config'] },
);
