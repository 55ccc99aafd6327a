/**
 * The admin's side of the consent tab's return (backend/src/amazon-auth/consent-return.ts): listen on the
 * BroadcastChannel for `consent-done`, answer `consent-ack` (so the consent tab closes itself) and hand the store
 * over. Pure apart from the injected channel, so it is unit-tested without a browser.
 */
import { CONSENT_CHANNEL, CONSENT_DONE_OUTCOMES, type ConsentAckMessage, type ConsentDoneMessage } from '../../../schema/stores';

/** What we use of a BroadcastChannel. */
export interface Channel {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

/** The browser's channel, or null where there is none (the consent tab then returns to the admin by itself). */
export const browserChannel = (name: string): Channel | null =>
  typeof BroadcastChannel === 'function' ? (new BroadcastChannel(name) as unknown as Channel) : null;

/** A `consent-done` message as the consent tab sends it, or null for anything else on the channel. */
export function consentDoneOf(data: unknown): ConsentDoneMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.type !== 'consent-done' || typeof m.id !== 'string' || !m.id) return null;
  if (typeof m.storeId !== 'number' || !Number.isInteger(m.storeId) || m.storeId < 1) return null;
  if (!(CONSENT_DONE_OUTCOMES as readonly unknown[]).includes(m.outcome)) return null;
  return { type: 'consent-done', id: m.id, storeId: m.storeId, outcome: m.outcome as ConsentDoneMessage['outcome'] };
}

/** Listens until the returned function is called. */
export function listenForConsentReturns(open: (name: string) => Channel | null, onDone: (m: ConsentDoneMessage) => void): () => void {
  const channel = open(CONSENT_CHANNEL);
  if (!channel) return () => undefined;
  channel.onmessage = (event) => {
    const done = consentDoneOf(event.data);
    if (!done) return;
    const ack: ConsentAckMessage = { type: 'consent-ack', id: done.id };
    channel.postMessage(ack);
    onDone(done);
  };
  return () => channel.close();
}

/** `?consent=connected|renewed` on a store's page (the consent tab's way back when no admin tab answered). */
export function consentQueryOf(
  query: Record<string, unknown>,
  storeIdParam: unknown,
): { storeId: number; outcome: ConsentDoneMessage['outcome'] } | null {
  const outcome = query.consent;
  const storeId = Number(storeIdParam);
  if (!(CONSENT_DONE_OUTCOMES as readonly unknown[]).includes(outcome) || !Number.isInteger(storeId) || storeId < 1) return null;
  return { storeId, outcome: outcome as ConsentDoneMessage['outcome'] };
}
