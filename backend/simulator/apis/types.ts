/** Contract between the SP-API pipeline (../spapi.ts) and the per-API handler files. */
import type { Operation } from '../models';
import type { Sim } from '../sim';
import type { AccessTokenRecord, SellerState } from '../state';
import type { Region } from '../scenario';

export interface ApiContext {
  sim: Sim;
  op: Operation;
  region: Region;
  auth: AccessTokenRecord;
  /** The authorizing seller; null for grantless tokens. */
  seller: SellerState | null;
  path: Record<string, string>;
  /** Query and header parameters after coercion to the model's types (arrays split, numbers parsed). */
  query: Record<string, unknown>;
  body: unknown;
  /** Where documents are served for this region (feeds/reports upload and download URLs). */
  documentBaseUrl: string;
  /** Set when the call was made with a restricted data token: the data elements it grants (PII). */
  restricted?: { dataElements: string[] } | null;
}

export interface ApiResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type ApiHandler = (ctx: ApiContext) => ApiResult | Promise<ApiResult>;

/** Thrown by handlers for Amazon-style error answers; rendered as {"errors":[{code,message,details}]}. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details = '',
  ) {
    super(message);
  }
}

export const invalidInput = (message: string, details = '') => new ApiError(400, 'InvalidInput', message, details);
export const notFound = (message: string, details = '') => new ApiError(404, 'NotFound', message, details);

export function requireSeller(ctx: ApiContext): SellerState {
  if (!ctx.seller)
    throw new ApiError(
      403,
      'Unauthorized',
      'Access to requested resource is denied.',
      'This operation needs a seller authorization; a grantless token was used.',
    );
  return ctx.seller;
}

/** Checks marketplaceIds against the seller's participations in this region. */
export function requireMarketplaces(ctx: ApiContext, ids: unknown, paramName = 'marketplaceIds'): string[] {
  const list = Array.isArray(ids) ? ids.map(String) : typeof ids === 'string' ? [ids] : [];
  const seller = requireSeller(ctx);
  for (const id of list) {
    const m = ctx.sim.world.marketplaces.get(id);
    if (!m || m.region !== ctx.region)
      throw invalidInput(`Invalid ${paramName}: '${id}' is not a marketplace of this endpoint's region.`, id);
    if (!seller.scenario.participations.some((p) => p.marketplaceId === id)) {
      throw new ApiError(
        403,
        'Unauthorized',
        'Access to requested resource is denied.',
        `The seller does not participate in marketplace ${id}.`,
      );
    }
  }
  return list;
}

export const isoDate = (ms: number) => new Date(ms).toISOString();
