/**
 * Configuration: read once from the environment, validated at boot.
 * Every variable here is documented in `.env.example`; a bad value stops the start with
 * a message naming the variable, so a typo never becomes a silent default.
 */
import path from 'node:path';
import { Ajv } from 'ajv';
import { smtpUrlProblem } from './smtp-url';
import { parseTrustProxy } from './trust-proxy';
import { listeningUrl } from './public-url';
import { QUEUE_ARN_PATTERN, QUEUE_URL_PATTERN, settleSqsSettings } from './sqs-settings';

export interface AppConfig {
  NODE_ENV: 'development' | 'production' | 'test';
  HOST: string;
  PORT: number;
  /** Proxies whose X-Forwarded-For is believed (see trust-proxy.ts); empty = none. */
  TRUST_PROXY: string;
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  DATABASE_URL: string;
  /** Set, or else the address the service listens on (HOST + PORT); never ends with a slash. */
  PUBLIC_URL: string;
  /**
   * Whether PUBLIC_URL was set. When it was not and PORT is 0, the server puts the real port in PUBLIC_URL once it
   * listens (server.ts); a set one is checked against the listening port instead (public-url.ts).
   */
  publicUrlSet: boolean;
  ADMIN_EMAIL: string;
  ADMIN_PASSWORD: string;
  ADMIN_NAME: string;
  SESSION_TTL_MINUTES: number;
  COOKIE_SECURE: boolean;
  LOGIN_RATE_LIMIT_PER_MINUTE: number;
  ENCRYPTION_KEY: string;
  SEED_DEMO_DATA: boolean;
  AMAZON_MODE: 'simulator' | 'live';
  SERVE_ADMIN: boolean;
  AMAZON_LWA_CLIENT_ID: string;
  AMAZON_LWA_CLIENT_SECRET: string;
  AMAZON_APP_ID: string;
  SIMULATOR_PORT: number;
  SIMULATOR_SELLER_CENTRAL_PORT: number;
  /** Where `npm start` keeps the local Amazon's world; 'none' = memory only. Derived from DATABASE_URL when unset. */
  SIMULATOR_STATE_FILE: string;
  AMAZON_MAX_RETRIES: number;
  /** Feed/report document transfers: longest time without a byte either way before the attempt is abandoned. */
  AMAZON_DOCUMENT_TIMEOUT_MS: number;
  /** How far behind now the Amazon sales poll asks for orders: Amazon's two-minute Orders API lag plus a skew margin. */
  AMAZON_ORDERS_LAG_SECONDS: number;
  SYNC_STUCK_AFTER_MINUTES: number;
  /** ORDER_CHANGE notifications through the merchant's SQS queue (on), or polling alone (off). */
  AMAZON_NOTIFICATIONS: 'on' | 'off';
  /** The merchant's SQS queue; in simulator mode the local Amazon's queue unless set (sqs-settings.ts). */
  AMAZON_SQS_QUEUE_URL: string;
  AMAZON_SQS_QUEUE_ARN: string;
  /** The queue's AWS region (default: the ARN's). */
  AWS_REGION: string;
  /** Empty in live mode = the AWS SDK's own credential chain; dummies in simulator mode. */
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  SMTP_URL: string;
  MAIL_FROM: string;
  MAIL_DIR: string;
  CATALOG_IMPORT_MAX_MB: number;
}

export const configSchema = {
  type: 'object',
  additionalProperties: true,
  required: [],
  properties: {
    NODE_ENV: { type: 'string', enum: ['development', 'production', 'test'], default: 'development' },
    HOST: { type: 'string', minLength: 1, default: '127.0.0.1' },
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000 },
    TRUST_PROXY: { type: 'string', default: '' },
    LOG_LEVEL: {
      type: 'string',
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      default: 'info',
    },
    DATABASE_URL: { type: 'string', pattern: '^(sqlite:|mysql://)', default: 'sqlite:./data/channel.db' },
    // No default here: unset, it is derived from HOST and PORT below (DERIVED_DEFAULTS).
    PUBLIC_URL: { type: 'string', pattern: '^https?://' },
    ADMIN_EMAIL: { type: 'string', format: 'email', default: 'admin@example.com' },
    ADMIN_PASSWORD: { type: 'string', default: '' },
    ADMIN_NAME: { type: 'string', minLength: 1, default: 'Store Administrator' },
    SESSION_TTL_MINUTES: { type: 'integer', minimum: 1, maximum: 43200, default: 480 },
    COOKIE_SECURE: { type: 'boolean', default: false },
    LOGIN_RATE_LIMIT_PER_MINUTE: { type: 'integer', minimum: 1, default: 10 },
    ENCRYPTION_KEY: { type: 'string', pattern: '^(|[0-9a-fA-F]{64})$', default: '' },
    SEED_DEMO_DATA: { type: 'boolean', default: true },
    AMAZON_MODE: { type: 'string', enum: ['simulator', 'live'], default: 'simulator' },
    SERVE_ADMIN: { type: 'boolean', default: true },
    // Defaults are the simulator scenario's draft app (fixtures/simulator/scenarios/default.json), so simulator mode works as it is.
    AMAZON_LWA_CLIENT_ID: { type: 'string', minLength: 1, default: 'amzn1.application-oa2-client.sim00000000000000000000000000001' },
    AMAZON_LWA_CLIENT_SECRET: { type: 'string', minLength: 1, default: 'amzn1.oa2-cs.v1.sim-secret-0001' },
    AMAZON_APP_ID: { type: 'string', minLength: 1, default: 'amzn1.sellerapps.app.5a1e5c4a-0000-4000-8000-000000000001' },
    SIMULATOR_PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 8443 },
    SIMULATOR_SELLER_CENTRAL_PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 8444 },
    // No default here: unset, it lies beside the SQLite database (DERIVED_DEFAULTS).
    SIMULATOR_STATE_FILE: { type: 'string', minLength: 1 },
    AMAZON_MAX_RETRIES: { type: 'integer', minimum: 0, maximum: 10, default: 4 },
    AMAZON_DOCUMENT_TIMEOUT_MS: { type: 'integer', minimum: 100, maximum: 600_000, default: 60_000 },
    // Amazon's getOrders refuses an upper bound within its last 120 s; 10 s more absorb clock skew. Lower only for
    // a local Amazon whose lag was lowered (tests).
    AMAZON_ORDERS_LAG_SECONDS: { type: 'integer', minimum: 0, maximum: 3600, default: 130 },
    SYNC_STUCK_AFTER_MINUTES: { type: 'integer', minimum: 1, maximum: 1440, default: 30 },
    AMAZON_NOTIFICATIONS: { type: 'string', enum: ['on', 'off'], default: 'on' },
    // No defaults here: derived from AMAZON_MODE and each other (sqs-settings.ts).
    AMAZON_SQS_QUEUE_URL: { type: 'string', pattern: QUEUE_URL_PATTERN },
    AMAZON_SQS_QUEUE_ARN: { type: 'string', pattern: QUEUE_ARN_PATTERN },
    AWS_REGION: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d$' },
    AWS_ACCESS_KEY_ID: { type: 'string', pattern: '^[A-Z0-9]{16,128}$' },
    AWS_SECRET_ACCESS_KEY: { type: 'string', minLength: 1 },
    // Empty = development mode: each message is written as an .eml file into MAIL_DIR instead of being sent.
    // The rest of the URL (host, port, credentials) is checked by smtpUrlProblem in beyondSchema.
    SMTP_URL: { type: 'string', pattern: '^(|smtps?://.+)$', default: '' },
    // "Name <address>" or a bare address; the domain also names the Message-IDs.
    MAIL_FROM: {
      type: 'string',
      pattern: '^([^<>@]*<[^\\s<>@]+@[^\\s<>@]+>|[^\\s<>@]+@[^\\s<>@]+)$',
      default: 'Amazon Sales Channel <channel@localhost>',
    },
    MAIL_DIR: { type: 'string', minLength: 1, default: './data/mail' },
    CATALOG_IMPORT_MAX_MB: { type: 'integer', minimum: 1, maximum: 1024, default: 64 },
  },
} as const;

/** Settings whose default depends on others; `.env.example` leaves them empty (= derived). */
export const DERIVED_DEFAULTS = [
  'PUBLIC_URL',
  'SIMULATOR_STATE_FILE',
  'AMAZON_SQS_QUEUE_URL',
  'AMAZON_SQS_QUEUE_ARN',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
] as const;

/**
 * The local Amazon's state file beside the database, so a channel database and the Amazon that issued its tokens
 * live and go together (a test's temporary SQLite file gets its own); an in-memory database gets an in-memory
 * Amazon ('none'); MySQL keeps it in ./data like the generated secret key.
 */
export function defaultSimulatorStateFile(databaseUrl: string): string {
  if (!databaseUrl.startsWith('sqlite:')) return path.join('data', 'simulator-state.json');
  const file = databaseUrl.slice('sqlite:'.length);
  if (file === '' || file === ':memory:') return 'none';
  return path.join(path.dirname(file), 'simulator-state.json');
}

/** Secrets never appear in logs; the logger redacts these paths too. */
export const SECRET_KEYS = ['ADMIN_PASSWORD', 'ENCRYPTION_KEY', 'AMAZON_LWA_CLIENT_SECRET', 'SMTP_URL', 'AWS_SECRET_ACCESS_KEY'] as const;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const ajv = new Ajv({ allErrors: true, useDefaults: true, coerceTypes: true });
ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
const validate = ajv.compile(configSchema);

/**
 * Builds the config from an environment object (process.env by default).
 * Empty strings count as "not set" so `.env.example` can be copied as it is.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(configSchema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const problems = validate(input)
    ? []
    : (validate.errors ?? []).map((e) => {
        const key = e.instancePath.replace(/^\//, '') || String(e.params['missingProperty'] ?? '');
        return `${key}: ${e.message ?? 'is invalid'} (got ${shown(key, input[key])})`;
      });
  // Checks a JSON Schema cannot say (the value is still text; server.ts turns it into Fastify's option).
  const trustProxy = parseTrustProxy(String(input.TRUST_PROXY ?? ''));
  if ('problem' in trustProxy) problems.push(`TRUST_PROXY: ${trustProxy.problem} (got ${JSON.stringify(input.TRUST_PROXY)})`);
  problems.push(...beyondSchema(input));
  // Only on a valid mode (a bad one is already reported): fills the notification settings' derived defaults.
  if (problems.length === 0) problems.push(...settleSqsSettings(input as unknown as Parameters<typeof settleSqsSettings>[0]));
  if (problems.length) throw new ConfigError(problems);
  const config = input as unknown as AppConfig;
  const publicUrl = typeof input.PUBLIC_URL === 'string' ? input.PUBLIC_URL.replace(/\/+$/, '') : null;
  config.publicUrlSet = publicUrl !== null;
  config.PUBLIC_URL = publicUrl ?? listeningUrl(config.HOST, config.PORT);
  config.SIMULATOR_STATE_FILE ??= defaultSimulatorStateFile(config.DATABASE_URL);
  return config;
}

/** Checks a JSON-schema pattern cannot express; they run on values that passed the schema. */
function beyondSchema(input: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const smtp = input['SMTP_URL'];
  if (typeof smtp === 'string' && /^smtps?:\/\/./.test(smtp)) {
    const problem = smtpUrlProblem(smtp);
    if (problem) problems.push(`SMTP_URL: ${problem} (got ${shown('SMTP_URL', smtp)})`);
  }
  return problems;
}

/** A value for an error message; a secret (SMTP_URL holds a password) is never echoed back. */
function shown(key: string, value: unknown): string {
  if (value === undefined) return 'nothing';
  return (SECRET_KEYS as readonly string[]).includes(key) ? 'a value not shown: it is a secret' : JSON.stringify(value);
}
