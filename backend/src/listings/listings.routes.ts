/** Listings over HTTP: the grid by tab with counts, a listing's page, its actions and mass actions. HTTP only. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MassAction, OverridesInput } from './actions.service';
import type { GridQuery } from './grid.queries';
import { LISTINGS_WRITE, READ, TAGS, errors, listingParams, storeParams, type ListingParams, type StoreParams } from './routes-common';

const listing = { $ref: 'Listing#' } as const;

export default async function listingRoutes(app: FastifyInstance) {
  const read = () => app.listings.read;
  const act = () => app.listings.actions;
  const view = async (storeId: number, id: number) => (await read().detail(storeId, id)).listing;

  app.get<StoreParams & { Querystring: GridQuery }>(
    '/api/stores/:storeId/listings',
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: 'Listings of a tab, paged, searched and sorted on the server',
        params: storeParams,
        querystring: { $ref: 'ListingListQuery#' },
        response: { 200: { $ref: 'ListingPage#' }, ...errors(400, 404) },
      },
    },
    (request) => read().page(request.params.storeId, request.query),
  );

  app.get<StoreParams>(
    '/api/stores/:storeId/listings/counts',
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: 'How many listings each tab holds (+ new existing Amazon listings)',
        params: storeParams,
        response: { 200: { $ref: 'ListingCounts#' }, ...errors(404) },
      },
    },
    (request) => read().counts(request.params.storeId),
  );

  app.get(
    '/api/listings/overview',
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: "Every store's listings by status and when its listing rule was saved (the admin's landing dashboard)",
        response: { 200: { $ref: 'ListingsOverview#' } },
      },
    },
    () => read().overview(),
  );

  app.get<ListingParams>(
    '/api/stores/:storeId/listings/:id',
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: 'A listing: issues with advice, match candidates, price/quantity steps, desired state, activity log, variations',
        params: listingParams,
        response: { 200: { $ref: 'ListingDetail#' }, ...errors(404) },
      },
    },
    (request) => read().detail(request.params.storeId, request.params.id),
  );

  const action = (path: string, summary: string, run: (request: FastifyRequest, storeId: number, id: number) => Promise<unknown>) =>
    app.post<ListingParams>(
      `/api/stores/:storeId/listings/:id/${path}`,
      {
        config: LISTINGS_WRITE,
        schema: { tags: TAGS, summary, params: listingParams, response: { 200: listing, ...errors(403, 404, 409) } },
      },
      async (request) => {
        await run(request, request.params.storeId, request.params.id);
        return view(request.params.storeId, request.params.id);
      },
    );
  action('publish', 'Publish (again): Ready to List, Ended, Inactive or Error → List In Progress', (r, s, id) => act().publish(r, s, id));
  action('end', 'End Listing: quantity 0 on Amazon (Ending In Progress → Manually Ended)', (r, s, id) => act().end(r, s, id));
  action('rematch', 'Re-attempt match (back to Validating ASIN)', (r, s, id) => act().rematch(r, s, id));

  app.post<ListingParams & { Body: { asin?: string; condition?: string } }>(
    '/api/stores/:storeId/listings/:id/resolve',
    {
      config: LISTINGS_WRITE,
      schema: {
        tags: TAGS,
        summary: 'Resolve a match: pick one of the matches or enter an ASIN, and/or set the condition',
        params: listingParams,
        body: { $ref: 'ResolveMatchBody#' },
        response: { 200: listing, ...errors(400, 403, 404, 409) },
      },
    },
    async (request) => {
      await act().resolve(request, request.params.storeId, request.params.id, request.body);
      return view(request.params.storeId, request.params.id);
    },
  );

  app.patch<ListingParams & { Body: OverridesInput }>(
    '/api/stores/:storeId/listings/:id/overrides',
    {
      config: LISTINGS_WRITE,
      schema: {
        tags: TAGS,
        summary: 'Set or remove (null) overrides: price, handling time, condition, seller notes; and the manual quantity',
        params: listingParams,
        body: { $ref: 'ListingOverridesBody#' },
        response: { 200: listing, ...errors(400, 403, 404) },
      },
    },
    async (request) => {
      await act().setOverrides(request, request.params.storeId, request.params.id, request.body);
      return view(request.params.storeId, request.params.id);
    },
  );

  app.post<ListingParams & { Body: { confirm: true } }>(
    '/api/stores/:storeId/listings/:id/delete',
    {
      config: LISTINGS_WRITE,
      schema: {
        tags: TAGS,
        summary: 'Delete the listing for good (removes it from Amazon); needs {confirm: true}',
        params: listingParams,
        body: { $ref: 'ConfirmBody#' },
        response: {
          200: {
            type: 'object',
            required: ['removed'],
            properties: { removed: { type: 'boolean', description: 'true: gone now; false: Deleting on Amazon' } },
          },
          ...errors(400, 403, 404, 409),
        },
      },
    },
    (request) => act().delete(request, request.params.storeId, request.params.id),
  );

  app.post<ListingParams>(
    '/api/stores/:storeId/listings/:id/unlink',
    {
      config: LISTINGS_WRITE,
      schema: {
        tags: TAGS,
        summary: 'Unlink a listing linked from an existing Amazon listing: Amazon keeps selling it, the channel stops syncing it',
        params: listingParams,
        response: { 204: { type: 'null' }, ...errors(403, 404, 409) },
      },
    },
    async (request, reply) => {
      await act().unlink(request, request.params.storeId, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post<StoreParams & { Body: { action: MassAction; listingIds: number[]; confirm?: boolean; overrides?: OverridesInput } }>(
    '/api/stores/:storeId/listings/mass-action',
    {
      config: LISTINGS_WRITE,
      schema: {
        tags: TAGS,
        summary: 'Mass action on selected listings: publish, end, rematch, delete (confirm), set/clear overrides, update quantity',
        params: storeParams,
        body: { $ref: 'ListingMassActionBody#' },
        response: { 200: { $ref: 'ListingMassActionResult#' }, ...errors(400, 403, 404) },
      },
    },
    (request) => act().mass(request, request.params.storeId, request.body.action, request.body.listingIds, request.body),
  );
}
