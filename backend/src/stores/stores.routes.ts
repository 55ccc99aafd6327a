/** Amazon stores over HTTP: the cards, one store, add/edit, activate/deactivate, disconnect, delete. HTTP only. */
import type { FastifyInstance } from 'fastify';
import { MARKETPLACES } from './marketplaces';
import { TAGS, errors, idParams } from './routes-common';
import type { CreateStoreInput, UpdateStoreInput } from './stores.service';

type Id = { Params: { id: number } };
const store = { $ref: 'Store#' } as const;
const read = { access: 'stores.read' } as const;
const manage = { access: 'stores.manage' } as const;

export default async function storeRoutes(app: FastifyInstance) {
  const s = () => app.stores.service;

  app.get(
    '/api/stores',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'Amazon stores as cards (empty list: show "Add Amazon Store")',
        response: { 200: { type: 'array', items: store } },
      },
    },
    () => s().list(),
  );

  app.get(
    '/api/stores/marketplaces',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'Marketplaces a store can sell in (country, id, region, currency, Seller Central host)',
        response: { 200: { type: 'array', items: { $ref: 'Marketplace#' } } },
      },
    },
    () => MARKETPLACES,
  );

  app.get<Id>(
    '/api/stores/:id',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'One store (card data, settings, attention items)',
        params: idParams,
        response: { 200: store, ...errors(404) },
      },
    },
    (request) => s().get(request.params.id),
  );

  app.get<Id>(
    '/api/stores/:id/authorization',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'The store’s authorization state and countdown (cheap: poll it while the consent tab is open)',
        params: idParams,
        response: { 200: { $ref: 'StoreAuthorization#' }, ...errors(404) },
      },
    },
    (request) => s().authorization(request.params.id),
  );

  app.post<{ Body: CreateStoreInput }>(
    '/api/stores',
    {
      config: manage,
      schema: {
        tags: TAGS,
        summary: 'Add an Amazon store (In Setup, Not connected); settings take their defaults',
        body: { $ref: 'CreateStoreBody#' },
        response: { 201: store, ...errors(400, 403) },
      },
    },
    async (request, reply) => reply.status(201).send(await s().create(request, request.body)),
  );

  app.patch<Id & { Body: UpdateStoreInput }>(
    '/api/stores/:id',
    {
      config: manage,
      schema: {
        tags: TAGS,
        summary: 'Edit a store (name, e-mail, ID mapping, settings; website and country only until connected → 409 after)',
        params: idParams,
        body: { $ref: 'UpdateStoreBody#' },
        response: { 200: store, ...errors(400, 403, 404, 409) },
      },
    },
    (request) => s().update(request, request.params.id, request.body),
  );

  for (const [action, summary] of [
    ['activate', 'Activate: sync resumes (409 unless the store is Inactive)'],
    ['deactivate', 'Deactivate: pause all sync for the store, keep everything (409 unless Active)'],
    ['disconnect', 'Disconnect: forget the token and seller, keep the settings; the store goes back to In Setup'],
  ] as const) {
    app.post<Id>(
      `/api/stores/:id/${action}`,
      { config: manage, schema: { tags: TAGS, summary, params: idParams, response: { 200: store, ...errors(403, 404, 409) } } },
      (request) => s()[action](request, request.params.id),
    );
  }

  app.delete<Id & { Body: { confirm: string } }>(
    '/api/stores/:id',
    {
      config: manage,
      schema: {
        tags: TAGS,
        summary: 'Delete a store with its settings, listings and logs (imported orders stay); body.confirm must be the store name',
        params: idParams,
        body: { $ref: 'DeleteStoreBody#' },
        response: { 204: { type: 'null', description: 'Deleted' }, ...errors(400, 403, 404) },
      },
    },
    async (request, reply) => {
      await s().delete(request, request.params.id, request.body.confirm);
      return reply.status(204).send();
    },
  );
}
