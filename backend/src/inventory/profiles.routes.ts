/** Stock profiles over HTTP (tag `inventory`). HTTP only: schemas, permission, a service call. */
import type { FastifyInstance } from 'fastify';
import { STOCK_MODES, NO_QUANTITY } from './policy';
import type { ProfileBody } from './profiles.service';

const TAGS = ['inventory'];
const READ = { access: 'stores.read' } as const;
const WRITE = { access: 'listing_rules.write' } as const;
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, { $ref: 'ErrorEnvelope#' }]));
const storeParams = { type: 'object', required: ['storeId'], properties: { storeId: { type: 'integer', minimum: 1 } } } as const;
const profileParams = {
  type: 'object',
  required: ['storeId', 'id'],
  properties: { storeId: { type: 'integer', minimum: 1 }, id: { type: 'integer', minimum: 1 } },
} as const;
const count = { type: 'integer', minimum: 0 } as const;
const policyProps = {
  mode: {
    type: 'string',
    enum: [...STOCK_MODES],
    description: 'product value, single stock (1), custom (fixed), cap (not more than), percentage',
  },
  value: { type: ['integer', 'null'], minimum: 0, description: 'custom: the quantity; cap: N; percentage: 1–100' },
  sources: {
    type: 'array',
    items: { type: 'string', minLength: 1, maxLength: 64 },
    maxItems: 50,
    description: 'chosen sources; empty = the website stock',
  },
  placeholderQty: { ...count, description: 'listed when stock is not managed or backorders are allowed' },
  maxQty: { type: ['integer', 'null'], minimum: 0 },
  updateOnCatalogChange: { type: 'boolean' },
  noQuantity: { type: 'string', enum: [...NO_QUANTITY], description: 'a product with no quantity at all: list 0 or skip' },
} as const;
const ruleProps = {
  conditions: {
    anyOf: [{ $ref: 'RuleCondition#' }, { type: 'null' }],
    description: "Assignment by rule: the listing rules' conditions tree over the listing's product (null: by hand only)",
  },
  priority: { type: 'integer', minimum: 0, maximum: 1000000, description: 'When several rules match, the lowest number wins' },
} as const;
const profileBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 120 }, ...policyProps, ...ruleProps },
} as const;
const profile = {
  type: 'object',
  required: [
    'id',
    'storeId',
    'name',
    ...Object.keys(policyProps),
    ...Object.keys(ruleProps),
    'isDefault',
    'listingCount',
    'createdAt',
    'updatedAt',
  ],
  properties: {
    id: { type: 'integer' },
    storeId: { type: 'integer' },
    name: { type: 'string' },
    ...policyProps,
    ...ruleProps,
    isDefault: { type: 'boolean' },
    listingCount: { ...count, description: 'Listings assigned by hand' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
} as const;
const idOrNull = { type: ['integer', 'null'], minimum: 1 } as const;

type StoreP = { Params: { storeId: number } };
type ProfileP = { Params: { storeId: number; id: number } };

export default async function stockProfileRoutes(app: FastifyInstance) {
  const s = () => app.inventory.profiles;
  const base = '/api/stores/:storeId/stock-profiles';

  app.get<StoreP>(
    base,
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: "A store's stock profiles and its default",
        params: storeParams,
        response: {
          200: {
            type: 'object',
            required: ['defaultProfileId', 'items'],
            properties: { defaultProfileId: idOrNull, items: { type: 'array', items: profile } },
          },
          ...errors(404),
        },
      },
    },
    (request) => s().list(request.params.storeId),
  );

  app.post<StoreP & { Body: ProfileBody }>(
    base,
    {
      config: WRITE,
      schema: {
        tags: TAGS,
        summary: 'Create a stock profile',
        params: storeParams,
        body: profileBody,
        response: { 200: profile, ...errors(400, 403, 404, 409) },
      },
    },
    (request) => s().create(request, request.params.storeId, request.body),
  );

  app.put<ProfileP & { Body: ProfileBody }>(
    `${base}/:id`,
    {
      config: WRITE,
      schema: {
        tags: TAGS,
        summary: 'Change a stock profile; the listings that follow it are recomputed',
        params: profileParams,
        body: profileBody,
        response: { 200: profile, ...errors(400, 403, 404, 409) },
      },
    },
    (request) => s().update(request, request.params.storeId, request.params.id, request.body),
  );

  app.delete<ProfileP>(
    `${base}/:id`,
    {
      config: WRITE,
      schema: {
        tags: TAGS,
        summary: 'Delete a stock profile; its listings go back to the store default',
        params: profileParams,
        response: { 204: { type: 'null' }, ...errors(403, 404) },
      },
    },
    async (request, reply) => {
      await s().remove(request, request.params.storeId, request.params.id);
      return reply.code(204).send();
    },
  );

  app.get<ProfileP>(
    `${base}/:id/preview`,
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: "How many listings the profile's saved rule gives it (not by hand, not taken by a rule that comes first)",
        params: profileParams,
        response: {
          200: {
            type: 'object',
            required: ['matching', 'sample'],
            properties: {
              matching: count,
              sample: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['listingId', 'sku', 'sellerSku'],
                  properties: { listingId: { type: 'integer' }, sku: { type: 'string' }, sellerSku: { type: 'string' } },
                },
              },
            },
          },
          ...errors(404),
        },
      },
    },
    (request) => s().preview(request.params.storeId, request.params.id),
  );

  app.put<StoreP & { Body: { profileId: number | null } }>(
    `${base}/default`,
    {
      config: WRITE,
      schema: {
        tags: TAGS,
        summary: "Set the store's default stock profile (null: the built-in product value)",
        params: storeParams,
        body: { type: 'object', additionalProperties: false, required: ['profileId'], properties: { profileId: idOrNull } },
        response: {
          200: { type: 'object', required: ['defaultProfileId'], properties: { defaultProfileId: idOrNull } },
          ...errors(400, 403, 404),
        },
      },
    },
    (request) => s().setDefault(request, request.params.storeId, request.body.profileId),
  );

  app.post<StoreP & { Body: { profileId: number | null; listingIds: number[] } }>(
    `${base}/assign`,
    {
      config: WRITE,
      schema: {
        tags: TAGS,
        summary: 'Assign listings to a stock profile by hand (profileId null: back to the default); they are recomputed',
        params: storeParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['profileId', 'listingIds'],
          properties: {
            profileId: idOrNull,
            listingIds: { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 1, maxItems: 5000 },
          },
        },
        response: { 200: { type: 'object', required: ['assigned'], properties: { assigned: count } }, ...errors(400, 403, 404) },
      },
    },
    (request) => s().assign(request, request.params.storeId, request.body.profileId, request.body.listingIds),
  );
}
