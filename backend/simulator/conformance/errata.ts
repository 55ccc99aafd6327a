/**
 * Upstream errata: fields of a case's answer that contradict the model itself, so that no honest handler can
 * answer them. Each entry leaves exactly one field of one case uncompared (the rest of the case still is), and
 * the runner names the erratum in its output. Only inconsistencies of the upstream case belong here — never a
 * field the handler merely does not imitate.
 */
export interface Erratum {
  /** The API as printed (plans/index.ts). */
  api: string;
  operationId: string;
  /** The case's index among the operation's static cases. */
  index: number;
  /** Dotted path of the answer field left uncompared (`*` for any array index). */
  field: string;
  /** Why the case is wrong, with the public reference. */
  reason: string;
}

const IN_PROGRESS_END =
  'processingEndTime on an IN_PROGRESS report; the model defines it as the time processing completed, and Amazon ' +
  'sends none while IN_PROGRESS (amzn/selling-partner-api-docs#983)';

export const ERRATA: readonly Erratum[] = [
  { api: 'Reports 2021-06-30', operationId: 'getReport', index: 0, field: 'processingEndTime', reason: IN_PROGRESS_END },
  { api: 'Reports 2021-06-30', operationId: 'getReports', index: 0, field: 'reports.*.processingEndTime', reason: IN_PROGRESS_END },
];

export const errataFor = (api: string, operationId: string, index: number): Erratum[] =>
  ERRATA.filter((e) => e.api === api && e.operationId === operationId && e.index === index);
