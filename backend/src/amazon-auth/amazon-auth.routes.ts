/**
 * Connect / Renew (administrators) and the OAuth callback. The callback is the one route without a
 * session (Amazon redirects the browser to it); it does nothing without a valid state and always
 * answers with a small HTML page.
 */
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../auth/index';
import type { CallbackQuery } from './consent.service';
import { renderPage } from './pages';

const TAGS = ['stores'];
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, { $ref: 'ErrorEnvelope#' }]));
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const param = (description: string) => ({ type: 'string', maxLength: 2048, description }) as const;
const html = { type: 'string', description: 'text/html page: what happened and what to do next' } as const;

export const CALLBACK_PATH = '/api/amazon-auth/callback';

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
      schema: {
        tags: TAGS,
        summary: 'OAuth redirect target of Seller Central (no session needed; does nothing without a valid state)',
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
        response: { 200: html, 400: html, 403: html, 404: html, 409: html, 502: html },
      },
    },
    async (request, reply) => {
      const result = await app.amazonAuth.consent.callback(request.query, request.cookies[SESSION_COOKIE], request.ip);
      const adminUrl = `${app.config.PUBLIC_URL}/admin/amazon/stores`;
      return reply
        .status(result.status)
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .type('text/html; charset=utf-8')
        .send(renderPage(result, adminUrl));
    },
  );
}
