/**
 * Control plane under /_simulator (any host; header x-simulator-token must equal the control token):
 * reset, load scenario, inspect state, advance the clock, faults, authorization tricks, counters.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Sim } from './sim';
import { loadScenarioFile, parseScenario, type Region } from './scenario';
import { rawBody } from './http-util';
import { randomId } from './state';
import type { FaultKind } from './faults';

type Json = Record<string, unknown>;

function tokenOk(sim: Sim, given: unknown): boolean {
  const a = Buffer.from(typeof given === 'string' ? given : '');
  const b = Buffer.from(sim.controlToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function snapshot(sim: Sim) {
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
      authorizations: w
        .authorizedApps(s.sellerId)
        .map((a) => ({
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
    counters: sim.counters.snapshot(),
    faults: sim.faults.list(),
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
        return reply.send(sim.counters.snapshot());
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
        if (body.listingProcessingDelaySeconds !== undefined)
          sim.world.settings.listingProcessingDelaySeconds = Number(body.listingProcessingDelaySeconds);
        return reply.send(sim.world.settings);
      }
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
