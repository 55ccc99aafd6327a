/**
 * OAuth helpers for the website authorization workflow (Seller Central consent → spapi_oauth_code →
 * refresh token). See /work/shared/amazon-spapi/README.md, "Authorization: website workflow".
 *
 * Decision: the code exchange is our own form-encoded POST to LWA rather than the client's `exchange()`,
 * because `exchange()` sends no `redirect_uri`, while Amazon documents it as a parameter of the
 * authorization_code grant and OAuth 2.0 (RFC 6749 §4.1.3) requires it whenever the consent request named
 * one. It goes through the same transport (agent) as the client, so simulator mode still reaches only the
 * simulator. It is not retried: a code is single-use, and a retry after a lost answer would fail anyway.
 */
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { Transport } from './transport';
import { AmazonError, AmazonUnavailableError, AuthorizationCodeError } from './errors';
import type { ApiCallRecord } from './comm-log.queries';

export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

export interface ConsentUrlInput {
  /**
   * Seller Central of the seller's marketplace, as the browser opens it: a base URL (`https://sellercentral.amazon.de`,
   * or the simulator's `http://127.0.0.1:8444/sellercentral.amazon.de`) or a bare host (then https).
   */
  sellerCentral: string;
  applicationId: string;
  /** Short-lived, per-admin value the callback must verify. */
  state: string;
  /** One of the app's registered redirect URIs; omitted = Amazon uses the first one. */
  redirectUri?: string;
  /** 'beta' while the app is in Draft status (Amazon answers MD1000 otherwise); omit once published. */
  version?: 'beta';
}

export function buildConsentUrl(input: ConsentUrlInput): string {
  const base = /^https?:\/\//.test(input.sellerCentral) ? input.sellerCentral : `https://${input.sellerCentral}`;
  const url = new URL(`${base.replace(/\/+$/, '')}/apps/authorize/consent`);
  url.searchParams.set('application_id', input.applicationId);
  url.searchParams.set('state', input.state);
  if (input.redirectUri) url.searchParams.set('redirect_uri', input.redirectUri);
  if (input.version) url.searchParams.set('version', input.version);
  return url.toString();
}

export interface TokenGrant {
  refreshToken: string;
  accessToken: string;
  expiresIn: number;
}

interface LwaAnswer {
  status: number;
  body: Record<string, unknown> | null;
}

function postForm(url: string, form: Record<string, string>, agent: https.Agent | undefined): Promise<LwaAnswer> {
  const payload = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: 'POST',
        agent,
        timeout: 30_000,
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let body: Record<string, unknown> | null = null;
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          } catch {
            body = null;
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('LWA did not answer within 30 s'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(payload);
  });
}

export async function exchangeAuthorizationCode(
  deps: { transport: Transport; lwa: { clientId: string; clientSecret: string }; record: (call: ApiCallRecord) => Promise<void> },
  code: string,
  redirectUri: string | undefined,
  who: { storeId?: number | null; sellerId?: string | null } = {},
): Promise<TokenGrant> {
  const form: Record<string, string> = {
    grant_type: 'authorization_code',
    code,
    client_id: deps.lwa.clientId,
    client_secret: deps.lwa.clientSecret,
  };
  if (redirectUri) form.redirect_uri = redirectUri;
  const base = {
    storeId: who.storeId ?? null,
    sellerId: who.sellerId ?? null,
    marketplaceId: null,
    operation: 'lwa.exchangeAuthorizationCode',
    method: 'POST',
    path: '/auth/o2/token',
    amazonRequestId: null,
    attempt: 1,
  };
  const started = performance.now();
  let answer: LwaAnswer;
  try {
    answer = await postForm(LWA_TOKEN_URL, form, deps.transport.agent);
  } catch (err) {
    const errCode = String((err as { code?: unknown }).code ?? 'NETWORK_ERROR');
    await deps.record({
      ...base,
      status: null,
      latencyMs: performance.now() - started,
      errorCode: errCode,
      errorMessage: (err as Error).message,
    });
    throw new AmazonUnavailableError(`Login with Amazon could not be reached (${errCode})`, {
      operation: base.operation,
      status: null,
      amazonCode: errCode,
      amazonMessage: (err as Error).message,
      amazonDetails: null,
      requestId: null,
      attempts: 1,
    });
  }
  const body = answer.body ?? {};
  const lwaError = typeof body.error === 'string' ? body.error : null;
  const description = typeof body.error_description === 'string' ? body.error_description : null;
  await deps.record({
    ...base,
    status: answer.status,
    latencyMs: performance.now() - started,
    errorCode: answer.status === 200 ? null : (lwaError ?? `HTTP_${answer.status}`),
    errorMessage: answer.status === 200 ? null : description,
  });
  if (answer.status === 200 && typeof body.refresh_token === 'string' && typeof body.access_token === 'string') {
    return { refreshToken: body.refresh_token, accessToken: body.access_token, expiresIn: Number(body.expires_in ?? 3600) };
  }
  if (lwaError === 'invalid_grant') {
    throw new AuthorizationCodeError(
      'Amazon refused the authorization code (it expires after 5 minutes and works once); start the authorization again',
      {
        lwaError,
        lwaDescription: description,
        status: answer.status,
      },
    );
  }
  const details = {
    operation: base.operation,
    status: answer.status,
    amazonCode: lwaError,
    amazonMessage: description,
    amazonDetails: null,
    requestId: null,
    attempts: 1,
  };
  if (answer.status >= 500) throw new AmazonUnavailableError(`Login with Amazon failed (HTTP ${answer.status})`, details);
  throw new AmazonError(`Login with Amazon refused the code exchange: ${lwaError ?? `HTTP ${answer.status}`}`, details);
}
