/**
 * Outgoing e-mail (backend/src/mail): the outbox as administrators see it under System > Outgoing E-mail.
 * Draft-07 literals with `$id`, registered by platform/swagger.ts and shared with the admin (admin-ui/src/api/mail-types.ts).
 */

/**
 * Where a message stands: `queued` (not tried yet), `sending` (handed to the transport right now), `retrying`
 * (failed, tried again after a backoff), `sent`, `failed` (given up; an administrator may retry it).
 */
export const MAIL_STATUSES = ['queued', 'sending', 'retrying', 'sent', 'failed'] as const;
export const MAIL_TRANSPORTS = ['folder', 'smtp'] as const;

const count = { type: 'integer', minimum: 0 } as const;
const time = (description: string) => ({ type: ['string', 'null'], description }) as const;

const summaryProperties = {
  id: { type: 'integer' },
  to: { type: 'string' },
  subject: { type: 'string' },
  status: { type: 'string', enum: MAIL_STATUSES },
  transport: {
    type: ['string', 'null'],
    enum: [...MAIL_TRANSPORTS, null],
    description: 'Where it was (last) handed: folder (development) or smtp; null before the first attempt',
  },
  createdAt: { type: 'string', description: 'Queued at (ISO)' },
  sentAt: time('Written to the folder or accepted by the SMTP server (ISO)'),
  attempts: { type: 'integer', minimum: 0 },
  lastError: { type: ['string', 'null'], description: 'Why the last attempt failed, in words an admin can act on' },
  nextAttemptAt: time('When a failed message is tried again (ISO)'),
  failedAt: time('When sending was given up (ISO)'),
  notificationId: { type: ['integer', 'null'], description: 'The admin notification this e-mail belongs to' },
} as const;

const summaryRequired = [
  'id',
  'to',
  'subject',
  'status',
  'transport',
  'createdAt',
  'sentAt',
  'attempts',
  'lastError',
  'nextAttemptAt',
  'failedAt',
  'notificationId',
] as const;

export const mailMessageSummarySchema = {
  $id: 'MailMessageSummary',
  type: 'object',
  required: summaryRequired,
  properties: summaryProperties,
} as const;

export const mailMessageSchema = {
  $id: 'MailMessage',
  type: 'object',
  required: [...summaryRequired, 'from', 'messageId', 'text', 'html', 'file', 'source'],
  properties: {
    ...summaryProperties,
    from: { type: 'string' },
    messageId: { type: ['string', 'null'], description: 'Message-ID header, fixed at the first attempt and kept by retries' },
    text: { type: 'string', description: 'The plain-text body' },
    html: { type: 'string', description: 'The HTML body, rendered from the text exactly as it is sent' },
    file: { type: ['string', 'null'], description: 'Folder mode: the .eml file of the message' },
    source: { type: ['string', 'null'], description: 'Folder mode: the .eml as written (up to 256 KB)' },
  },
} as const;

export const mailOverviewSchema = {
  $id: 'MailOverview',
  type: 'object',
  required: ['transport', 'folder', 'smtp', 'from', 'maxAttempts', 'counts'],
  properties: {
    transport: { type: 'string', enum: MAIL_TRANSPORTS, description: 'folder when SMTP_URL is empty (development), else smtp' },
    folder: { type: ['string', 'null'], description: 'Folder mode: the absolute path .eml files are written to (MAIL_DIR)' },
    smtp: {
      type: ['object', 'null'],
      description: 'SMTP mode: the server (never the password)',
      required: ['host', 'port', 'secure', 'user'],
      properties: {
        host: { type: 'string' },
        port: { type: 'integer' },
        secure: { type: 'boolean', description: 'TLS from the first byte (smtps://); otherwise STARTTLS when offered' },
        user: { type: ['string', 'null'] },
      },
    },
    from: { type: 'string', description: 'MAIL_FROM' },
    maxAttempts: { type: 'integer', description: 'Attempts before a message is given up' },
    counts: {
      type: 'object',
      required: [...MAIL_STATUSES],
      properties: { queued: count, sending: count, retrying: count, sent: count, failed: count },
    },
  },
} as const;

export const mailListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: MAIL_STATUSES },
    page: { type: 'integer', minimum: 1, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  },
} as const;

export const mailSchemas = [mailMessageSummarySchema, mailMessageSchema, mailOverviewSchema];
