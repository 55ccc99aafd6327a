/** Listing settings and the listing rule (preview, save) over HTTP. HTTP only. */
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
        summary: 'Save and apply the rule: new listings enter matching; dropped ones become Ineligible (quantity 0, kept)',
        params: storeParams,
        body: { $ref: 'ListingRuleBody#' },
        response: { 200: { $ref: 'RuleApplyResult#' }, ...errors(400, 403, 404) },
      },
    },
    (request) => s().saveRule(request, request.params.storeId, request.body.conditions),
  );
}
