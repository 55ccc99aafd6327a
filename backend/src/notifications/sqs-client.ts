/**
 * The AWS SDK's SQS client as the channel configures it. Live mode: AWS's endpoint for AWS_REGION, the given keys or
 * the SDK's own credential chain. Simulator mode: the same endpoint host, reached through the SP-API transport's
 * loopback agent (it dials the local Amazon and keeps the host name, whose certificate the local Amazon carries), with
 * dummy keys — so the client cannot tell the local SQS from AWS's, as the SP-API client cannot.
 */
import type https from 'node:https';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { AppConfig } from '../platform/config';

export function createSqsClient(config: AppConfig, agent: https.Agent | undefined): SQSClient {
  // The pinned SDK runs on Node 20 (the project's minimum); its warning is about releases after January 2027, which
  // package.json does not take, and would otherwise print at every start. An operator's own setting wins.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return new SQSClient({
    region: config.AWS_REGION,
    ...(config.AWS_ACCESS_KEY_ID
      ? { credentials: { accessKeyId: config.AWS_ACCESS_KEY_ID, secretAccessKey: config.AWS_SECRET_ACCESS_KEY } }
      : {}),
    ...(agent ? { requestHandler: { httpsAgent: agent } } : {}),
  });
}
