/** Listing settings and the listing rule (preview, save, the runs that apply it) over HTTP. HTTP only. */
import type { FastifyInstance } from 'fastify';
import type { ListingSettings, RuleNode } from '../../../schema/listings';
import { READ, RULES_WRITE, TAGS, errors, storeParams, type StoreParams } from './routes-common';
import type { PreviewList } from './rules/preview';

export default async function ruleRoutes(app: FastifyInstance) {
  const s = () => app.listings.settings;

  app.get<StoreParams>(
    '/api/stores/:storeId/listing-settings',
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: 'Listing settings of a store (defaults until saved)',
        params: storeParams,
        response: { 200: { $ref: 'ListingSettings#' }, ...errors(404) },
      },
    },
    (request) => s().getSettings(request.params.storeId),
  );

  app.patch<StoreParams & { Body: Partial<ListingSettings> }>(
    '/api/stores/:storeId/listing-settings',
    {
      config: RULES_WRITE,
      schema: {
        tags: TAGS,
        summary: 'Change listing settings (only the parts sent); offers on Amazon are recomputed',
        params: storeParams,
        body: { $ref: 'ListingSettingsPatch#' },
        response: { 200: { $ref: 'ListingSettings#' }, ...errors(400, 403, 404) },
      },
    },
    (request) => s().updateSettings(request, request.params.storeId, request.body),
  );

  app.get<StoreParams>(
    '/api/stores/:storeId/listing-rule',
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: "The store's listing rule (an empty ALL matches every product of the website)",
        params: storeParams,
        response: { 200: { $ref: 'ListingRule#' }, ...errors(404) },
      },
    },
    (request) => s().getRule(request.params.storeId),
  );

  app.post<StoreParams & { Body: { conditions: RuleNode }; Querystring: { list: PreviewList; page: number; pageSize: number } }>(
    '/api/stores/:storeId/listing-rule/preview',
    {
      config: RULES_WRITE,
      schema: {
        tags: TAGS,
        summary: 'Preview Changes: counts and one paged list (eligible, new, ineligible with reasons) — nothing is saved',
        params: storeParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            list: { type: 'string', enum: ['eligible', 'new', 'ineligible'], default: 'new' },
            page: { type: 'integer', minimum: 1, default: 1 },
            pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          },
        },
        body: { $ref: 'ListingRuleBody#' },
        response: { 200: { $ref: 'RulePreview#' }, ...errors(400, 403, 404) },
      },
    },
    (request) =>
      s().preview(request.params.storeId, request.body.conditions, request.query.list, request.query.page, request.query.pageSize),
  );

  app.put<StoreParams & { Body: { conditions: RuleNode } }>(
    '/api/stores/:storeId/listing-rule',
    {
      config: RULES_WRITE,
      schema: {
        tags: TAGS,
        summary:
          'Save the rule and apply it as a run (202): new listings enter matching; dropped ones become Ineligible (quantity 0, kept). ' +
          'A run of at most one chunk (2,000 products) is already done in the answer; a larger one runs in the background — poll its progress',
        params: storeParams,
        body: { $ref: 'ListingRuleBody#' },
        response: { 202: { $ref: 'ListingRuleRun#' }, ...errors(400, 403, 404) },
      },
    },
    async (request, reply) => reply.code(202).send(await s().saveRule(request, request.params.storeId, request.body.conditions)),
  );

  app.get<StoreParams>(
    '/api/stores/:storeId/listing-rule/runs/latest',
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: "The store's latest rule run and its progress (404 before the first save)",
        params: storeParams,
        response: { 200: { $ref: 'ListingRuleRun#' }, ...errors(404) },
      },
    },
    (request) => s().runs.latest(request.params.storeId),
  );

  app.get<RunParams>(
    '/api/stores/:storeId/listing-rule/runs/:runId',
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: 'One rule run and its progress',
        params: runParams,
        response: { 200: { $ref: 'ListingRuleRun#' }, ...errors(404) },
      },
    },
    (request) => s().runs.get(request.params.runId, request.params.storeId),
  );

  app.post<RunParams>(
    '/api/stores/:storeId/listing-rule/runs/:runId/retry',
    {
      config: RULES_WRITE,
      schema: {
        tags: TAGS,
        summary: "Retry the store's latest run after it failed: it carries on from its last applied chunk (409 for any other run)",
        params: runParams,
        response: { 202: { $ref: 'ListingRuleRun#' }, ...errors(403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(202).send(await s().runs.retry(request.params.storeId, request.params.runId)),
  );
}

type RunParams = { Params: { storeId: number; runId: number } };
const runParams = {
  type: 'object',
  required: ['storeId', 'runId'],
  properties: { storeId: { type: 'integer', minimum: 1 }, runId: { type: 'integer', minimum: 1 } },
} as const;
