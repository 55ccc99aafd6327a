/** Schema fragments the stores routes share. */
export const TAGS = ['stores'];
export const TAGS_NOTIFICATIONS = ['notifications'];
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, { $ref: 'ErrorEnvelope#' }]));
export const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
