/**
 * The two ways a message leaves, both through nodemailer so the message is composed the same way:
 * - folder (development, SMTP_URL empty): the stream transport composes the RFC 5322 message and it is written
 *   to MAIL_DIR as `<message-id>.eml` (written aside, then renamed: a file that exists is complete);
 * - smtp: nodemailer's SMTP transport to SMTP_URL (smtps:// = TLS, smtp:// = STARTTLS when offered).
 */
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { emlFileName } from './message';
import { SEND_LIMIT_MS } from './delivery-policy';

export interface Outgoing {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

export interface Delivery {
  readonly kind: 'folder' | 'smtp';
  /** Hands one message over; resolves once it is written, or accepted by the SMTP server. Throws nodemailer's errors. */
  send(message: Outgoing): Promise<void>;
  /**
   * Whether a message handed over by a process that died mid-send arrived: folder = its complete file exists;
   * smtp = null, nobody can tell (the server may have accepted it just before the process died).
   */
  arrived(messageId: string): boolean | null;
  /** Folder mode: the .eml file of a message (it may not exist yet); null in SMTP mode. */
  fileOf(messageId: string | null): string | null;
  close(): void;
}

// Bounds each SMTP step, so a send ends (with an error) well within SEND_LIMIT_MS.
const SMTP_TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000, dnsTimeout: 20_000 };

function composed(message: Outgoing) {
  return {
    ...message,
    // An automatic message: RFC 3834 asks auto-responders not to answer it.
    headers: { 'Auto-Submitted': 'auto-generated' },
    // The content is ours, but never let a message read local files or fetch URLs while it is composed.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

export function folderDelivery(dir: string): Delivery {
  const folder = path.resolve(dir);
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const fileOf = (messageId: string | null) => {
    const name = emlFileName(messageId);
    return name ? path.join(folder, name) : null;
  };
  return {
    kind: 'folder',
    async send(message) {
      const file = fileOf(message.messageId);
      if (!file) throw new Error(`Not a Message-ID of this service: ${message.messageId}`);
      const info = await composer.sendMail(composed(message));
      // Messages hold store contacts and business details: only the service's user may read the folder.
      await fs.promises.mkdir(folder, { recursive: true, mode: 0o700 });
      const partial = `${file}.${process.pid}.partial`;
      await fs.promises.writeFile(partial, info.message as Buffer, { mode: 0o600 });
      await fs.promises.rename(partial, file);
    },
    arrived: (messageId) => {
      const file = fileOf(messageId);
      return file !== null && fs.existsSync(file);
    },
    fileOf,
    close: () => composer.close(),
  };
}

export function smtpDelivery(url: string): Delivery {
  const transport = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS });
  return {
    kind: 'smtp',
    async send(message) {
      // A send that hangs despite the timeouts is aborted, so its claim never outlives CLAIM_STALE_MS.
      await transport.sendMail({ ...composed(message), signal: AbortSignal.timeout(SEND_LIMIT_MS) });
    },
    arrived: () => null,
    fileOf: () => null,
    close: () => transport.close(),
  };
}
