/** System > Admin Users: list, create, change role or name, disable/enable, reset password. Administrators only. */
import type { FastifyInstance } from 'fastify';
import type { Role } from './permissions';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;

export default async function usersRoutes(app: FastifyInstance) {
  const config = { access: 'users.manage' } as const;

  app.get(
    '/api/admin-users',
    {
      config,
      schema: { tags: ['admin users'], summary: 'List admin users', response: { 200: { type: 'array', items: { $ref: 'AdminUser#' } } } },
    },
    () => app.auth.listUsers(),
  );

  app.get<{ Params: { id: number } }>(
    '/api/admin-users/:id',
    { config, schema: { tags: ['admin users'], summary: 'One admin user', params: idParams, response: { 200: { $ref: 'AdminUser#' } } } },
    (request) => app.auth.getUser(request.params.id),
  );

  app.post<{ Body: { email: string; name: string; role: Role; password: string } }>(
    '/api/admin-users',
    {
      config,
      schema: {
        tags: ['admin users'],
        summary: 'Create an admin user',
        body: { $ref: 'CreateAdminUserBody#' },
        response: { 201: { $ref: 'AdminUser#' } },
      },
    },
    async (request, reply) => {
      const user = await app.db.transaction(async (trx) => {
        const created = await app.auth.createUser(request.body, trx);
        await app.audit.record(
          request,
          { action: 'create', entityType: 'admin_user', entityId: created.id, details: { email: created.email, role: created.role } },
          trx,
        );
        return created;
      });
      return reply.status(201).send(user);
    },
  );

  app.patch<{ Params: { id: number }; Body: { name?: string; role?: Role; isActive?: boolean } }>(
    '/api/admin-users/:id',
    {
      config,
      schema: {
        tags: ['admin users'],
        summary: 'Change name, role or active flag',
        params: idParams,
        body: { $ref: 'UpdateAdminUserBody#' },
        response: { 200: { $ref: 'AdminUser#' } },
      },
    },
    (request) =>
      app.db.transaction(async (trx) => {
        const user = await app.auth.updateUser(request.params.id, request.body, request.admin!.id, trx);
        await app.audit.record(request, { action: 'update', entityType: 'admin_user', entityId: user.id, details: request.body }, trx);
        return user;
      }),
  );

  app.post<{ Params: { id: number }; Body: { password: string } }>(
    '/api/admin-users/:id/password',
    {
      config,
      schema: {
        tags: ['admin users'],
        summary: 'Reset the password (signs the user out everywhere)',
        params: idParams,
        body: { $ref: 'ResetPasswordBody#' },
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      await app.db.transaction(async (trx) => {
        await app.auth.resetPassword(request.params.id, request.body.password, trx);
        await app.audit.record(request, { action: 'reset_password', entityType: 'admin_user', entityId: request.params.id }, trx);
      });
      return reply.status(204).send();
    },
  );
}
