/** pino options: structured logs, secrets and credentials redacted wherever they appear. */
import type { FastifyServerOptions } from 'fastify';
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

export function loggerOptions(config: Pick<AppConfig, 'LOG_LEVEL'>): FastifyServerOptions['logger'] {
  return { level: config.LOG_LEVEL, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
}
