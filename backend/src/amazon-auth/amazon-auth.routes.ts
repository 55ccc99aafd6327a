/**
 * Connect / Renew (administrators) and the OAuth callback. Amazon redirects the admin's browser to
 * the callback, so it always answers with a small HTML page the admin can act on — never a JSON
 * error: it is declared public and asks for the session itself (the page says "sign in" when there
 * is none), and a malformed query gets the page too.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AdminPrincipal } from '../auth/auth.service';
import { SESSION_COOKIE } from '../auth/index';
import type { CallbackQuery } from './consent.service';
import { CONSENT_RETURN_PATH, CONSENT_RETURN_SCRIPT } from './consent-return';
import { page, renderPage } from './pages';

const TAGS = ['stores'];
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, { $ref: 'ErrorEnvelope#' }]));
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const param = (description: string) => ({ type: 'string', maxLength: 2048, description }) as const;
const html = { type: 'string', description: 'text/html page: what happened and what to do next' } as const;

export const CALLBACK_PATH = '/api/amazon-auth/callback';

/** The admin signed in in this browser, from the session cookie alone (Amazon's redirect carries no bearer token). */
async function browserSession(app: FastifyInstance, request: FastifyRequest): Promise<AdminPrincipal | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const found = await app.auth.authenticate(token);
  return typeof found === 'string' ? null : found;
}

export default async function amazonAuthRoutes(app: FastifyInstance) {
  for (const [purpose, summary] of [
    ['connect', 'Connect the store: a Seller Central consent URL (open it in a new tab) with a one-time state valid 10 minutes'],
    ['renew', 'Renew the yearly authorization (also reconnects a revoked or expired store): same consent; replaces the token only'],
  ] as const) {
    app.post<{ Params: { id: number } }>(
      `/api/stores/:id/${purpose}`,
      {
        config: { access: 'stores.manage' },
        schema: { tags: TAGS, summary, params: idParams, response: { 200: { $ref: 'ConsentStart#' }, ...errors(403, 404, 409) } },
      },
      (request) => app.amazonAuth.consent.start(request, request.params.id, purpose),
    );
  }

  app.get<{ Querystring: CallbackQuery }>(
    CALLBACK_PATH,
    {
      config: { access: 'public' },
      // A bad query is answered with the page below, not the JSON envelope (the responses here are HTML).
      attachValidation: true,
      schema: {
        tags: TAGS,
        summary:
          'OAuth redirect target of Seller Central: completes the consent in the session of the admin who started it (a sign-in page otherwise)',
        security: [],
        querystring: {
          type: 'object',
          properties: {
            state: param('The one-time state from the consent URL'),
            spapi_oauth_code: param('Authorization code (5 minutes, single use)'),
            selling_partner_id: param('The seller who consented'),
            mws_auth_token: param('Ignored (MWS)'),
            error: param('Set when the consent was declined'),
            error_description: param('Amazon’s words for the error'),
          },
        },
        response: { 200: html, 400: html, 401: html, 403: html, 404: html, 409: html, 502: html },
      },
    },
    async (request, reply) => {
      const result = request.validationError
        ? page('malformed_link')
        : await app.amazonAuth.consent.callback(request.query, await browserSession(app, request), request.ip);
      return reply
        .status(result.status)
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .type('text/html; charset=utf-8')
        .send(renderPage(result, app.config.PUBLIC_URL));
    },
  );

  app.get(
    CONSENT_RETURN_PATH,
    {
      // Loaded by the callback page, which a signed-out browser sees too; it holds no data, only the way back.
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'The callback page’s script: tells the admin’s tab the consent is done, then closes the tab or returns to the admin',
        security: [],
        response: { 200: { type: 'string', description: 'application/javascript' } },
      },
    },
    (_request, reply) =>
      reply.header('cache-control', 'public, max-age=300').type('application/javascript; charset=utf-8').send(CONSENT_RETURN_SCRIPT),
  );
}
