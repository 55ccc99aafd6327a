/**
 * Orders v0 regulated orders (e.g. pet prescriptions): getOrderRegulatedInfo answers what the buyer entered and
 * the verification state; updateVerificationStatus approves or rejects it. Amazon checks the whole update and
 * answers every problem at once (several `errors`), in the order its published cases show: the status, the
 * rejection reason, the verification details allowed with that status, the details' own fields, and the
 * reviewer last. The handler therefore checks the body itself (`ownBodyRules` in ordersV0.ts).
 */
import { findOrder } from './ordersV0-render';
import { invalidInput, isoDate, type ApiContext, type ApiHandler } from './types';

export const getOrderRegulatedInfo: ApiHandler = (ctx) => {
  const { order: o } = findOrder(ctx);
  const r = o.regulatedInfo;
  if (!r) throw invalidInput(`Order ${o.amazonOrderId} has no regulated items.`, o.amazonOrderId);
  const reason = r.rejectionReasonId ? r.validRejectionReasons.find((x) => x.RejectionReasonId === r.rejectionReasonId) : undefined;
  return {
    status: 200,
    body: {
      payload: {
        AmazonOrderId: o.amazonOrderId,
        RequiresDosageLabel: r.requiresDosageLabel,
        RegulatedInformation: { Fields: r.fields },
        RegulatedOrderVerificationStatus: {
          Status: r.status,
          RequiresMerchantAction: r.requiresMerchantAction,
          ValidRejectionReasons: r.validRejectionReasons,
          ...(reason ? { RejectionReason: reason } : {}),
          ...(r.reviewDate ? { ReviewDate: r.reviewDate } : {}),
          ...(r.externalReviewerId ? { ExternalReviewerId: r.externalReviewerId } : {}),
          ...(r.validVerificationDetails ? { ValidVerificationDetails: r.validVerificationDetails } : {}),
          ...(r.validInterimStatusCodes ? { ValidInterimStatusCodes: r.validInterimStatusCodes } : {}),
        },
      },
    },
  };
};

interface UpdateBody {
  regulatedOrderVerificationStatus?: {
    status?: unknown;
    externalReviewerId?: unknown;
    rejectionReasonId?: unknown;
    verificationDetails?: Record<string, unknown>;
  };
}

/** The statuses each kind of verification detail may come with, when the order does not list its own. */
const DETAIL_STATUSES: Record<string, string[]> = {
  prescriptionDetail: ['Approved'],
  approvedAlternativeDetails: ['Rejected'],
  interimStatusDetail: ['Pending'],
};
const REQUIRED_FIELDS: Record<string, string[]> = {
  prescriptionDetail: [
    'prescriptionId',
    'expirationDate',
    'writtenQuantity',
    'totalRefillsAuthorized',
    'refillsRemaining',
    'clinicId',
    'usageInstructions',
  ],
  interimStatusDetail: ['statusCode', 'statusDateTime'],
};

const errors = (messages: string[]) => ({
  status: 400,
  body: { errors: messages.map((message) => ({ code: 'InvalidInput', message, details: '' })) },
});

export const updateVerificationStatus: ApiHandler = (ctx: ApiContext) => {
  const { order: o } = findOrder(ctx);
  const u = (ctx.body as UpdateBody).regulatedOrderVerificationStatus;
  if (!u || typeof u !== 'object') return errors(['Missing request parameter: regulatedOrderVerificationStatus.']);
  const r = o.regulatedInfo;
  if (!r) return errors([`Order ${o.amazonOrderId} has no regulated items.`]);
  const problems: string[] = [];
  const status = u.status;
  // The update approves or rejects; Pending, Expired and Cancelled are Amazon's to set.
  if (status !== undefined && status !== 'Approved' && status !== 'Rejected')
    problems.push('Invalid request parameter `status`. Must be one of [Approved, Rejected].');
  if (status === 'Rejected' && u.rejectionReasonId === undefined) problems.push('Missing request parameter: rejectionReasonId.');
  if (u.rejectionReasonId !== undefined && !r.validRejectionReasons.some((x) => x.RejectionReasonId === u.rejectionReasonId))
    problems.push(`Invalid request parameter \`rejectionReasonId\`: ${String(u.rejectionReasonId)} is not a valid rejection reason.`);
  for (const [type, value] of Object.entries(u.verificationDetails ?? {})) {
    const allowed =
      r.validVerificationDetails?.find((d) => d.VerificationDetailType === type)?.ValidVerificationStatuses ?? DETAIL_STATUSES[type];
    if (!allowed) problems.push(`Verification Detail \`${type}\` is not supported.`);
    else if (typeof status === 'string' && !allowed.includes(status))
      problems.push(`Verification Detail \`${type}\` is not supported when order is in ${status} status.`);
    const missing = (REQUIRED_FIELDS[type] ?? []).filter((k) => (value as Record<string, unknown> | null)?.[k] === undefined);
    if (missing.length) problems.push(`Missing required parameter(s) from ${type} value: ${missing.join(', ')}`);
    const code = type === 'interimStatusDetail' ? (value as { statusCode?: unknown }).statusCode : undefined;
    if (code !== undefined && r.validInterimStatusCodes && !r.validInterimStatusCodes.some((c) => c.StatusCode === code))
      problems.push(`Invalid interimStatusDetail statusCode ${String(code)}.`);
  }
  if (typeof u.externalReviewerId !== 'string' || u.externalReviewerId === '')
    problems.push('Missing request parameter: externalReviewerId.');
  if (!problems.length && !ctx.op.validateBody?.(ctx.body))
    problems.push(`The request body is invalid: ${ctx.sim.models.formatErrors(ctx.op.validateBody?.errors).replace(/^data/, 'body')}`);
  if (problems.length) return errors(problems);
  if (status !== undefined && r.status !== 'Pending')
    return errors([`The verification of order ${o.amazonOrderId} is ${r.status}; it can no longer be changed.`]);

  r.externalReviewerId = String(u.externalReviewerId);
  if (status === 'Approved' || status === 'Rejected') {
    r.status = status;
    r.requiresMerchantAction = false;
    r.reviewDate = isoDate(ctx.sim.clock.nowMs());
    if (status === 'Rejected') {
      r.rejectionReasonId = String(u.rejectionReasonId);
      // The rejection reasons read "Canceled order due to …": a rejected regulated order is canceled.
      o.orderStatus = 'Canceled';
    }
    o.lastUpdateDateMs = Math.floor(ctx.sim.clock.nowMs() / 1000) * 1000;
  }
  return { status: 204 };
};
