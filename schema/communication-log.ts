/**
 * A store's Communication Log (backend/src/spapi records it, backend/src/stores serves it): every HTTP attempt
 * the channel made to Amazon for the store. Draft-07 literals with `$id`, registered by platform/swagger.ts and
 * shared with the admin (admin-ui/src/api/communication-log-types.ts).
 */

/**
 * How a call ended, as the log's filter offers it: `ok` (2xx), `failed` (anything else), and within failed:
 * `throttled` (429), `client_error` (another 4xx), `server_error` (5xx), `no_answer` (network error or timeout).
 */
export const CALL_OUTCOMES = ['ok', 'failed', 'throttled', 'client_error', 'server_error', 'no_answer'] as const;

export const apiCallSchema = {
  $id: 'ApiCall',
  type: 'object',
  required: [
    'id',
    'storeId',
    'sellerId',
    'marketplaceId',
    'operation',
    'method',
    'path',
    'status',
    'amazonRequestId',
    'latencyMs',
    'attempt',
    'errorCode',
    'errorMessage',
    'createdAt',
  ],
  properties: {
    id: { type: 'integer' },
    storeId: { type: ['integer', 'null'] },
    sellerId: { type: ['string', 'null'] },
    marketplaceId: { type: ['string', 'null'] },
    operation: {
      type: 'string',
      description: 'SP-API operation (getListingsItem, createFeed…), lwa.refreshAccessToken, or a document transfer',
    },
    method: { type: 'string' },
    path: { type: 'string', description: 'Request path (document transfers: host and key, never the signed query string)' },
    status: { type: ['integer', 'null'], description: 'HTTP status; null when no answer came (network error, timeout)' },
    amazonRequestId: { type: ['string', 'null'], description: "Amazon's x-amzn-RequestId, to quote to Amazon support" },
    latencyMs: { type: 'integer', description: 'Duration of the attempt (not the wait for a rate-limit slot)' },
    attempt: { type: 'integer', description: '1 for the first try; retries of the same call count up' },
    errorCode: { type: ['string', 'null'], description: "Amazon's error code (or HTTP_<status>, or the network error's code)" },
    errorMessage: { type: ['string', 'null'] },
    createdAt: { type: 'string', description: 'When the attempt ended (ISO)' },
  },
} as const;

export const apiCallQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    page: { type: 'integer', minimum: 1, maximum: 100_000, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    operation: { type: 'string', minLength: 1, maxLength: 96, description: 'Exactly this operation' },
    outcome: { type: 'string', enum: CALL_OUTCOMES },
    status: { type: 'integer', minimum: 100, maximum: 599, description: 'Exactly this HTTP status' },
    from: { type: 'string', format: 'date-time', description: 'Calls at or after this time (ISO)' },
    to: { type: 'string', format: 'date-time', description: 'Calls before this time (ISO)' },
    q: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'Text in the Amazon request id, the error code or the error message (case-insensitive, taken literally)',
    },
  },
} as const;

export const apiCallOperationsSchema = {
  $id: 'ApiCallOperations',
  type: 'object',
  required: ['operations'],
  properties: {
    operations: { type: 'array', items: { type: 'string' }, description: "The operations in this store's log, by name" },
  },
} as const;

export const communicationLogSchemas = [apiCallSchema, apiCallOperationsSchema] as const;
