/** A store's Communication Log (every Amazon call), derived from `schema/communication-log.ts`. */
import type { CALL_OUTCOMES, apiCallOperationsSchema, apiCallSchema } from '../../../schema/communication-log';
import type { FromSchema } from './from-schema';

export type ApiCall = FromSchema<typeof apiCallSchema>;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export type ApiCallOperations = FromSchema<typeof apiCallOperationsSchema>;
