/**
 * The one error catalog. Every error the API returns has a stable `code`, an HTTP status and
 * typed `details`, rendered by one handler as `{"error": {"code", "message", "details"}}`.
 * Expected business outcomes are returned by services, not thrown; these are for refusals.
 */
import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance } from 'fastify';

export const ERROR_CATALOG = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  // Amazon (SP-API / LWA) outcomes, raised by backend/src/spapi; details keep Amazon's code and request id.
  AMAZON_ERROR: 502,
  AMAZON_THROTTLED: 503,
  AMAZON_UNAVAILABLE: 503,
  AMAZON_AUTH_REVOKED: 409,
  AMAZON_AUTH_CODE_INVALID: 400,
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export interface FieldProblem {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.statusCode = ERROR_CATALOG[code];
  }
}

export const notFound = (what: string, id: string | number) => new AppError('NOT_FOUND', `${what} ${id} does not exist`, { what, id });
export const conflict = (message: string, details?: unknown) => new AppError('CONFLICT', message, details);
export const invalid = (problems: FieldProblem[]) =>
  new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { fields: problems });

/** Turns Ajv errors from Fastify's validation into field problems ("body.price: must be >= 0"). */
function fieldsOf(error: FastifyError): FieldProblem[] {
  const context = error.validationContext ?? 'body';
  return (error.validation ?? []).map((v) => {
    const missing = (v.params as { missingProperty?: string }).missingProperty;
    const extra = (v.params as { additionalProperty?: string }).additionalProperty;
    const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const field = [context, path, missing ?? extra].filter(Boolean).join('.');
    const message = extra ? `unknown field "${extra}"` : (v.message ?? 'is invalid');
    return { field, message };
  });
}

export default fp(
  async function errorsPlugin(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
      if (error instanceof AppError) {
        return reply.status(error.statusCode).send({ error: { code: error.code, message: error.message, details: error.details ?? null } });
      }
      if ((error as FastifyError).validation) {
        const fields = fieldsOf(error as FastifyError);
        return reply.status(400).send({
          error: { code: 'VALIDATION_FAILED', message: fields.map((f) => `${f.field}: ${f.message}`).join('; '), details: { fields } },
        });
      }
      const status = (error as FastifyError).statusCode ?? 500;
      if (status === 429) {
        return reply.status(429).send({ error: { code: 'RATE_LIMITED', message: error.message, details: null } });
      }
      if (status === 413) {
        return reply.status(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: error.message, details: null } });
      }
      if (status >= 400 && status < 500) {
        return reply.status(status).send({ error: { code: 'BAD_REQUEST', message: error.message, details: null } });
      }
      // 5xx: the details go to the log, never to the client.
      request.log.error({ err: error }, 'request failed');
      return reply
        .status(500)
        .send({ error: { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.', details: null } });
    });
  },
  { name: 'errors' },
);
