/**
 * The simulator's mutable world, built from a scenario: sellers, applications, catalog, listings,
 * orders, FBA stock, plus the authorization records that LWA and Seller Central share.
 * Everything lives in memory; `reset` rebuilds it from the scenario, and persistence.ts writes what changed
 * since to a state file (when the simulator was started with one) and puts it back on the next start.
 */
import { randomBytes } from 'node:crypto';
import type { SimClock } from './clock';
import type {
  Region,
  Scenario,
  ScenarioApplication,
  ScenarioCatalogItem,
  ScenarioFbaInventory,
  ScenarioMarketplace,
  ScenarioOrder,
  ScenarioSeller,
} from './scenario';
import { DEFAULT_SETTINGS, type ScenarioSettings } from './scenario';
import { ListingsStore } from './listings-store';
import type { StoredDocument } from './documents';
import { FeedsStore } from './feeds-store';
import { ReportsStore } from './reports-store';
import { ReportSchedulesStore } from './report-schedules';
import { PRODUCT_TYPES_VERSION, productTypesFor, type ProductTypeDefinition } from './product-types';
import { Shopper } from './shopper';
import { SqsQueues, parseQueueArn } from './sqs/queues';
import { NotificationsStore } from './notifications-store';

export const DAY_MS = 86_400_000;

/** Scenario times may be absolute ISO strings or relative to the clock: `now`, `now-30d`, `now+2h`. */
export function resolveTime(value: string | undefined, nowMs: number): number {
  if (value === undefined) return nowMs;
  const rel = /^now(?:([+-]\d+(?:\.\d+)?)([smhd]))?$/.exec(value);
  if (rel) {
    const unit = { s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS }[rel[2] as 's' | 'm' | 'h' | 'd'] ?? 0;
    return nowMs + Number(rel[1] ?? 0) * unit;
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new Error(`invalid time in scenario: ${value}`);
  return t;
}

/** Order times are whole seconds on Amazon: a relative one (`now-2d`) drops the clock's milliseconds, an absolute one is kept as written. */
const orderTime = (value: string, nowMs: number) =>
  value.startsWith('now') ? Math.floor(resolveTime(value, nowMs) / 1000) * 1000 : resolveTime(value, nowMs);

export const randomId = (bytes = 12) => randomBytes(bytes).toString('base64url');

export interface RefreshTokenRecord {
  token: string;
  sellerId: string;
  applicationId: string;
  region: Region;
  authorizedAtMs: number;
}

export interface AccessTokenRecord {
  token: string;
  applicationId: string;
  /** null for grantless tokens (client_credentials). */
  sellerId: string | null;
  region: Region | null;
  scope: string | null;
  issuedAtMs: number;
  expiresAtMs: number;
}

export interface AuthCodeRecord {
  code: string;
  sellerId: string;
  applicationId: string;
  region: Region;
  issuedAtMs: number;
  used: boolean;
}

export interface OrderState extends Omit<ScenarioOrder, 'purchaseDate' | 'lastUpdateDate'> {
  purchaseDateMs: number;
  lastUpdateDateMs: number;
  shipments: {
    packageReferenceId: string;
    carrierCode: string;
    trackingNumber: string;
    shipDate: string;
    /** Units confirmed per order item by confirmShipment. */
    items?: { orderItemId: string; quantity: number }[];
  }[];
  /** Shopper orders: when payment authorization completes (Pending → Unshipped). */
  pendingUntilMs?: number;
}

/** A restricted data token: works as x-amz-access-token only for the listed method + path patterns. */
export interface RestrictedTokenRecord {
  auth: AccessTokenRecord;
  resources: { method: string; path: string; pattern: RegExp; dataElements: string[] }[];
}

export interface SellerState {
  scenario: ScenarioSeller;
  sellerId: string;
  orders: Map<string, OrderState>;
  fbaInventory: ScenarioFbaInventory[];
  /** `${applicationId}|${region}` → when the seller removed the app (authorizations granted before that are dead). */
  revokedAtMs: Map<string, number>;
}

export class World {
  readonly marketplaces = new Map<string, ScenarioMarketplace>();
  readonly applications = new Map<string, ScenarioApplication>();
  readonly sellers = new Map<string, SellerState>();
  readonly catalog = new Map<string, ScenarioCatalogItem>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly authCodes = new Map<string, AuthCodeRecord>();
  readonly listings: ListingsStore;
  /** Feed and report documents on the document host, by URL path. */
  readonly documents = new Map<string, StoredDocument>();
  /** Signs the document host's pre-signed URLs; new per world, so URLs die with a reset (kept in the state file). */
  documentSecret = randomBytes(32);
  readonly restrictedTokens = new Map<string, RestrictedTokenRecord>();
  readonly feeds: FeedsStore;
  readonly reports: ReportsStore;
  readonly reportSchedules: ReportSchedulesStore;
  /** Product Type Definitions: the types the catalog uses (product-types.ts); read-only seed data. */
  readonly productTypes: Map<string, ProductTypeDefinition>;
  productTypesVersion = PRODUCT_TYPES_VERSION;
  readonly shopper: Shopper;
  /** The local SQS's queues (the merchants' AWS side) and the Notifications API's destinations and subscriptions. */
  readonly sqs: SqsQueues;
  readonly notifications: NotificationsStore;
  settings: Scenario['settings'];
  /** When this world was built from the scenario (seeded data counts as changed then); restored from the state file. */
  createdAtMs: number;

  constructor(
    readonly scenario: Scenario,
    readonly clock: SimClock,
  ) {
    const now = clock.nowMs();
    this.createdAtMs = now;
    this.settings = { ...scenario.settings };
    for (const m of scenario.marketplaces) this.marketplaces.set(m.id, m);
    for (const a of scenario.applications) this.applications.set(a.applicationId, a);
    for (const c of scenario.catalog) this.catalog.set(c.asin, c);
    this.productTypes = productTypesFor(scenario.catalog.map((c) => c.productType));
    this.listings = new ListingsStore(this);
    this.feeds = new FeedsStore(this);
    this.reports = new ReportsStore(this);
    this.reportSchedules = new ReportSchedulesStore(this);
    this.shopper = new Shopper(this);
    this.sqs = new SqsQueues(clock);
    this.notifications = new NotificationsStore(this);
    for (const arn of scenario.sqsQueues ?? []) {
      const q = parseQueueArn(arn);
      if (!q) throw new Error(`scenario sqsQueues: not an SQS queue ARN: ${arn}`);
      this.sqs.create(q.region, q.accountId, q.name);
    }
    for (const s of scenario.sellers) {
      const seller: SellerState = {
        scenario: s,
        sellerId: s.sellerId,
        fbaInventory: s.fbaInventory.map((i) => ({ ...i })),
        orders: new Map(),
        revokedAtMs: new Map(),
      };
      for (const o of s.orders) {
        seller.orders.set(o.amazonOrderId, {
          ...structuredClone(o),
          purchaseDateMs: orderTime(o.purchaseDate, now),
          lastUpdateDateMs: orderTime(o.lastUpdateDate, now),
          shipments: [],
        });
      }
      this.sellers.set(s.sellerId, seller);
      for (const a of s.authorizations) {
        this.refreshTokens.set(a.refreshToken, {
          token: a.refreshToken,
          sellerId: s.sellerId,
          applicationId: a.applicationId,
          region: a.region,
          authorizedAtMs: resolveTime(a.authorizedAt, now),
        });
      }
      for (const l of s.listings) this.listings.seed(s.sellerId, l, resolveTime(l.createdAt, now));
    }
  }

  /** Settings with defaults for the ones the scenario (or the control plane) left out. */
  get cfg(): Required<ScenarioSettings> {
    return { ...DEFAULT_SETTINGS, ...this.settings } as Required<ScenarioSettings>;
  }

  /** Brings every clock-driven process up to now: shopper orders, feeds, reports, listing submissions. */
  tick(): void {
    this.shopper.settle();
    this.feeds.settle();
    this.reportSchedules.settle();
    this.reports.settle();
    this.listings.settle();
  }

  applicationByClientId(clientId: string): ScenarioApplication | undefined {
    for (const a of this.applications.values()) if (a.clientId === clientId) return a;
    return undefined;
  }

  /** Why a refresh token no longer works, or null when it does. */
  refreshTokenProblem(rec: RefreshTokenRecord): string | null {
    const seller = this.sellers.get(rec.sellerId);
    if (!seller) return 'unknown seller';
    const revokedAt = seller.revokedAtMs.get(`${rec.applicationId}|${rec.region}`);
    if (revokedAt !== undefined && rec.authorizedAtMs <= revokedAt) return 'the seller revoked the application';
    if (this.clock.nowMs() - rec.authorizedAtMs > 365 * DAY_MS) return 'the authorization is older than 365 days';
    return null;
  }

  /** A fresh authorization (consent completed): new refresh token dated now. */
  authorize(sellerId: string, applicationId: string, region: Region): RefreshTokenRecord {
    const rec: RefreshTokenRecord = {
      token: `Atzr|sim-${randomId(24)}`,
      sellerId,
      applicationId,
      region,
      authorizedAtMs: this.clock.nowMs(),
    };
    this.refreshTokens.set(rec.token, rec);
    return rec;
  }

  /** Authorizations are regional; without a region the app is removed in every region. */
  revoke(sellerId: string, applicationId: string, region?: Region): void {
    const seller = this.sellers.get(sellerId);
    if (!seller) throw new Error(`unknown seller ${sellerId}`);
    for (const r of region ? [region] : (['na', 'eu', 'fe'] as const)) seller.revokedAtMs.set(`${applicationId}|${r}`, this.clock.nowMs());
    for (const [token, rec] of this.accessTokens) {
      if (rec.sellerId === sellerId && rec.applicationId === applicationId && (!region || rec.region === region))
        this.accessTokens.delete(token);
    }
    for (const [token, rec] of this.restrictedTokens) {
      if (rec.auth.sellerId === sellerId && rec.auth.applicationId === applicationId && (!region || rec.auth.region === region))
        this.restrictedTokens.delete(token);
    }
  }

  /** Moves every authorization of seller+app back in time so it is older than 365 days. */
  expireAuthorization(sellerId: string, applicationId: string): number {
    let n = 0;
    for (const rec of this.refreshTokens.values()) {
      if (rec.sellerId === sellerId && rec.applicationId === applicationId) {
        rec.authorizedAtMs = this.clock.nowMs() - 366 * DAY_MS;
        n++;
      }
    }
    return n;
  }

  authorizedApps(sellerId: string): { application: ScenarioApplication; region: Region; authorizedAtMs: number }[] {
    const out = new Map<string, { application: ScenarioApplication; region: Region; authorizedAtMs: number }>();
    for (const rec of this.refreshTokens.values()) {
      const app = this.applications.get(rec.applicationId);
      if (rec.sellerId !== sellerId || !app || this.refreshTokenProblem(rec)) continue;
      const key = `${rec.applicationId}|${rec.region}`;
      const prev = out.get(key);
      if (!prev || prev.authorizedAtMs < rec.authorizedAtMs)
        out.set(key, { application: app, region: rec.region, authorizedAtMs: rec.authorizedAtMs });
    }
    return [...out.values()];
  }

  marketplaceRegion(marketplaceId: string): Region | undefined {
    return this.marketplaces.get(marketplaceId)?.region;
  }
}
