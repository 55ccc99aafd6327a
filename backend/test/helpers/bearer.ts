/**
 * `inject` as an API client: a bearer token created by a signed-in admin, so requests skip the
 * cookie's CSRF check the way a real API client would.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

export async function createBearerToken(app: FastifyInstance, cookie: string, label = 'test client'): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { cookie }, payload: { label } });
  if (res.statusCode !== 201) throw new Error(`token: ${res.statusCode} ${res.body}`);
  return res.json<{ token: string }>().token;
}

export type Client = (opts: InjectOptions) => Promise<LightMyRequestResponse>;

/** `inject` with `Authorization: Bearer <token>`; a string payload is sent as JSON text, unchanged. */
export const bearerClient =
  (app: FastifyInstance, token: string): Client =>
  (opts) =>
    app.inject({
      ...opts,
      headers: {
        ...(typeof opts.payload === 'string' ? { 'content-type': 'application/json' } : {}),
        ...(opts.headers ?? {}),
        authorization: `Bearer ${token}`,
      },
    });
