/** System > Outgoing E-mail over HTTP (tag `mail`, administrators only): HTTP only, the work is in mail.service.ts. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { pageOf } from '../../../schema/common';
import { mailListQuerySchema } from '../../../schema/mail';
import { AppError } from '../platform/errors';
import type { MailStatus } from './delivery-policy';

const TAGS = ['mail'];
const MANAGE = { access: 'mail.manage' } as const;
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, { $ref: 'ErrorEnvelope#' }]));
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;

const actorOf = (request: FastifyRequest) => ({ admin: request.admin, ip: request.ip });

export default async function mailRoutes(app: FastifyInstance) {
  const mail = app.mail.service;

  app.get(
    '/api/mail/overview',
    {
      config: MANAGE,
      schema: {
        tags: TAGS,
        summary: 'Where outgoing e-mail goes (folder or SMTP server, sender) and how many messages are in each state',
        response: { 200: { $ref: 'MailOverview#' } },
      },
    },
    () => mail.overview(),
  );

  app.get<{ Querystring: { status?: MailStatus; page: number; pageSize: number } }>(
    '/api/mail/messages',
    {
      config: MANAGE,
      schema: {
        tags: TAGS,
        summary: 'The e-mail outbox, newest first: recipient, subject, state, attempts, last error, transport',
        querystring: mailListQuerySchema,
        response: { 200: pageOf({ $ref: 'MailMessageSummary#' }), ...errors(400) },
      },
    },
    (request) => mail.list(request.query),
  );

  app.get<{ Params: { id: number } }>(
    '/api/mail/messages/:id',
    {
      config: MANAGE,
      schema: {
        tags: TAGS,
        summary: 'One e-mail as it is sent: headers, text and HTML bodies, and in folder mode its .eml file',
        params: idParams,
        response: { 200: { $ref: 'MailMessage#' }, ...errors(400, 404) },
      },
    },
    (request) => mail.get(request.params.id),
  );

  app.post<{ Params: { id: number } }>(
    '/api/mail/messages/:id/retry',
    {
      config: MANAGE,
      schema: {
        tags: TAGS,
        summary: 'Start a given-up e-mail over with fresh attempts and try it now (409 unless it was given up)',
        params: idParams,
        response: { 200: { $ref: 'MailMessage#' }, ...errors(400, 404, 409) },
      },
    },
    (request) => mail.retry(request.params.id, actorOf(request)),
  );

  app.post(
    '/api/mail/test',
    {
      config: MANAGE,
      schema: {
        tags: TAGS,
        summary: "Send a test e-mail to the signed-in admin's address now, the way every e-mail goes",
        response: { 200: { $ref: 'MailMessage#' }, ...errors(400) },
      },
    },
    async (request) => {
      const admin = request.admin;
      if (!admin) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
      return mail.sendTest(admin, actorOf(request));
    },
  );
}
