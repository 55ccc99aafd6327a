/**
 * Pure rules of delivery: where a message stands, how long to wait after a failure, when to give up, and the
 * words an admin reads for an error. No I/O; unit-tested in delivery-policy.test.ts.
 */
import type { MAIL_STATUSES } from '../../../schema/mail';

export type MailStatus = (typeof MAIL_STATUSES)[number];

/** Waits after the 1st, 2nd… failed attempt; the attempt after the last wait is the last one (6 in ~5 h 20 min). */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 4 * 60 * 60_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/**
 * Longest one hand-over may take (the SMTP send is aborted then). A claim older than CLAIM_STALE_MS therefore
 * belongs to a process that died mid-send, never to one still sending.
 */
export const SEND_LIMIT_MS = 2 * 60_000;
export const CLAIM_STALE_MS = 10 * 60_000;

export interface DeliveryState {
  sentAt: string | null;
  failedAt: string | null;
  sendingSince: string | null;
  attempts: number;
}

export function statusOf(m: DeliveryState): MailStatus {
  if (m.sentAt) return 'sent';
  if (m.failedAt) return 'failed';
  if (m.sendingSince) return 'sending';
  return m.attempts > 0 ? 'retrying' : 'queued';
}

/** What nodemailer's errors carry (SMTP reply code, its own code such as ECONNECTION, EAUTH, EENVELOPE). */
export interface SendError {
  message?: string;
  code?: string;
  responseCode?: number;
}

/**
 * A refusal that the same message will get again: the server rejected the recipient or the message itself
 * with a 5xx reply. Authentication and connection failures are not permanent: they end when the settings or
 * the server are fixed, so those messages keep their retries.
 */
export function isPermanent(error: SendError): boolean {
  const permanentReply = error.responseCode !== undefined && error.responseCode >= 500 && error.responseCode < 600;
  return permanentReply && (error.code === 'EENVELOPE' || error.code === 'EMESSAGE');
}

export type AfterFailure = { giveUp: true } | { giveUp: false; retryAt: Date };

/** After attempt number `attempts` failed: when to try again, or give up. */
export function afterFailure(attempts: number, error: SendError, now: Date): AfterFailure {
  if (isPermanent(error) || attempts >= MAX_ATTEMPTS) return { giveUp: true };
  const wait = RETRY_DELAYS_MS[Math.min(Math.max(attempts, 1), RETRY_DELAYS_MS.length) - 1]!;
  return { giveUp: false, retryAt: new Date(now.getTime() + wait) };
}

const LIMIT = 1000;

/** One line for `last_error`: the error's own words and its code (nodemailer's messages carry no password). */
export function describeSendError(error: SendError, attempts: number, outcome: AfterFailure): string {
  const code = error.code ? ` (${error.code})` : '';
  const what = `${(error.message ?? 'Unknown error').replace(/\s+/g, ' ').trim()}${code}`;
  const then = outcome.giveUp
    ? isPermanent(error)
      ? 'The server refused it for good; not tried again.'
      : `Given up after ${attempts} attempts.`
    : `Attempt ${attempts} of ${MAX_ATTEMPTS}; trying again later.`;
  return `${what.slice(0, LIMIT)} — ${then}`;
}

/** The reason shown on an SMTP message whose process died while handing it over (see sender.ts). */
export const INTERRUPTED_SMTP =
  'The service stopped while handing this message to the SMTP server, so it may or may not have arrived. ' +
  'It is not sent again by itself (that could deliver it twice): retry it if the recipient did not get it.';
