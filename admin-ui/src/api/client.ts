/**
 * The one API client: the only place in the admin that calls `fetch`. It sends the session cookie,
 * encodes queries, decodes JSON, and turns every failure into an `ApiError` carrying the server's
 * error envelope (`{"error": {"code", "message", "details"}}`). A 401 for a missing or expired
 * session is reported once to `onUnauthenticated`, so the app can send the admin back to sign in.
 */
import type { ErrorEnvelope } from '../../../schema/common';

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A file sent as the body as it is (not as JSON), with its content type. */
  file?: { data: Blob; contentType: string };
  signal?: AbortSignal;
  /** Do not report a 401 to onUnauthenticated (the "who am I" probe at start-up). */
  quietUnauthenticated?: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Codes that mean "this browser has no valid session": the admin must sign in again. */
export const SESSION_CODES = ['UNAUTHENTICATED', 'SESSION_EXPIRED'];

export interface ApiClient {
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body: unknown, options?: RequestOptions): Promise<T>;
  delete<T>(path: string, options?: RequestOptions): Promise<T>;
  /** A file response (CSV export) as a Blob. */
  download(path: string, options?: RequestOptions): Promise<Blob>;
  /** POSTs a file as the request body (a CSV upload), the answer decoded as JSON. */
  upload<T>(path: string, data: Blob, contentType: string, options?: RequestOptions): Promise<T>;
  /** Called when a request is refused for want of a valid session. */
  onUnauthenticated: ((error: ApiError) => void) | null;
}

/** `?a=1&attr=x:1&attr=y:2`: arrays repeat the key; empty values are left out. */
export function encodeQuery(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function isEnvelope(body: unknown): body is ErrorEnvelope {
  const error = (body as ErrorEnvelope | null)?.error;
  return typeof error === 'object' && error !== null && typeof error.code === 'string';
}

export function createApiClient(options: { baseUrl?: string; fetch?: typeof fetch } = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  // Bound lazily so tests can pass a fake and the browser's fetch keeps its `this`.
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function send(method: string, path: string, opts: RequestOptions, as: 'json' | 'blob'): Promise<unknown> {
    const headers: Record<string, string> = { accept: as === 'json' ? 'application/json' : '*/*' };
    let body: string | Blob | undefined;
    if (opts.file) {
      headers['content-type'] = opts.file.contentType;
      body = opts.file.data;
    } else if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}${encodeQuery(opts.query)}`, {
        method,
        headers,
        body,
        credentials: 'same-origin',
        signal: opts.signal,
      });
    } catch (cause) {
      if ((cause as Error).name === 'AbortError') throw cause;
      throw new ApiError(
        0,
        'NETWORK_ERROR',
        'The server could not be reached. Check that it is running and your connection, then try again.',
      );
    }
    if (response.ok) {
      if (response.status === 204) return undefined;
      if (as === 'blob') return response.blob();
      const text = await response.text();
      return text ? JSON.parse(text) : undefined;
    }
    const text = await response.text().catch(() => '');
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    const error = isEnvelope(parsed)
      ? new ApiError(response.status, parsed.error.code, parsed.error.message, parsed.error.details ?? null)
      : new ApiError(response.status, `HTTP_${response.status}`, `The server answered ${response.status} ${response.statusText}`.trim());
    if (response.status === 401 && SESSION_CODES.includes(error.code) && !opts.quietUnauthenticated) client.onUnauthenticated?.(error);
    throw error;
  }

  const client: ApiClient = {
    onUnauthenticated: null,
    get: <T>(path: string, opts: RequestOptions = {}) => send('GET', path, opts, 'json') as Promise<T>,
    post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => send('POST', path, { ...opts, body }, 'json') as Promise<T>,
    patch: <T>(path: string, body: unknown, opts: RequestOptions = {}) => send('PATCH', path, { ...opts, body }, 'json') as Promise<T>,
    put: <T>(path: string, body: unknown, opts: RequestOptions = {}) => send('PUT', path, { ...opts, body }, 'json') as Promise<T>,
    delete: <T>(path: string, opts: RequestOptions = {}) => send('DELETE', path, opts, 'json') as Promise<T>,
    download: (path: string, opts: RequestOptions = {}) => send('GET', path, opts, 'blob') as Promise<Blob>,
    upload: <T>(path: string, data: Blob, contentType: string, opts: RequestOptions = {}) =>
      send('POST', path, { ...opts, file: { data, contentType } }, 'json') as Promise<T>,
  };
  return client;
}
