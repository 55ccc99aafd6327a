/**
 * Shared pieces of Amazon's asynchronous "job" APIs (Feeds, Reports): the IN_QUEUE → IN_PROGRESS →
 * DONE timeline measured on the simulator clock, Amazon-looking identifiers, and the opaque page
 * tokens of getFeeds/getReports (which Amazon accepts only as the sole parameter).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Region } from './scenario';
import { invalidInput } from './apis/types';

export type ProcessingStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'FATAL' | 'CANCELLED';

/**
 * A job waits in the queue for the first half of its processing time and is in progress for the second
 * half, so a client polling on the clock sees every state Amazon shows.
 */
export function timeline(createdAtMs: number, processingSeconds: number) {
  const totalMs = Math.max(0, processingSeconds) * 1000;
  return { startAtMs: createdAtMs + Math.floor(totalMs / 2), endAtMs: createdAtMs + totalMs };
}

/** Feed and report ids are numeric strings on Amazon (e.g. "50012019876"); unique per process. */
let nextNumericId = 50_000_000_000 + Math.floor(Math.random() * 1e9);
export const numericId = (): string => String(nextNumericId++);

/** Feeds and reports restored from a state file keep their ids: new ones must not repeat them. */
export function numericIdsAbove(ids: Iterable<string>): void {
  for (const id of ids) if (/^\d+$/.test(id) && Number(id) >= nextNumericId) nextNumericId = Number(id) + 1;
}

const suffix = () =>
  `T${randomBytes(9)
    .toString('base64url')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, 'X')}`;
export const feedDocumentId = (region: Region) => `amzn1.tortuga.4.${region}.${randomUUID()}.${suffix()}`;
export const reportDocumentId = (region: Region) => `amzn1.spdoc.1.4.${region}.${randomUUID()}.${suffix()}.${Date.now() % 1000}`;

/** Page tokens carry the original filters and the offset; they are opaque to clients. */
export function encodePageToken(filters: Record<string, unknown>, offset: number): string {
  return Buffer.from(JSON.stringify({ f: filters, o: offset })).toString('base64url');
}

export function decodePageToken(token: string): { filters: Record<string, unknown>; offset: number } {
  try {
    const raw = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { f?: Record<string, unknown>; o?: number };
    if (typeof raw.f === 'object' && raw.f !== null && Number.isInteger(raw.o) && (raw.o ?? -1) >= 0)
      return { filters: raw.f, offset: raw.o ?? 0 };
  } catch {
    // fall through: a malformed token is the client's error
  }
  throw invalidInput('Invalid nextToken.', token);
}

/** Parses an ISO 8601 query value; Amazon answers 400 for anything else. */
export function parseIsoParam(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(String(value));
  if (Number.isNaN(ms)) throw invalidInput(`Invalid '${name}': expected an ISO 8601 date-time.`, String(value));
  return ms;
}
