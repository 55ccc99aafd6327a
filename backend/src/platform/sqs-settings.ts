/**
 * The Amazon notifications settings (AMAZON_NOTIFICATIONS, AMAZON_SQS_QUEUE_URL/ARN, AWS_REGION, AWS credentials):
 * what they default to in simulator mode, and the checks a JSON schema cannot make — that the URL and the ARN name
 * the same queue, and that live mode with notifications on names one at all.
 */

/** The queue the local Amazon's scenario creates for seller 1's merchant (backend/simulator/README.md). */
export const SIMULATOR_SQS = {
  url: 'https://sqs.us-east-1.amazonaws.com/000000000001/sp-api-orders',
  arn: 'arn:aws:sqs:us-east-1:000000000001:sp-api-orders',
  // Dummies: the local SQS wants an Authorization header but checks no signature.
  accessKeyId: 'AKIASIMULATOR0000001',
  secretAccessKey: 'sim-secret',
} as const;

export const QUEUE_ARN_PATTERN = '^arn:aws:sqs:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,80}$';
export const QUEUE_URL_PATTERN = '^https://sqs\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/\\d{12}/[A-Za-z0-9_-]{1,80}$';

export interface SqsSettings {
  AMAZON_MODE: 'simulator' | 'live';
  AMAZON_NOTIFICATIONS: 'on' | 'off';
  AMAZON_SQS_QUEUE_URL: string;
  AMAZON_SQS_QUEUE_ARN: string;
  AWS_REGION: string;
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
}

/** region, account and name of a queue ARN (`arn:aws:sqs:us-east-1:123456789012:orders`). */
export function parseQueueArn(arn: string): { region: string; account: string; name: string } | null {
  const m = /^arn:aws:sqs:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,80})$/.exec(arn);
  return m ? { region: m[1]!, account: m[2]!, name: m[3]! } : null;
}

function parseQueueUrl(url: string): { region: string; account: string; name: string } | null {
  const m = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(\d{12})\/([A-Za-z0-9_-]{1,80})$/.exec(url);
  return m ? { region: m[1]!, account: m[2]!, name: m[3]! } : null;
}

/** Fills the derived defaults in place (the input passed the schema) and returns the problems found. */
export function settleSqsSettings(s: Partial<SqsSettings> & Pick<SqsSettings, 'AMAZON_MODE' | 'AMAZON_NOTIFICATIONS'>): string[] {
  const problems: string[] = [];
  const sim = s.AMAZON_MODE === 'simulator';
  if (sim) {
    s.AMAZON_SQS_QUEUE_URL ??= SIMULATOR_SQS.url;
    s.AMAZON_SQS_QUEUE_ARN ??= SIMULATOR_SQS.arn;
    s.AWS_ACCESS_KEY_ID ??= SIMULATOR_SQS.accessKeyId;
    s.AWS_SECRET_ACCESS_KEY ??= SIMULATOR_SQS.secretAccessKey;
  }
  s.AMAZON_SQS_QUEUE_URL ??= '';
  s.AMAZON_SQS_QUEUE_ARN ??= '';
  // Empty in live mode: the AWS SDK's own credential chain (environment, shared files, instance or task role).
  s.AWS_ACCESS_KEY_ID ??= '';
  s.AWS_SECRET_ACCESS_KEY ??= '';
  const arn = s.AMAZON_SQS_QUEUE_ARN ? parseQueueArn(s.AMAZON_SQS_QUEUE_ARN) : null;
  const url = s.AMAZON_SQS_QUEUE_URL ? parseQueueUrl(s.AMAZON_SQS_QUEUE_URL) : null;
  s.AWS_REGION ??= arn?.region ?? url?.region ?? 'us-east-1';
  if (s.AMAZON_NOTIFICATIONS === 'on' && (!s.AMAZON_SQS_QUEUE_URL || !s.AMAZON_SQS_QUEUE_ARN))
    problems.push(
      `AMAZON_SQS_QUEUE_URL and AMAZON_SQS_QUEUE_ARN: Amazon notifications are on, so both must name your SQS queue (or set AMAZON_NOTIFICATIONS=off)`,
    );
  if (arn && url && (arn.region !== url.region || arn.account !== url.account || arn.name !== url.name))
    problems.push(
      `AMAZON_SQS_QUEUE_URL and AMAZON_SQS_QUEUE_ARN name different queues (got ${s.AMAZON_SQS_QUEUE_URL} and ${s.AMAZON_SQS_QUEUE_ARN})`,
    );
  if (Boolean(s.AWS_ACCESS_KEY_ID) !== Boolean(s.AWS_SECRET_ACCESS_KEY))
    problems.push('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: set both, or neither (the AWS SDK then finds credentials itself)');
  return problems;
}
