/** pino options: structured logs, secrets and credentials redacted wherever they appear. */
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import { SECRET_KEYS, type AppConfig } from './config';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.password_hash',
  '*.refresh_token',
  '*.refreshToken',
  '*.access_token',
  '*.client_secret',
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`]),
];

/**
 * Query parameters that are credentials: the OAuth callback's one-time authorization code and
 * state (and MWS's token) arrive in the URL, which Fastify logs with every request.
 */
export const REDACTED_QUERY_PARAMS = new Set(['spapi_oauth_code', 'state', 'mws_auth_token']);

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The URL with the values of REDACTED_QUERY_PARAMS replaced; everything else exactly as it came. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      return REDACTED_QUERY_PARAMS.has(decoded(name)) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, q + 1)}${params.join('&')}`;
}

/** Fastify's own request serializer (fastify/lib/logger-pino.js), with the URL redacted. */
function requestSerializer(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    version: request.headers?.['accept-version'] as string | undefined,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

export function loggerOptions(config: Pick<AppConfig, 'LOG_LEVEL'>): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { req: requestSerializer },
  };
}
