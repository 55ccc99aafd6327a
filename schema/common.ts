/**
 * Shared JSON Schemas (draft-07 literals with `$id`). The backend registers them with Fastify
 * (route validation + OpenAPI), and the admin validates forms with the same literals through ajv.
 */

export const errorEnvelopeSchema = {
  $id: 'ErrorEnvelope',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable machine-readable code from the error catalog' },
        message: { type: 'string', description: 'What happened, in words an admin can act on' },
        details: { description: 'Typed details: for VALIDATION_FAILED, the fields and what is wrong with each' },
      },
    },
  },
} as const;

export const pageQuerySchema = {
  $id: 'PageQuery',
  type: 'object',
  properties: {
    page: { type: 'integer', minimum: 1, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  },
} as const;

export interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown };
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Fastify schema fragment for a paged list response of `itemRef`. */
export function pageOf(itemSchema: object) {
  return {
    type: 'object',
    required: ['items', 'total', 'page', 'pageSize'],
    properties: {
      items: { type: 'array', items: itemSchema },
      total: { type: 'integer' },
      page: { type: 'integer' },
      pageSize: { type: 'integer' },
    },
  } as const;
}

export const sharedSchemas = [errorEnvelopeSchema] as const;
