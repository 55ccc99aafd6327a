/**
 * What of the simulator survives a restart, as plain JSON: everything a seller and the channel built up —
 * authorizations (refresh tokens, removed apps), access and restricted tokens, codes, listings with their pending
 * submissions, orders, FBA stock, feeds, reports and their documents, the shopper, notification destinations and
 * subscriptions, the local SQS's queues and messages, the settings, the clock — and
 * the secrets that sign Seller Central sessions and document URLs, so what was handed out keeps working.
 *
 * Not kept: the seed data that is not state — marketplaces, applications, catalog, seller accounts — is read
 * from the scenario at start, so a scenario file that gained catalog items shows them on the next start; and the
 * harness's tools (counters, faults, rate-limit buckets, recorded mismatches) start empty.
 */
import type { Sim } from './sim';
import type { Scenario } from './scenario';
import type { AccessTokenRecord, AuthCodeRecord, OrderState, RefreshTokenRecord } from './state';
import type { ListingRecord, Pending } from './listings-store';
import type { StoredDocument } from './documents';
import type { FeedRecord } from './feeds-store';
import type { MessageFault } from './feed-processing';
import type { ReportRecord } from './reports-store';
import type { Generator, ShopperStats } from './shopper';
import type { ScenarioFbaInventory, ScenarioSettings } from './scenario';
import { numericIdsAbove } from './jobs';
import type { ReportScheduleRecord } from './report-schedules';
import type { Destination, Subscription } from './notifications-store';
import type { SqsQueue } from './sqs/queues';

export const STATE_FORMAT = 'amazon-sales-channel/simulator-state';
/** Bump when the shape changes; an older file is refused with the reset command, never half-read. */
export const STATE_VERSION = 1;

interface WorldDump {
  createdAtMs: number;
  settings: ScenarioSettings;
  documentSecret: string;
  sellers: { sellerId: string; orders: OrderState[]; fbaInventory: ScenarioFbaInventory[]; revokedAtMs: [string, number][] }[];
  refreshTokens: RefreshTokenRecord[];
  accessTokens: AccessTokenRecord[];
  authCodes: AuthCodeRecord[];
  restrictedTokens: {
    token: string;
    auth: AccessTokenRecord;
    resources: { method: string; path: string; pattern: string; dataElements: string[] }[];
  }[];
  documents: (Omit<StoredDocument, 'body'> & { body: string | null })[];
  listings: { items: ListingRecord[]; pending: Pending[] };
  feeds: (Omit<FeedRecord, 'messageFaults'> & { messageFaults?: [number, MessageFault][] })[];
  reports: ReportRecord[];
  /** Absent in files written before schedules existed (read as none). */
  reportSchedules?: ReportScheduleRecord[];
  shopper: { generator: Generator | null; stats: ShopperStats };
  /** Optional: files written before notifications existed have neither (read as none). */
  notifications?: { destinations: Destination[]; subscriptions: Subscription[] };
  sqsQueues?: SqsQueue[];
}

export interface SimulatorState {
  format: typeof STATE_FORMAT;
  version: typeof STATE_VERSION;
  /** Real time of the write, and the process that wrote it (the reset command checks it is gone). */
  savedAt: string;
  pid: number;
  /** Simulator time minus real time: the simulator's clock goes on from where it was (advanced or not). */
  clockOffsetMs: number;
  /** The scenario the world grew from; the copy is used only when no scenario file has that name any more. */
  scenario: { name: string; definition: Scenario };
  sellerCentralSecret: string;
  world: WorldDump;
}

export function dumpState(sim: Sim): SimulatorState {
  const w = sim.world;
  const b64 = (b: Buffer) => b.toString('base64');
  return {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    savedAt: new Date().toISOString(),
    pid: process.pid,
    clockOffsetMs: sim.clock.nowMs() - Date.now(),
    scenario: { name: sim.scenario.name, definition: sim.scenario },
    sellerCentralSecret: b64(sim.secret),
    world: {
      createdAtMs: w.createdAtMs,
      settings: w.settings,
      documentSecret: b64(w.documentSecret),
      sellers: [...w.sellers.values()].map((s) => ({
        sellerId: s.sellerId,
        orders: [...s.orders.values()],
        fbaInventory: s.fbaInventory,
        revokedAtMs: [...s.revokedAtMs],
      })),
      refreshTokens: [...w.refreshTokens.values()],
      accessTokens: [...w.accessTokens.values()],
      authCodes: [...w.authCodes.values()],
      restrictedTokens: [...w.restrictedTokens].map(([token, r]) => ({
        token,
        auth: r.auth,
        resources: r.resources.map((x) => ({ method: x.method, path: x.path, pattern: x.pattern.source, dataElements: x.dataElements })),
      })),
      documents: [...w.documents.values()].map((d) => ({ ...d, body: d.body ? b64(d.body) : null })),
      listings: w.listings.dump(),
      feeds: [...w.feeds.feeds.values()].map(({ messageFaults, ...f }) => ({
        ...f,
        ...(messageFaults ? { messageFaults: [...messageFaults] } : {}),
      })),
      reports: [...w.reports.reports.values()],
      reportSchedules: [...w.reportSchedules.schedules.values()],
      shopper: { generator: w.shopper.generator, stats: { ...w.shopper.stats } },
      notifications: {
        destinations: [...w.notifications.destinations.values()],
        subscriptions: [...w.notifications.subscriptions.values()],
      },
      sqsQueues: [...w.sqs.queues.values()],
    },
  };
}

/**
 * Puts a dumped world back into `sim`, whose world was just built from the scenario: the seed data stays, the
 * state is replaced. A seller the scenario no longer has is dropped; one it gained keeps its seeded state.
 */
export function restoreState(sim: Sim, state: SimulatorState): void {
  const w = sim.world;
  const d = structuredClone(state.world);
  const buf = (s: string) => Buffer.from(s, 'base64');
  sim.secret = buf(state.sellerCentralSecret);
  w.createdAtMs = d.createdAtMs;
  w.settings = d.settings;
  w.documentSecret = buf(d.documentSecret);
  for (const s of d.sellers) {
    const seller = w.sellers.get(s.sellerId);
    if (!seller) continue;
    seller.orders = new Map(s.orders.map((o) => [o.amazonOrderId, o]));
    seller.fbaInventory = s.fbaInventory;
    seller.revokedAtMs = new Map(s.revokedAtMs);
  }
  const known = (sellerId: string | null) => sellerId === null || w.sellers.has(sellerId);
  refill(
    w.refreshTokens,
    d.refreshTokens.filter((r) => known(r.sellerId)).map((r) => [r.token, r]),
  );
  refill(
    w.accessTokens,
    d.accessTokens.filter((r) => known(r.sellerId)).map((r) => [r.token, r]),
  );
  refill(
    w.authCodes,
    d.authCodes.filter((r) => known(r.sellerId)).map((r) => [r.code, r]),
  );
  refill(
    w.restrictedTokens,
    d.restrictedTokens.map((r) => [
      r.token,
      { auth: r.auth, resources: r.resources.map((x) => ({ ...x, pattern: new RegExp(x.pattern) })) },
    ]),
  );
  refill(
    w.documents,
    d.documents.map((doc) => [doc.key, { ...doc, body: doc.body === null ? null : buf(doc.body) }]),
  );
  w.listings.load({ items: d.listings.items.filter((l) => known(l.sellerId)), pending: d.listings.pending });
  refill(
    w.feeds.feeds,
    d.feeds.map(({ messageFaults, ...f }) => [f.feedId, { ...f, ...(messageFaults ? { messageFaults: new Map(messageFaults) } : {}) }]),
  );
  refill(
    w.reports.reports,
    d.reports.map((r) => [r.reportId, r]),
  );
  refill(
    w.reportSchedules.schedules,
    (d.reportSchedules ?? []).map((r) => [r.reportScheduleId, r]),
  );
  numericIdsAbove([...w.feeds.feeds.keys(), ...w.reports.reports.keys(), ...w.reportSchedules.schedules.keys()]);
  w.shopper.generator = d.shopper.generator;
  Object.assign(w.shopper.stats, d.shopper.stats);
  if (d.notifications) {
    refill(
      w.notifications.destinations,
      d.notifications.destinations.map((x) => [x.destinationId, x]),
    );
    refill(
      w.notifications.subscriptions,
      d.notifications.subscriptions.filter((x) => known(x.sellerId)).map((x) => [x.subscriptionId, x]),
    );
  }
  // Queues are the merchants' AWS side: the saved ones (with their messages) replace the scenario's.
  if (d.sqsQueues)
    refill(
      w.sqs.queues,
      d.sqsQueues.map((q) => [`${q.region}|${q.accountId}|${q.name}`, q]),
    );
}

function refill<K, V>(map: Map<K, V>, entries: [K, V][]): void {
  map.clear();
  for (const [k, v] of entries) map.set(k, v);
}
