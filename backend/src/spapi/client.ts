/**
 * The one place that drives the `amazon-sp-api` client. One client per (region, refresh token), so the
 * access token is reused by every worker; every call goes: access token (single-flight refresh) → rate
 * limiter → client with `raw_result` → our own status handling → Communication Log row → retry or map.
 * The client's own throttle retry and network retry are off: both are unbounded in 1.2.1. Document
 * transfers do not go through the client (document-http.ts says why) but use the same agent.
 */
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import type { Agent } from 'node:https';
import type { Knex } from 'knex';
import type { FastifyBaseLogger } from 'fastify';
import { SellingPartner } from 'amazon-sp-api';
import { insertApiCall, type ApiCallRecord } from './comm-log.queries';
import {
  AmazonError,
  AmazonThrottledError,
  AmazonUnavailableError,
  AuthorizationRevokedError,
  classify,
  firstAmazonError,
  isRetryableNetworkError,
  lwaErrorOf,
  type AmazonErrorDetails,
} from './errors';
import { ENDPOINT_VERSIONS, OPERATIONS, type OperationName, type OperationSpec } from './operations';
import { bucketKey, type RateLimiter } from './rate-limiter';
import { backoffMs, type RetryPolicy } from './retry';
import type { Transport } from './transport';
import { isGrantless, type CallContext, type CallParams, type CallResult, type GrantlessContext, type SellerContext } from './call-types';

export type { CallContext, CallParams, CallResult, GrantlessContext, Region, RestrictedTokenSource, SellerContext } from './call-types';

interface RawResult {
  body: string;
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  request?: { path?: string };
}

type Builder = (params: Record<string, unknown>) => { method: string; api_path: string; scope?: string };

/** The part of the client we use (its bundled typings are a partial, version-unaware catalog). */
interface SpClient {
  readonly access_token: string | undefined;
  /** Grantless tokens by scope; the client keeps them here and exposes no getter (1.2.1). */
  readonly _grantless_tokens: Record<string, string | undefined>;
  readonly endpoints: Record<string, Record<string, Record<string, Builder>>>;
  refreshAccessToken(scope?: string): Promise<void>;
  callAPI(params: {
    operation: string;
    path?: Record<string, string>;
    query?: Record<string, unknown>;
    body?: unknown;
    restricted_data_token?: string;
    options: { raw_result: true; version?: string; timeouts?: { response?: number; deadline?: number } };
  }): Promise<RawResult>;
}

interface ClientEntry {
  sp: SpClient;
  refreshing: Promise<void> | null;
  /** The LWA scope of a grantless client; null for a seller's. */
  scope: GrantlessContext['grantless'] | null;
}

/** The token the client will send: the seller's access token, or the grantless one of the client's scope. */
const tokenOf = (entry: ClientEntry): string | undefined => (entry.scope ? entry.sp._grantless_tokens[entry.scope] : entry.sp.access_token);

export interface CallerDeps {
  db: Knex;
  log: FastifyBaseLogger;
  transport: Transport;
  limiter: RateLimiter;
  retry: RetryPolicy;
  lwa: { clientId: string; clientSecret: string };
  timeouts?: { response: number; deadline: number };
  /** Document uploads/downloads: longest time without a byte either way (AMAZON_DOCUMENT_TIMEOUT_MS). */
  documentTimeoutMs?: number;
}

const DEFAULT_TIMEOUTS = { response: 30_000, deadline: 120_000 };
export const DEFAULT_DOCUMENT_TIMEOUT_MS = 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function header(headers: RawResult['headers'], name: string): string | null {
  const v = headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

function parseBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export class SpApiCaller {
  private readonly clients = new Map<string, ClientEntry>();

  constructor(private readonly deps: CallerDeps) {}

  async call<T = unknown>(ctx: CallContext, operation: OperationName, params: CallParams = {}): Promise<CallResult<T>> {
    const spec: OperationSpec = OPERATIONS[operation];
    const entry = this.clientFor(ctx);
    const sellerId = isGrantless(ctx) ? null : ctx.sellerId;
    const key = bucketKey(sellerId, operation);
    const clientOperation = spec.clientOperation ?? operation;
    const version = spec.version ?? ENDPOINT_VERSIONS[spec.endpoint];
    // The client percent-encodes path parameters in place: every attempt gets its own copy.
    const request = () => ({
      operation: `${spec.endpoint}.${clientOperation}`,
      ...(params.path ? { path: { ...params.path } } : {}),
      ...(params.query ? { query: { ...params.query } } : {}),
      ...(params.body !== undefined ? { body: params.body } : {}),
    });
    const route = entry.sp.endpoints[spec.endpoint]?.[version]?.[clientOperation]?.(request());
    if (!route) throw new Error(`the client knows no ${spec.endpoint}.${clientOperation} ${version}`);
    // The client sends a grantless token for an operation whose route names a scope, whatever our context says.
    if ((route.scope !== undefined) !== isGrantless(ctx))
      throw new Error(`${operation} is ${route.scope ? 'grantless: call it with a GrantlessContext' : 'a seller operation'}`);
    const base = {
      storeId: ctx.storeId ?? null,
      sellerId,
      marketplaceId: params.marketplaceId ?? ctx.marketplaceId ?? null,
      operation,
      method: route.method,
    };
    const { maxRetries } = this.deps.retry;
    let retries = 0;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      if (!tokenOf(entry)) await this.refresh(entry, ctx);
      const rdt = params.restricted ? await params.restricted.token() : undefined;
      await this.deps.limiter.acquire(key, spec);
      const tokenUsed = tokenOf(entry);
      const started = performance.now();
      let res: RawResult;
      try {
        res = await entry.sp.callAPI({
          ...request(),
          ...(rdt ? { restricted_data_token: rdt } : {}),
          options: { raw_result: true, ...(spec.version ? { version: spec.version } : {}), timeouts: this.timeouts },
        });
      } catch (err) {
        const code = String((err as { code?: unknown }).code ?? 'NETWORK_ERROR');
        await this.record({
          ...base,
          path: route.api_path,
          status: null,
          amazonRequestId: null,
          latencyMs: performance.now() - started,
          attempt,
          errorCode: code,
          errorMessage: (err as Error).message,
        });
        if (!isRetryableNetworkError(err)) throw err;
        if (retries < maxRetries) {
          retries++;
          await sleep(backoffMs(retries, this.deps.retry));
          continue;
        }
        throw new AmazonUnavailableError(`Amazon could not be reached for ${operation} (${code}) after ${attempt} attempts`, {
          operation,
          status: null,
          amazonCode: code,
          amazonMessage: (err as Error).message,
          amazonDetails: null,
          requestId: null,
          attempts: attempt,
        });
      }
      const latencyMs = performance.now() - started;
      const parsed = parseBody(res.body);
      const error = parsed.ok ? firstAmazonError(parsed.value) : null;
      const requestId = header(res.headers, 'x-amzn-requestid');
      const expected = params.expect?.includes(res.statusCode) ?? false;
      const outcome = expected ? { kind: 'ok' as const } : classify(res.statusCode, error);
      const isError = res.statusCode >= 300;
      await this.record({
        ...base,
        path: res.request?.path ?? route.api_path,
        status: res.statusCode,
        amazonRequestId: requestId,
        latencyMs,
        attempt,
        errorCode: isError ? (error?.code ?? `HTTP_${res.statusCode}`) : null,
        errorMessage: isError ? (error ? [error.message, error.details].filter(Boolean).join(' — ') : res.body.slice(0, 500)) : null,
      });
      const details = (): AmazonErrorDetails => ({
        operation,
        status: res.statusCode,
        amazonCode: error?.code ?? null,
        amazonMessage: error?.message ?? null,
        amazonDetails: error?.details ?? null,
        requestId,
        attempts: attempt,
      });
      switch (outcome.kind) {
        case 'ok':
          if (!parsed.ok) throw new AmazonError(`Amazon answered ${operation} with a body that is not JSON`, details());
          return { status: res.statusCode, body: parsed.value as T, requestId, attempts: attempt };
        case 'refresh-token':
          if (refreshed)
            throw new AmazonError(`Amazon refused the fresh access token for ${operation}: ${error?.details ?? ''}`, details());
          refreshed = true;
          // A restricted call sent the RDT, not the access token: it is the RDT that needs replacing.
          if (rdt) params.restricted?.invalidate(rdt);
          // Another call may have refreshed meanwhile; only refresh if the token we used is still current.
          else if (tokenOf(entry) === tokenUsed) await this.refresh(entry, ctx, true);
          continue;
        case 'throttled':
        case 'server-error': {
          if (outcome.kind === 'throttled') await this.deps.limiter.penalize(key, spec);
          if (retries < maxRetries) {
            retries++;
            await sleep(backoffMs(retries, this.deps.retry));
            continue;
          }
          const Err = outcome.kind === 'throttled' ? AmazonThrottledError : AmazonUnavailableError;
          throw new Err(
            `Amazon ${outcome.kind === 'throttled' ? 'throttled' : 'failed'} ${operation} ${attempt} times (last status ${res.statusCode})`,
            details(),
          );
        }
        case 'rejected':
          throw new AmazonError(
            `Amazon refused ${operation}: ${error ? `${error.code}: ${error.message}` : `HTTP ${res.statusCode}`}`,
            details(),
          );
      }
    }
  }

  /** Document transfers go through the same agent as the client (undefined live: Node's default); no token needed. */
  get documentAgent(): Agent | undefined {
    return this.deps.transport.agent;
  }

  get documentTimeoutMs(): number {
    return this.deps.documentTimeoutMs ?? DEFAULT_DOCUMENT_TIMEOUT_MS;
  }

  get retryPolicy(): RetryPolicy {
    return this.deps.retry;
  }

  get timeouts(): { response: number; deadline: number } {
    return this.deps.timeouts ?? DEFAULT_TIMEOUTS;
  }

  /** Forgets the client (and its access token) of a seller authorization, e.g. after a disconnect. */
  forget(ctx: Pick<SellerContext, 'region' | 'refreshToken'>): void {
    this.clients.delete(this.clientKey(ctx));
  }

  private clientKey(ctx: Pick<SellerContext, 'region' | 'refreshToken'> | GrantlessContext): string {
    if ('grantless' in ctx) return `${ctx.region}|grantless|${ctx.grantless}`;
    return `${ctx.region}|${createHash('sha256').update(ctx.refreshToken).digest('hex')}`;
  }

  private clientFor(ctx: CallContext): ClientEntry {
    const key = this.clientKey(ctx);
    let entry = this.clients.get(key);
    if (!entry) {
      const grantless = isGrantless(ctx);
      const sp = new SellingPartner({
        region: ctx.region,
        ...(grantless ? {} : { refresh_token: ctx.refreshToken }),
        endpoints_versions: { ...ENDPOINT_VERSIONS },
        credentials: {
          SELLING_PARTNER_APP_CLIENT_ID: this.deps.lwa.clientId,
          SELLING_PARTNER_APP_CLIENT_SECRET: this.deps.lwa.clientSecret,
        },
        options: {
          auto_request_tokens: true,
          auto_request_throttled: false,
          retry_remote_timeout: false,
          version_fallback: false,
          only_grantless_operations: grantless,
          ...(this.deps.transport.agent ? { https_proxy_agent: this.deps.transport.agent } : {}),
        },
      }) as unknown as SpClient;
      entry = { sp, refreshing: null, scope: grantless ? ctx.grantless : null };
      this.clients.set(key, entry);
    }
    return entry;
  }

  /** One LWA refresh at a time per client; concurrent callers wait for the same one. */
  private refresh(entry: ClientEntry, ctx: CallContext, expired = false): Promise<void> {
    entry.refreshing ??= this.refreshNow(entry, ctx, expired).finally(() => {
      entry.refreshing = null;
    });
    return entry.refreshing;
  }

  private async refreshNow(entry: ClientEntry, ctx: CallContext, expired: boolean): Promise<void> {
    const base = {
      storeId: ctx.storeId ?? null,
      sellerId: isGrantless(ctx) ? null : ctx.sellerId,
      marketplaceId: ctx.marketplaceId ?? null,
      operation: 'lwa.refreshAccessToken',
      method: 'POST',
      path: '/auth/o2/token',
      amazonRequestId: null,
    };
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      try {
        await entry.sp.refreshAccessToken(entry.scope ?? undefined);
        await this.record({
          ...base,
          attempt,
          status: 200,
          latencyMs: performance.now() - started,
          errorCode: null,
          errorMessage: expired ? 'access token expired; refreshed' : null,
        });
        return;
      } catch (err) {
        const lwa = lwaErrorOf(err);
        const code = lwa?.error ?? String((err as { code?: unknown }).code ?? 'LWA_ERROR');
        await this.record({
          ...base,
          attempt,
          status: null,
          latencyMs: performance.now() - started,
          errorCode: code,
          errorMessage: lwa?.description ?? (err as Error).message,
        });
        const details = {
          operation: base.operation,
          status: null,
          amazonCode: code,
          amazonMessage: lwa?.description ?? (err as Error).message,
          amazonDetails: null,
          requestId: null,
          attempts: attempt,
        };
        if (lwa?.error === 'invalid_grant' && !isGrantless(ctx)) {
          this.forget(ctx);
          throw new AuthorizationRevokedError(
            `The seller's Amazon authorization is no longer valid (revoked or older than 365 days); the seller must authorize the app again`,
            {
              sellerId: ctx.sellerId,
              storeId: ctx.storeId ?? null,
              lwaError: lwa.error,
              lwaDescription: lwa.description,
            },
          );
        }
        const transient = isRetryableNetworkError(err) || lwa?.error === 'server_error' || lwa?.error === 'temporarily_unavailable';
        if (transient && attempt <= this.deps.retry.maxRetries) {
          await sleep(backoffMs(attempt, this.deps.retry));
          continue;
        }
        if (transient)
          throw new AmazonUnavailableError(`Login with Amazon could not be reached (${code}) after ${attempt} attempts`, details);
        if (lwa) throw new AmazonError(`Login with Amazon refused the token refresh: ${lwa.error}`, details);
        throw err;
      }
    }
  }

  /** The log must never turn a successful Amazon call into a failure: a failed insert is logged and skipped. */
  async record(call: ApiCallRecord): Promise<void> {
    try {
      await insertApiCall(this.deps.db, call);
    } catch (err) {
      this.deps.log.warn({ err, operation: call.operation }, 'could not write the Amazon communication log');
    }
  }
}
