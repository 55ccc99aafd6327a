/** A stand-in for the API client in store tests: records each call and answers from a handler. */
import { ApiError, type ApiClient, type RequestOptions } from '../api/client';

export interface Call {
  method: string;
  path: string;
  /** JSON body, or the uploaded Blob for `upload`. */
  body?: unknown;
  query?: RequestOptions['query'];
}

export type Handler = (call: Call) => unknown | Promise<unknown>;

export interface FakeApi extends ApiClient {
  calls: Call[];
}

export function fakeApi(handler: Handler): FakeApi {
  const calls: Call[] = [];
  const send = async (call: Call) => {
    calls.push(call);
    const result = await handler(call);
    if (result instanceof ApiError) throw result;
    return result;
  };
  return {
    calls,
    onUnauthenticated: null,
    get: async <T>(path: string, o: RequestOptions = {}) => (await send({ method: 'GET', path, query: o.query })) as T,
    post: async <T>(path: string, body?: unknown, o: RequestOptions = {}) =>
      (await send({ method: 'POST', path, body, ...(o.query ? { query: o.query } : {}) })) as T,
    patch: async <T>(path: string, body: unknown) => (await send({ method: 'PATCH', path, body })) as T,
    put: async <T>(path: string, body: unknown) => (await send({ method: 'PUT', path, body })) as T,
    delete: async <T>(path: string, o: RequestOptions = {}) =>
      (await send({ method: 'DELETE', path, ...(o.body !== undefined ? { body: o.body } : {}) })) as T,
    download: async (path: string, o: RequestOptions = {}) => (await send({ method: 'GET', path, query: o.query })) as Blob,
    upload: async <T>(path: string, data: Blob, _contentType: string, o: RequestOptions = {}) =>
      (await send({ method: 'POST', path, body: data, ...(o.query ? { query: o.query } : {}) })) as T,
  };
}

export const validationError = (fields: { field: string; message: string }[]) =>
  new ApiError(400, 'VALIDATION_FAILED', fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
