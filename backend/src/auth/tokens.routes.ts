/**
 * API tokens. Every admin manages their own under /api/auth/tokens; an administrator with
 * `users.manage` may also list and revoke another admin's under /api/admin-users/:id/tokens
 * (someone left, a laptop was lost). HTTP only: the work is in ApiTokenService.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { apiTokenBodySchema } from '../../../schema/auth';
import { AppError } from '../platform/errors';

const tokenIdParams = {
  type: 'object',
  required: ['tokenId'],
  properties: { tokenId: { type: 'string', minLength: 1, maxLength: 32 } },
} as const;
const userTokenParams = {
  type: 'object',
  required: ['id', 'tokenId'],
  properties: { id: { type: 'integer', minimum: 1 }, tokenId: tokenIdParams.properties.tokenId },
} as const;
const userParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;

const tokenList = { 200: { type: 'array', items: { $ref: 'ApiToken#' } } } as const;

export default async function tokensRoutes(app: FastifyInstance) {
  async function revoke(request: FastifyRequest, ownerId: number, tokenId: string): Promise<void> {
    await app.db.transaction(async (trx) => {
      const token = await app.auth.tokens.revoke(ownerId, tokenId, trx);
      await app.audit.record(
        request,
        { action: 'revoke_api_token', entityType: 'admin_user', entityId: ownerId, details: { tokenId, label: token.label } },
        trx,
      );
    });
  }

  app.get(
    '/api/auth/tokens',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['auth'], summary: 'Your API tokens (not revoked; expired ones marked), newest first', response: tokenList },
    },
    (request) => app.auth.tokens.list(request.admin!.id),
  );

  app.post<{ Body: { label: string; days?: number } }>(
    '/api/auth/tokens',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'Create a bearer token for an API client, acting as you; the secret is shown once',
        description: `Expires after \`days\` (default ${apiTokenBodySchema.properties.days.default}, at most ${apiTokenBodySchema.properties.days.maximum}). Only from a signed-in session: a token cannot make tokens.`,
        body: { $ref: 'ApiTokenBody#' },
        response: { 201: { $ref: 'ApiTokenCreated#' } },
      },
    },
    async (request, reply) => {
      // A leaked token must not be able to mint its own successors, which would outlive its revocation.
      if (request.authenticatedBy === 'bearer') {
        throw new AppError('FORBIDDEN', 'API tokens are created by a signed-in admin in the admin, not with another token.', {
          reason: 'token_creates_token',
        });
      }
      const admin = request.admin!;
      const days = request.body.days ?? apiTokenBodySchema.properties.days.default;
      const created = await app.db.transaction(async (trx) => {
        const token = await app.auth.tokens.create(admin.id, request.body.label, days, trx);
        await app.audit.record(
          request,
          {
            action: 'create_api_token',
            entityType: 'admin_user',
            entityId: admin.id,
            details: { tokenId: token.id, label: token.label, expiresAt: token.expiresAt },
          },
          trx,
        );
        return token;
      });
      return reply.status(201).send(created);
    },
  );

  app.delete<{ Params: { tokenId: string } }>(
    '/api/auth/tokens/:tokenId',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of your API tokens: it answers 401 from now on',
        params: tokenIdParams,
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      await revoke(request, request.admin!.id, request.params.tokenId);
      return reply.status(204).send();
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/admin-users/:id/tokens',
    {
      config: { access: 'users.manage' },
      schema: { tags: ['admin users'], summary: "An admin user's API tokens", params: userParams, response: tokenList },
    },
    async (request) => {
      await app.auth.getUser(request.params.id);
      return app.auth.tokens.list(request.params.id);
    },
  );

  app.delete<{ Params: { id: number; tokenId: string } }>(
    '/api/admin-users/:id/tokens/:tokenId',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['admin users'],
        summary: "Revoke an admin user's API token",
        params: userTokenParams,
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      await revoke(request, request.params.id, request.params.tokenId);
      return reply.status(204).send();
    },
  );
}
