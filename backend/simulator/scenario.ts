/**
 * Scenario = the simulator's seed data (sellers, applications, catalog, listings, orders, FBA stock).
 * Scenarios are JSON files under fixtures/simulator/scenarios/; the shape is checked loosely at load
 * (required top-level arrays) because the file is ours and tests exercise every field we read.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioOrder } from './scenario-orders';

export type { AmazonFlag, OrderFlag, ScenarioOrder, ScenarioOrderItem, ScenarioRegulatedInfo } from './scenario-orders';

export type Region = 'na' | 'eu' | 'fe';

export interface ScenarioMarketplace {
  id: string;
  name: string;
  countryCode: string;
  defaultCurrencyCode: string;
  defaultLanguageCode: string;
  domainName: string;
  region: Region;
}

export interface ScenarioUser {
  email: string;
  password: string;
  /** The two-step verification code this user must type (the simulator has no authenticator app). */
  otp: string;
}

export interface ScenarioParticipation {
  marketplaceId: string;
  isParticipating: boolean;
  hasSuspendedListings: boolean;
}

export interface ScenarioAuthorization {
  applicationId: string;
  region: Region;
  refreshToken: string;
  authorizedAt: string;
}

export interface ScenarioListing {
  sku: string;
  marketplaceId: string;
  productType: string;
  attributes: Record<string, unknown>;
  createdAt?: string;
}

export interface ScenarioFbaInventory {
  sku: string;
  asin: string;
  fnSku: string;
  marketplaceId: string;
  fulfillable: number;
  inbound: number;
  reserved: number;
  /** Runtime only: when the quantities last changed (FBA Inventory startDateTime filter). */
  updatedAtMs?: number;
}

export interface ScenarioSeller {
  sellerId: string;
  storeName: string;
  primaryUser: ScenarioUser;
  users: ScenarioUser[];
  participations: ScenarioParticipation[];
  authorizations: ScenarioAuthorization[];
  listings: ScenarioListing[];
  orders: ScenarioOrder[];
  fbaInventory: ScenarioFbaInventory[];
  /** Sellers v1 getAccount: business type, selling plan, business and primary contact, as Amazon shows them. */
  account?: ScenarioAccount;
  /** A vendor (Vendor Central) account rather than a seller's; absent: a seller. Vendors see vendorDetails. */
  vendor?: boolean;
}

export interface ScenarioAccount {
  businessType: string;
  sellingPlan: 'PROFESSIONAL' | 'INDIVIDUAL';
  business?: Record<string, unknown>;
  primaryContact?: Record<string, unknown>;
}

export interface ScenarioApplication {
  applicationId: string;
  name: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** Draft apps require `version=beta` on the consent URL (Amazon error MD1000 otherwise). */
  draft: boolean;
}

export interface CatalogIdentifier {
  type: 'EAN' | 'UPC' | 'ISBN' | 'GTIN' | 'JAN' | 'MINSAN';
  value: string;
}

export interface ScenarioCatalogItem {
  asin: string;
  marketplaceIds: string[];
  title: string;
  brand: string;
  productType: string;
  classificationId: string;
  classificationName: string;
  identifiers: CatalogIdentifier[];
  parentAsin?: string;
  /** Set on variation parents; children carry parentAsin. */
  variationTheme?: string;
  color?: string;
  size?: string;
  /** Listing this ASIN needs approval the seller does not have (listing gets an ERROR issue). */
  restricted?: boolean;
  /** Conditions the seller may not list this ASIN in (e.g. `used_acceptable`), though other conditions are fine. */
  restrictedConditions?: string[];
  /**
   * Optional blocks in Amazon's Catalog Items shapes, the same in each of the item's marketplaces; the Catalog
   * Items API shows each per includedData, derived from the fields above where a block is absent.
   */
  classifications?: CatalogClassification[];
  /** The department searchCatalogItems refines by (Amazon's ids differ from the browse root's); default that root. */
  department?: { displayName: string; classificationId: string };
  dimensions?: { item?: CatalogDimensions; package?: CatalogDimensions };
  images?: CatalogImage[];
  salesRanks?: { classificationRanks?: CatalogRank[]; displayGroupRanks?: CatalogRank[] };
  /** Summary fields beyond title, brand, colour and size (the manufacturer defaults to the brand). */
  summary?: {
    manufacturer?: string;
    modelNumber?: string;
    partNumber?: string;
    packageQuantity?: number;
    style?: string;
    websiteDisplayGroup?: string;
    websiteDisplayGroupName?: string;
  };
  /** What Amazon shows vendors only (getCatalogItem for a vendor account). */
  vendorDetails?: Record<string, unknown>;
}

/** A browse-tree node with its ancestors up to the root. */
export interface CatalogClassification {
  displayName: string;
  classificationId: string;
  parent?: CatalogClassification;
}
type Measure = { unit: string; value: number };
export interface CatalogDimensions {
  height?: Measure;
  length?: Measure;
  weight?: Measure;
  width?: Measure;
}
export interface CatalogImage {
  variant: string;
  link: string;
  height: number;
  width: number;
}
/** A sales rank: by classification (`classificationId`) or by website display group (`websiteDisplayGroup`). */
export interface CatalogRank {
  classificationId?: string;
  websiteDisplayGroup?: string;
  title: string;
  link?: string;
  rank: number;
}

export interface ScenarioSettings {
  /** Seconds between an accepted listing submission and the listing showing the change. */
  listingProcessingDelaySeconds: number;
  /** Seconds from createFeed to DONE/FATAL (IN_QUEUE the first half, IN_PROGRESS the second). */
  feedProcessingSeconds?: number;
  /** Seconds from createReport to DONE. */
  reportProcessingSeconds?: number;
  /** Seconds a shopper's order stays Pending (payment authorization) before it becomes Unshipped. */
  orderPendingSeconds?: number;
  /** Amazon's getOrders only sees orders at least this many seconds old (CreatedBefore/LastUpdatedBefore ≤ now − 2 min). */
  ordersApiLagSeconds?: number;
  /** Store result documents (feed processing reports, reports) GZIP-compressed, as Amazon does; false = uncompressed. */
  compressDocuments?: boolean;
  /**
   * Reports in the old tidy form (UTF-8 declared, 29 English columns, UTC dates) instead of what Amazon sends
   * per marketplace (legacy charsets, local headers and dates, older layouts): for whoever needs a plain file.
   */
  tidyReports?: boolean;
  /**
   * How getOrders answers its upper bound (`CreatedBefore`/`LastUpdatedBefore`). Real answers vary: an ISO time,
   * epoch seconds as a Java double string (`1.569521782042E9`, as the sandbox sends), or nothing at all.
   * `varied` picks one of the three by the bound's second, so a client meets every form over a few polls.
   */
  ordersUpperBoundFormat?: 'iso' | 'epoch' | 'absent' | 'varied';
  /** Share (0..1) of notifications delivered twice, as SQS standard queues may (at-least-once delivery). */
  notificationDuplicates?: number;
  /** Share (0..1) of notifications put ahead of the previous message in the queue (SQS does not keep order). */
  notificationReorder?: number;
  /** Seconds (simulator clock) before a published notification can be received from the queue. */
  notificationDelaySeconds?: number;
}

/** Values used when a scenario leaves a setting out. */
export const DEFAULT_SETTINGS: Required<ScenarioSettings> = {
  listingProcessingDelaySeconds: 0,
  feedProcessingSeconds: 60,
  reportProcessingSeconds: 30,
  orderPendingSeconds: 120,
  ordersApiLagSeconds: 120,
  compressDocuments: true,
  tidyReports: false,
  ordersUpperBoundFormat: 'varied',
  notificationDuplicates: 0,
  notificationReorder: 0,
  notificationDelaySeconds: 0,
};

export interface Scenario {
  name: string;
  description?: string;
  /**
   * Catalog files (names in catalogDir, without `.json`) whose items join `catalog` when the scenario is
   * parsed, so a big generated catalog stays out of the hand-written scenario. A parsed scenario has them
   * merged into `catalog` and no `catalogFiles` left (parsing it again adds nothing twice).
   */
  catalogFiles?: string[];
  clockStart?: string;
  settings: ScenarioSettings;
  marketplaces: ScenarioMarketplace[];
  applications: ScenarioApplication[];
  sellers: ScenarioSeller[];
  catalog: ScenarioCatalogItem[];
  /** SQS queues that exist from the start (ARNs), e.g. a merchant's queue for notifications. */
  sqsQueues?: string[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const scenarioDir = path.resolve(here, '../../fixtures/simulator/scenarios');
export const catalogDir = path.resolve(here, '../../fixtures/simulator/catalogs');

/**
 * A catalog file: `{ description?, marketplaceIds, items }`. Items may leave out `marketplaceIds` (they are
 * sold where the file says), which keeps a file of hundreds of items readable.
 */
interface CatalogFile {
  description?: string;
  marketplaceIds?: string[];
  items: (Omit<ScenarioCatalogItem, 'marketplaceIds'> & { marketplaceIds?: string[] })[];
}

export function loadCatalogFile(name: string): ScenarioCatalogItem[] {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`catalog file name must be lower-case letters, digits and dashes: ${name}`);
  const raw = JSON.parse(readFileSync(path.join(catalogDir, `${name}.json`), 'utf8')) as CatalogFile;
  if (!Array.isArray(raw.items)) throw new Error(`catalog file ${name}: items must be an array`);
  return raw.items.map((item) => {
    const marketplaceIds = item.marketplaceIds ?? raw.marketplaceIds;
    if (!marketplaceIds?.length) throw new Error(`catalog file ${name}: ${item.asin} is sold in no marketplace`);
    return { ...item, marketplaceIds };
  });
}

/** Loads a scenario by name (file in scenarioDir) or from an absolute/relative `.json` path. */
export function loadScenarioFile(nameOrPath: string): Scenario {
  const file = nameOrPath.endsWith('.json') ? path.resolve(nameOrPath) : path.join(scenarioDir, `${nameOrPath}.json`);
  return parseScenario(JSON.parse(readFileSync(file, 'utf8')) as unknown);
}

export function parseScenario(raw: unknown): Scenario {
  if (typeof raw !== 'object' || raw === null) throw new Error('scenario must be a JSON object');
  const s = raw as Partial<Scenario>;
  for (const key of ['marketplaces', 'applications', 'sellers', 'catalog'] as const) {
    if (!Array.isArray(s[key])) throw new Error(`scenario.${key} must be an array`);
  }
  if (s.catalogFiles !== undefined && !Array.isArray(s.catalogFiles)) throw new Error('scenario.catalogFiles must be an array');
  const catalog = [...(s.catalog ?? []), ...(s.catalogFiles ?? []).flatMap(loadCatalogFile)];
  const asins = new Set<string>();
  for (const item of catalog) {
    if (asins.has(item.asin)) throw new Error(`scenario catalog: ASIN ${item.asin} appears twice`);
    asins.add(item.asin);
  }
  const sellers = (s.sellers ?? []).map((seller) => ({
    ...seller,
    users: seller.users ?? [],
    authorizations: seller.authorizations ?? [],
    listings: seller.listings ?? [],
    orders: seller.orders ?? [],
    fbaInventory: seller.fbaInventory ?? [],
  }));
  return {
    name: s.name ?? 'unnamed',
    ...(s.description !== undefined ? { description: s.description } : {}),
    ...(s.clockStart !== undefined ? { clockStart: s.clockStart } : {}),
    settings: { ...DEFAULT_SETTINGS, ...(s.settings ?? {}) },
    marketplaces: s.marketplaces ?? [],
    applications: s.applications ?? [],
    sellers,
    catalog,
    ...(s.sqsQueues !== undefined ? { sqsQueues: s.sqsQueues } : {}),
  };
}
