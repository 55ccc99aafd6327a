/** The real `@aws-sdk/client-sqs` client as the product configures it: Amazon's SQS host, dialled through the loopback agent. */
import type https from 'node:https';
import { SQSClient } from '@aws-sdk/client-sqs';

export const SQS_CREDENTIALS = { accessKeyId: 'AKIASIMULATOR0000001', secretAccessKey: 'sim-secret' };
export const DEFAULT_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/000000000001/sp-api-orders';

export const sqsClient = (sim: { agent: https.Agent }, region = 'us-east-1') =>
  new SQSClient({ region, credentials: SQS_CREDENTIALS, requestHandler: { httpsAgent: sim.agent } });
