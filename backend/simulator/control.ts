/**
 * Control plane under /_simulator (any host; header x-simulator-token must equal the control token):
 * reset, load scenario, inspect state, advance the clock, faults (SP-API and document host), authorization tricks, counters.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Sim } from './sim';
import { loadScenarioFile, parseScenario, type Region } from './scenario';
import { rawBody } from './http-util';
import { randomId } from './state';
import type { FaultKind } from './faults';
import { ShopperError } from './shopper';
import { addOrder, cancelOrder, requestCancel } from './order-events';
import { orderFromV0, ReplayError } from './order-replay';
import { orderFrom2026 } from './order-replay-2026';
import { queueArn, queueUrl } from './sqs/queues';

type Json = Record<string, unknown>;

function tokenOk(sim: Sim, given: unknown): boolean {
  const a = Buffer.from(typeof given === 'string' ? given : '');
  const b = Buffer.from(sim.controlToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** SP-API counters plus the shopper's: `oversells` counts attempts to buy more than was offered. */
export function counters(sim: Sim) {
  const stats = sim.world.shopper.stats;
  return { ...sim.counters.snapshot(), oversells: stats.oversells, shopper: { ...stats } };
}

export function snapshot(sim: Sim) {
  sim.tick();
  const w = sim.world;
  return {
    scenario: sim.scenario.name,
    clock: sim.clock.now().toISOString(),
    settings: w.settings,
    sellers: [...w.sellers.values()].map((s) => ({
      sellerId: s.sellerId,
      storeName: s.scenario.storeName,
      primaryUser: s.scenario.primaryUser.email,
      participations: s.scenario.participations,
      authorizations: w.authorizedApps(s.sellerId).map((a) => ({
        applicationId: a.application.applicationId,
        region: a.region,
        authorizedAt: new Date(a.authorizedAtMs).toISOString(),
      })),
      revoked: Object.fromEntries([...s.revokedAtMs].map(([k, v]) => [k, new Date(v).toISOString()])),
    })),
    listings: w.listings
      .list()
      .map((l) => ({ ...l, createdAt: new Date(l.createdAtMs).toISOString(), updatedAt: new Date(l.updatedAtMs).toISOString() })),
    orders: [...w.sellers.values()].flatMap((s) => [...s.orders.values()].map((o) => ({ sellerId: s.sellerId, ...o }))),
    fbaInventory: [...w.sellers.values()].flatMap((s) => s.fbaInventory.map((i) => ({ sellerId: s.sellerId, ...i }))),
    feeds: [...w.feeds.feeds.values()].map(({ messageFaults, ...f }) => ({
      ...f,
      messageFaults: messageFaults ? [...messageFaults.keys()] : undefined,
      createdTime: new Date(f.createdAtMs).toISOString(),
    })),
    reports: [...w.reports.reports.values()].map((r) => ({ ...r, createdTime: new Date(r.createdAtMs).toISOString() })),
    shopper: { generator: w.shopper.generator, ...w.shopper.stats },
    notifications: {
      destinations: [...w.notifications.destinations.values()],
      subscriptions: [...w.notifications.subscriptions.values()],
      ...w.notifications.stats,
    },
    sqsQueues: [...w.sqs.queues.values()].map((q) => ({ url: queueUrl(q), arn: queueArn(q), ...q.attributes, ...w.sqs.counts(q) })),
    counters: counters(sim),
    faults: sim.faults.list(),
    documentFaults: sim.documentFaults.list(),
    feedFaults: w.feeds.faults,
    responseMismatches: sim.mismatches,
  };
}

export async function handleControl(sim: Sim, req: FastifyRequest, reply: FastifyReply, pathname: string) {
  if (!tokenOk(sim, req.headers['x-simulator-token'])) return reply.code(401).send({ error: 'x-simulator-token missing or wrong' });
  let body: Json = {};
  const raw = rawBody(req);
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw.toString('utf8')) as Json;
    } catch {
      return reply.code(400).send({ error: 'body must be JSON' });
    }
  }
  const route = `${req.method} ${pathname.replace(/\/$/, '')}`;
  const bad = (error: string) => reply.code(400).send({ error });
  try {
    switch (route) {
      case 'GET /_simulator':
      case 'GET /_simulator/state':
        return reply.send(snapshot(sim));
      case 'GET /_simulator/counters':
        sim.tick();
        return reply.send(counters(sim));
      case 'GET /_simulator/mismatches':
        return reply.send({ mismatches: sim.mismatches });
      case 'POST /_simulator/reset':
        sim.reset();
        return reply.send({ ok: true, scenario: sim.scenario.name });
      case 'POST /_simulator/scenario': {
        const scenario =
          body.scenario !== undefined ? parseScenario(body.scenario) : typeof body.name === 'string' ? loadScenarioFile(body.name) : null;
        if (!scenario) return bad('send {"name": "<scenario file>"} or {"scenario": {...}}');
        sim.reset(scenario);
        return reply.send({ ok: true, scenario: scenario.name });
      }
      case 'GET /_simulator/clock':
        return reply.send({ now: sim.clock.now().toISOString() });
      case 'POST /_simulator/clock': {
        const s = Number(body.advanceSeconds);
        if (!Number.isFinite(s) || s < 0) return bad('advanceSeconds must be a non-negative number');
        sim.clock.advance(s);
        return reply.send({ now: sim.clock.now().toISOString() });
      }
      case 'POST /_simulator/settings': {
        // Settle first so changed delays only affect what happens from now on.
        sim.tick();
        if (body.listingProcessingDelaySeconds !== undefined)
          sim.world.settings.listingProcessingDelaySeconds = Number(body.listingProcessingDelaySeconds);
        for (const key of ['feedProcessingSeconds', 'reportProcessingSeconds', 'orderPendingSeconds', 'ordersApiLagSeconds'] as const) {
          if (body[key] === undefined) continue;
          const n = Number(body[key]);
          if (!Number.isFinite(n) || n < 0) return bad(`${key} must be a non-negative number`);
          sim.world.settings[key] = n;
        }
        if (body.compressDocuments !== undefined) sim.world.settings.compressDocuments = body.compressDocuments === true;
        if (body.tidyReports !== undefined) sim.world.settings.tidyReports = body.tidyReports === true;
        if (body.ordersUpperBoundFormat !== undefined) {
          const f = body.ordersUpperBoundFormat;
          if (f !== 'iso' && f !== 'epoch' && f !== 'absent' && f !== 'varied')
            return bad('ordersUpperBoundFormat must be iso, epoch, absent or varied');
          sim.world.settings.ordersUpperBoundFormat = f;
        }
        for (const key of ['notificationDuplicates', 'notificationReorder'] as const) {
          if (body[key] === undefined) continue;
          const n = Number(body[key]);
          if (!(n >= 0 && n <= 1)) return bad(`${key} must be a share between 0 and 1`);
          sim.world.settings[key] = n;
        }
        if (body.notificationDelaySeconds !== undefined) {
          const n = Number(body.notificationDelaySeconds);
          if (!(n >= 0 && n <= 900)) return bad('notificationDelaySeconds must be between 0 and 900');
          sim.world.settings.notificationDelaySeconds = n;
        }
        return reply.send(sim.world.cfg);
      }
      case 'GET /_simulator/settings':
        return reply.send(sim.world.cfg);
      case 'POST /_simulator/feeds/faults': {
        // {fatalNext: n, reason?} and/or {messageErrors: {messageIds, code?, message?, feeds?}} for the next feeds.
        sim.tick();
        const f = sim.world.feeds.faults;
        if (body.fatalNext !== undefined) {
          f.fatalNext = Number(body.fatalNext);
          f.fatalReason = typeof body.reason === 'string' ? body.reason : '';
        }
        const me = body.messageErrors as { messageIds?: unknown; code?: unknown; message?: unknown; feeds?: unknown } | undefined;
        if (me !== undefined) {
          const ids = Array.isArray(me.messageIds) ? me.messageIds.map(Number) : [];
          if (ids.length === 0 || ids.some((n) => !Number.isInteger(n) || n < 1))
            return bad('messageErrors.messageIds must be positive integers');
          f.messageErrors = {
            messageIds: ids,
            code: typeof me.code === 'string' ? me.code : '8560',
            message: typeof me.message === 'string' ? me.message : 'The message could not be processed (fault injected by the simulator).',
            feeds: me.feeds === undefined ? 1 : Number(me.feeds),
          };
        }
        return reply.send(f);
      }
      case 'DELETE /_simulator/feeds/faults':
        sim.world.feeds.faults = { fatalNext: 0, fatalReason: '', messageErrors: null };
        return reply.send({ ok: true });
      case 'POST /_simulator/shopper/orders': {
        sim.tick();
        const { sellerId, marketplaceId, sku } = body as { sellerId?: string; marketplaceId?: string; sku?: string };
        if (!sellerId || !marketplaceId || !sku) return bad('sellerId, marketplaceId, sku and quantity are required');
        try {
          const order = sim.world.shopper.buy({ sellerId, marketplaceId, sku, quantity: Number(body.quantity ?? 1) });
          return reply.code(201).send({
            amazonOrderId: order.amazonOrderId,
            orderStatus: order.orderStatus,
            purchaseDate: new Date(order.purchaseDateMs).toISOString(),
            pendingUntil: new Date(order.pendingUntilMs ?? order.purchaseDateMs).toISOString(),
            items: order.items,
          });
        } catch (err) {
          if (!(err instanceof ShopperError)) throw err;
          return reply.code(err.status).send({ error: err.message, oversell: err.oversell });
        }
      }
      case 'POST /_simulator/orders/cancel': {
        // The buyer cancels an order not shipped yet: Canceled, and ORDER_CHANGE to the seller's subscriptions.
        sim.tick();
        const { sellerId, amazonOrderId, reason } = body as { sellerId?: string; amazonOrderId?: string; reason?: string };
        if (!sellerId || !amazonOrderId) return bad('sellerId and amazonOrderId are required');
        try {
          const o = cancelOrder(sim.world, sellerId, amazonOrderId, typeof reason === 'string' ? reason : undefined);
          return reply.send({
            amazonOrderId: o.amazonOrderId,
            orderStatus: o.orderStatus,
            lastUpdateDate: new Date(o.lastUpdateDateMs).toISOString(),
          });
        } catch (err) {
          const status = (err as { status?: number }).status;
          if (!status) throw err;
          return reply.code(status).send({ error: (err as Error).message });
        }
      }
      case 'POST /_simulator/orders/cancel-request': {
        // The buyer asks to cancel; the order stays as it is until the seller acts.
        sim.tick();
        const { sellerId, amazonOrderId, reason } = body as { sellerId?: string; amazonOrderId?: string; reason?: string };
        if (!sellerId || !amazonOrderId) return bad('sellerId and amazonOrderId are required');
        return orderAnswer(reply, () =>
          requestCancel(sim.world, sellerId, amazonOrderId, typeof reason === 'string' ? reason : 'BuyerCanceled'),
        );
      }
      case 'POST /_simulator/orders': {
        // A recorded real order replayed: Orders v0 (Order + OrderItems) or Orders 2026-01-01 (Order).
        sim.tick();
        const { sellerId } = body as { sellerId?: string };
        if (!sellerId) return bad('sellerId is required');
        return orderAnswer(reply, () => addOrder(sim.world, sellerId, replayed(sim, body)), 201);
      }
      case 'POST /_simulator/shopper/start': {
        const g = sim.world.shopper.start({
          ratePerMinute: Number(body.ratePerMinute),
          ...(typeof body.sellerId === 'string' ? { sellerId: body.sellerId } : {}),
          ...(typeof body.marketplaceId === 'string' ? { marketplaceId: body.marketplaceId } : {}),
        });
        return reply.send({ generator: g });
      }
      case 'POST /_simulator/shopper/stop':
        sim.world.shopper.stop();
        return reply.send({ ok: true, ...sim.world.shopper.stats });
      case 'GET /_simulator/faults':
        return reply.send({ faults: sim.faults.list() });
      case 'DELETE /_simulator/faults':
        sim.faults.clear();
        return reply.send({ ok: true });
      case 'POST /_simulator/faults': {
        if (typeof body.operation !== 'string') return bad("operation (an operationId or '*') is required");
        const rule = sim.faults.add({
          operation: body.operation,
          kind: String(body.kind) as FaultKind,
          ...(body.count !== undefined ? { count: Number(body.count) } : {}),
          ...(body.rate !== undefined ? { rate: Number(body.rate) } : {}),
          ...(body.delayMs !== undefined ? { delayMs: Number(body.delayMs) } : {}),
        });
        return reply.send(rule);
      }
      case 'GET /_simulator/documents/faults':
        return reply.send({ faults: sim.documentFaults.list() });
      case 'DELETE /_simulator/documents/faults':
        sim.documentFaults.clear();
        return reply.send({ ok: true });
      case 'POST /_simulator/documents/faults':
        // {kind: slow|truncated|5xx|wrong-length, count?, delayMs?, method?: GET|PUT, status?: 500|503}
        return reply.send(
          sim.documentFaults.add({
            kind: String(body.kind),
            ...(body.count !== undefined ? { count: Number(body.count) } : {}),
            ...(body.delayMs !== undefined ? { delayMs: Number(body.delayMs) } : {}),
            ...(body.method !== undefined ? { method: String(body.method).toUpperCase() } : {}),
            ...(body.status !== undefined ? { status: Number(body.status) } : {}),
          }),
        );
      case 'POST /_simulator/authorizations/revoke':
      case 'POST /_simulator/authorizations/expire': {
        const { sellerId, applicationId, region } = body as { sellerId?: string; applicationId?: string; region?: Region };
        if (!sellerId || !applicationId || !sim.world.sellers.has(sellerId)) return bad('sellerId (known) and applicationId are required');
        if (route.endsWith('revoke')) {
          sim.world.revoke(sellerId, applicationId, region);
          return reply.send({ ok: true });
        }
        return reply.send({ ok: true, expired: sim.world.expireAuthorization(sellerId, applicationId) });
      }
      case 'POST /_simulator/applications/redirect-uris': {
        // What a developer does in the app's settings: the service on another address can be redirected to.
        const { applicationId, redirectUri } = body as { applicationId?: string; redirectUri?: string };
        if (!applicationId || !sim.world.applications.has(applicationId) || typeof redirectUri !== 'string')
          return bad('a known applicationId and a redirectUri are required');
        sim.registerRedirectUri(applicationId, redirectUri);
        return reply.send({ applicationId, redirectUris: sim.redirectUris(sim.world.applications.get(applicationId)!) });
      }
      case 'POST /_simulator/authorizations/code': {
        // Shortcut for tests that do not need the consent pages: a fresh spapi_oauth_code.
        const { sellerId, applicationId, region } = body as { sellerId?: string; applicationId?: string; region?: Region };
        if (!sellerId || !applicationId || !region || !sim.world.sellers.has(sellerId) || !sim.world.applications.has(applicationId))
          return bad('known sellerId, applicationId and region are required');
        const code = `ANsim${randomId(15)}`;
        sim.world.authCodes.set(code, { code, sellerId, applicationId, region, issuedAtMs: sim.clock.nowMs(), used: false });
        return reply.send({ code });
      }
      default:
        return reply.code(404).send({ error: `no control route ${route}` });
    }
  } catch (err) {
    return bad((err as Error).message);
  }
}

/** Unwraps `{payload: …}` (v0 getOrder) and `{order: …}` (2026 getOrder) as recorded answers carry them. */
const unwrap = (v: unknown, key: string): unknown => (typeof v === 'object' && v !== null && key in v ? (v as Json)[key] : v);

/** The order of a replay body: `order` in either version's shape, v0's `orderItems`, a 2026 `order2026` beside a v0 order. */
function replayed(sim: Sim, body: Json) {
  const order = unwrap(unwrap(body.order, 'payload'), 'order');
  if (typeof order !== 'object' || order === null)
    throw new ReplayError('order is required: an Orders v0 Order or an Orders 2026-01-01 Order');
  if ('orderId' in order) return orderFrom2026(sim.world, order);
  if (!('AmazonOrderId' in order)) throw new ReplayError('order has neither AmazonOrderId (Orders v0) nor orderId (Orders 2026-01-01)');
  const items = unwrap(unwrap(body.orderItems, 'payload'), 'OrderItems');
  const state = orderFromV0(sim.world, order, items);
  if (body.order2026 !== undefined) {
    const twin = orderFrom2026(sim.world, unwrap(body.order2026, 'order'));
    if (twin.amazonOrderId !== state.amazonOrderId) throw new ReplayError('order2026.orderId differs from order.AmazonOrderId');
    state.recorded2026 = twin.recorded2026;
  }
  return state;
}

/** Runs an order change; its errors (status 400/404/409) become the answer. */
function orderAnswer(
  reply: FastifyReply,
  change: () => { amazonOrderId: string; orderStatus: string; lastUpdateDateMs: number },
  code = 200,
) {
  try {
    const o = change();
    return reply
      .code(code)
      .send({ amazonOrderId: o.amazonOrderId, orderStatus: o.orderStatus, lastUpdateDate: new Date(o.lastUpdateDateMs).toISOString() });
  } catch (err) {
    const status = err instanceof ReplayError ? 400 : (err as { status?: number }).status;
    if (!status) throw err;
    return reply.code(status).send({ error: (err as Error).message });
  }
}
