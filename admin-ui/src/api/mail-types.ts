/**
 * Outgoing e-mail (System > Outgoing E-mail), derived from `schema/mail.ts`. `FromSchema` drops the `null` of an
 * object that may be null, so the overview's `smtp` is put back as nullable here.
 */
import type { MAIL_STATUSES, mailMessageSchema, mailMessageSummarySchema, mailOverviewSchema } from '../../../schema/mail';
import type { FromSchema } from './from-schema';

export type MailStatus = (typeof MAIL_STATUSES)[number];
export type MailMessageSummary = FromSchema<typeof mailMessageSummarySchema>;
export type MailMessage = FromSchema<typeof mailMessageSchema>;
type Overview = FromSchema<typeof mailOverviewSchema>;
export type MailOverview = Omit<Overview, 'smtp'> & { smtp: Overview['smtp'] | null };
