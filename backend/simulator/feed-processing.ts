/**
 * Processing of a JSON_LISTINGS_FEED document: decompress, parse, validate against Amazon's official
 * listings feed schema (fixtures/amazon-models/schemas/feeds), then apply each message to the seller's
 * listings through the same ListingsStore the Listings Items API uses, and build the processing report
 * (validated against the official processing-report schema).
 *
 * Like Amazon, a document that is not JSON or violates the feed schema makes the whole feed FATAL; a
 * message the listings rules reject is an ERROR issue for that message and the feed still ends DONE.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ValidateFunction } from 'ajv';
import { createAjv, modelsRoot } from './models';
import type { World } from './state';
import type { Attributes, ListingIssue } from './listings-store';
import { applyPatch, itemBody } from './apis/listingsItems_2021-08-01';
import { isGzip } from './documents';

export interface FeedIssue {
  messageId?: number;
  sku?: string;
  code: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  message: string;
  attributeName?: string;
}

export interface MessageFault {
  code: string;
  message: string;
}

export interface FeedJob {
  feedId: string;
  sellerId: string;
  marketplaceId: string;
  /** When processing happens (the feed's DONE time on the simulator clock). */
  atMs: number;
  /** Set by the control plane: the feed ends FATAL with this reason. */
  fatal?: string;
  /** Set by the control plane: these messageIds fail with the given issue. */
  messageFaults?: Map<number, MessageFault>;
}

export interface FeedOutcome {
  status: 'DONE' | 'FATAL';
  report: Record<string, unknown>;
  /** Non-empty when the simulator's own report fails the official schema (a simulator bug). */
  reportProblem: string | null;
}

interface FeedMessage {
  messageId: number;
  sku: string;
  operationType: 'UPDATE' | 'PARTIAL_UPDATE' | 'PATCH' | 'DELETE';
  productType?: string;
  attributes?: Attributes;
  patches?: { op: string; path: string; value?: unknown[] }[];
}

interface FeedDocument {
  header: { sellerId: string; version: string; report?: { includedData: string[]; apiVersion: string } };
  messages: FeedMessage[];
}

const schemaDir = path.join(modelsRoot, 'schemas', 'feeds');
let validators: { feed: ValidateFunction; report: ValidateFunction } | null = null;
function schemas() {
  if (!validators) {
    const ajv = createAjv();
    const load = (f: string) => JSON.parse(readFileSync(path.join(schemaDir, f), 'utf8')) as Record<string, unknown>;
    validators = {
      feed: ajv.compile(load('listings-feed-schema-v2.json')),
      report: ajv.compile(load('listings-feed-processing-report-schema-v2.json')),
    };
  }
  return validators;
}

/** Amazon's listings issues carry attributeNames[]; the report has a single attributeName. */
const toFeedIssue = (m: FeedMessage, i: ListingIssue): FeedIssue => ({
  messageId: m.messageId,
  sku: m.sku,
  code: i.code,
  severity: i.severity,
  message: i.message,
  ...(i.attributeNames?.[0] ? { attributeName: i.attributeNames[0] } : {}),
});

function fatal(job: FeedJob, sellerId: string, issues: FeedIssue[]): FeedOutcome {
  const report = {
    header: { sellerId, version: '2.0', feedId: job.feedId },
    issues,
    summary: { errors: issues.length, warnings: 0, messagesProcessed: 0, messagesAccepted: 0, messagesInvalid: 0 },
  };
  return { status: 'FATAL', report, reportProblem: checkReport(report) };
}

function checkReport(report: unknown): string | null {
  const v = schemas().report;
  return v(report) ? null : JSON.stringify(v.errors?.slice(0, 3));
}

export function processListingsFeed(world: World, job: FeedJob, body: Buffer | null): FeedOutcome {
  if (job.fatal) return fatal(job, job.sellerId, [{ code: '50001', severity: 'ERROR', message: job.fatal }]);
  if (!body || body.length === 0)
    return fatal(job, job.sellerId, [{ code: '50002', severity: 'ERROR', message: 'The feed document was never uploaded (it is empty).' }]);
  let doc: FeedDocument;
  try {
    const text = (isGzip(body) ? gunzipSync(body) : body).toString('utf8');
    doc = JSON.parse(text) as FeedDocument;
  } catch (e) {
    return fatal(job, job.sellerId, [
      { code: '50003', severity: 'ERROR', message: `The feed document is not valid JSON: ${(e as Error).message}` },
    ]);
  }
  const validate = schemas().feed;
  if (!validate(doc)) {
    const issues = (validate.errors ?? []).slice(0, 20).map((e): FeedIssue => ({
      code: '50004',
      severity: 'ERROR',
      message: `The feed document does not match the JSON_LISTINGS_FEED schema: ${e.instancePath || '(document)'} ${e.message ?? 'is invalid'}.`,
    }));
    return fatal(job, job.sellerId, issues);
  }
  if (doc.header.sellerId !== job.sellerId) {
    return fatal(job, job.sellerId, [
      {
        code: '50005',
        severity: 'ERROR',
        message: `header.sellerId '${doc.header.sellerId}' is not the seller who submitted the feed.`,
      },
    ]);
  }

  const issues: FeedIssue[] = [];
  const seen = new Set<number>();
  let accepted = 0;
  const touched: string[] = [];
  for (const m of doc.messages) {
    const problems = seen.has(m.messageId)
      ? [
          {
            messageId: m.messageId,
            sku: m.sku,
            code: '50006',
            severity: 'ERROR' as const,
            message: `messageId ${m.messageId} is used more than once in this feed.`,
          },
        ]
      : applyMessage(world, job, m);
    seen.add(m.messageId);
    issues.push(...problems);
    if (problems.some((p) => p.severity === 'ERROR')) continue;
    accepted++;
    if (m.operationType !== 'DELETE') touched.push(m.sku);
  }

  const included = doc.header.report?.includedData;
  const items = included
    ? [...new Set(touched)].flatMap((sku) => {
        const rec = world.listings.get(job.sellerId, job.marketplaceId, sku);
        return rec ? [itemBody(world, [rec], included)] : [];
      })
    : undefined;
  const itemIssues = (items ?? []).flatMap((i) => (i.issues as { severity: string }[] | undefined) ?? []);
  const report = {
    header: {
      sellerId: job.sellerId,
      version: '2.0',
      feedId: job.feedId,
      ...(doc.header.report ? { report: doc.header.report } : {}),
    },
    issues,
    summary: {
      errors: issues.filter((i) => i.severity === 'ERROR').length,
      warnings: issues.filter((i) => i.severity === 'WARNING').length,
      messagesProcessed: doc.messages.length,
      messagesAccepted: accepted,
      messagesInvalid: doc.messages.length - accepted,
      ...(items
        ? {
            itemSummary: {
              items: items.length,
              errors: itemIssues.filter((i) => i.severity === 'ERROR').length,
              warnings: itemIssues.filter((i) => i.severity === 'WARNING').length,
            },
          }
        : {}),
    },
    ...(items ? { items } : {}),
  };
  return { status: 'DONE', report, reportProblem: checkReport(report) };
}

/** Applies one message; returns its issues (an ERROR means the message was not accepted). */
function applyMessage(world: World, job: FeedJob, m: FeedMessage): FeedIssue[] {
  const fault = job.messageFaults?.get(m.messageId);
  if (fault) return [{ messageId: m.messageId, sku: m.sku, code: fault.code, severity: 'ERROR', message: fault.message }];
  const store = world.listings;
  const { sellerId, marketplaceId } = job;
  if (m.operationType === 'DELETE') {
    store.submit(sellerId, marketplaceId, m.sku, null, job.atMs);
    return [];
  }
  let attributes: Attributes;
  if (m.operationType === 'UPDATE') attributes = structuredClone(m.attributes ?? {});
  else {
    const current = store.latestAttributes(sellerId, marketplaceId, m.sku);
    if (!current) {
      return [
        {
          messageId: m.messageId,
          sku: m.sku,
          code: '4000001',
          severity: 'ERROR',
          message: `SKU '${m.sku}' does not exist in marketplace ${marketplaceId}; send an UPDATE message to create it.`,
        },
      ];
    }
    attributes = current.attributes;
    if (m.operationType === 'PARTIAL_UPDATE') Object.assign(attributes, structuredClone(m.attributes ?? {}));
    else {
      const problem = applyPatch(attributes, m.patches ?? []);
      if (problem) return [{ messageId: m.messageId, sku: m.sku, code: '4000002', severity: 'ERROR', message: problem }];
    }
  }
  const productType = m.productType ?? '';
  const ev = store.evaluate(sellerId, marketplaceId, m.sku, productType, attributes);
  if (ev.blocking.length > 0) return ev.blocking.map((i) => toFeedIssue(m, i));
  store.submit(sellerId, marketplaceId, m.sku, { productType, attributes }, job.atMs);
  return [];
}
