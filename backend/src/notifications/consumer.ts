/**
 * The SQS consumer: one long-polling loop per process (`WaitTimeSeconds` 20, up to 10 messages), each message taken in
 * turn. A notification is recorded ONCE by its NotificationId and claimed before its handler runs; the SQS message is
 * deleted only after the handler committed. So: a crash before the commit → the message comes back after its
 * visibility timeout and is handled then; a duplicate delivery of a handled notification → found handled, deleted,
 * the handler not called again; a handler that throws → the message is made visible again after a growing delay
 * (ChangeMessageVisibility) and retried. A slow handler keeps its message and claim alive (renewed at half the
 * visibility timeout). Unreadable bodies and types the channel does not handle are recorded, counted and deleted —
 * never a crash. Several processes may run a consumer on the same queue: the claim keeps a notification's handler
 * to one of them at a time.
 */
import { randomBytes } from 'node:crypto';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Knex } from 'knex';
import type { FastifyBaseLogger } from 'fastify';
import { readEnvelope, type OrderChange } from './envelope';
import { claimNotification, extendClaim, markFailed, markHandled, recordNotification } from './notifications.queries';

/** What a handler gets besides the notification: a way to mark it handled inside its own commit. */
export interface HandlingContext {
  /** Call inside the transaction that commits your work: the mark then commits (or rolls back) with it. */
  markHandled(trx: Knex): Promise<void>;
}

export type OrderChangeHandler = (change: OrderChange, ctx: HandlingContext) => Promise<void>;

export interface ConsumerOptions {
  queueUrl: string;
  /** Seconds a received message stays invisible to other receivers (renewed while its handler runs). */
  visibilitySeconds?: number;
  /** Long-poll wait (Amazon SQS allows 0–20). */
  waitSeconds?: number;
  /** First delay before a failed notification is tried again; doubles per attempt, at most 15 minutes. */
  retryBaseSeconds?: number;
}

export interface ConsumerCounters {
  received: number;
  handled: number;
  duplicates: number;
  malformed: number;
  ignored: number;
  failed: number;
}

export interface ConsumerState {
  running: boolean;
  lastPollAt: string | null;
  lastMessageAt: string | null;
  lastError: string | null;
  /** Since this process started. */
  counters: ConsumerCounters;
}

const MAX_RETRY_DELAY_S = 900;

export class SqsConsumer {
  private readonly owner = `${process.pid}-${randomBytes(4).toString('hex')}`;
  private loop: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private handler: OrderChangeHandler | null = null;
  private readonly state: ConsumerState = {
    running: false,
    lastPollAt: null,
    lastMessageAt: null,
    lastError: null,
    counters: { received: 0, handled: 0, duplicates: 0, malformed: 0, ignored: 0, failed: 0 },
  };
  private readonly visibility: number;
  private readonly wait: number;
  private readonly retryBase: number;

  constructor(
    private readonly sqs: SQSClient,
    private readonly db: Knex,
    private readonly log: FastifyBaseLogger,
    private readonly opts: ConsumerOptions,
  ) {
    this.visibility = opts.visibilitySeconds ?? 60;
    this.wait = opts.waitSeconds ?? 20;
    this.retryBase = opts.retryBaseSeconds ?? 10;
  }

  /** The importer registers here; one handler (its commit marks the notification handled). */
  onOrderChange(handler: OrderChangeHandler): void {
    if (this.handler) throw new Error('an ORDER_CHANGE handler is already registered');
    this.handler = handler;
  }

  status(): ConsumerState {
    return structuredClone(this.state);
  }

  start(): void {
    if (this.loop) return;
    this.abort = new AbortController();
    this.state.running = true;
    this.loop = this.run(this.abort.signal).finally(() => {
      this.state.running = false;
      this.loop = null;
    });
  }

  /** Ends the long poll at once and waits for the message in hand to finish (its handler is not cut short). */
  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      let messages: Message[];
      try {
        const res = await this.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: this.opts.queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: this.wait,
            VisibilityTimeout: this.visibility,
          }),
          { abortSignal: signal },
        );
        messages = res.Messages ?? [];
        this.state.lastPollAt = new Date().toISOString();
        this.state.lastError = null;
        failures = 0;
      } catch (err) {
        if (signal.aborted) return;
        failures++;
        this.state.lastError = `receiving from ${this.opts.queueUrl}: ${(err as Error).message}`;
        this.log.warn({ err, queueUrl: this.opts.queueUrl }, 'could not receive Amazon notifications from SQS');
        await sleep(Math.min(1000 * 2 ** (failures - 1), 60_000), signal);
        continue;
      }
      // One at a time: two notifications of one order in a batch must not race each other.
      for (const m of messages) {
        try {
          await this.process(m);
        } catch (err) {
          // The database or SQS failed around the handler: the message returns after its visibility timeout.
          this.state.lastError = (err as Error).message;
          this.log.error({ err, messageId: m.MessageId }, 'an Amazon notification could not be processed; it will be delivered again');
        }
      }
    }
  }

  /** One message, start to end (exported for tests through processMessage). */
  async process(m: Message): Promise<void> {
    const now = new Date();
    this.state.counters.received++;
    this.state.lastMessageAt = now.toISOString();
    const envelope = readEnvelope(m.Body);
    if (envelope.kind === 'unreadable') {
      this.state.counters.malformed++;
      this.log.warn({ messageId: m.MessageId, reason: envelope.reason }, 'an unreadable Amazon notification was dropped');
      const id = envelope.notificationId ?? `sqs:${m.MessageId ?? randomBytes(8).toString('hex')}`;
      await recordNotification(this.db, { notificationId: id, type: envelope.type ?? 'UNREADABLE', sellerId: null }, now, {
        error: `unreadable: ${envelope.reason}`,
      });
      return this.delete(m);
    }
    if (envelope.kind === 'other' || !this.handler) {
      this.state.counters.ignored++;
      const why = envelope.kind === 'other' ? `not a notification type the channel handles` : 'no ORDER_CHANGE handler registered';
      await recordNotification(
        this.db,
        {
          notificationId: envelope.notificationId,
          type: envelope.type,
          sellerId: envelope.kind === 'other' ? envelope.sellerId : envelope.change.sellerId,
        },
        now,
        { error: `${why}: left to polling` },
      );
      return this.delete(m);
    }
    const { change } = envelope;
    await recordNotification(this.db, { ...change, type: 'ORDER_CHANGE' }, now);
    const claim = await claimNotification(this.db, change.notificationId, this.owner, now, this.until());
    if (claim === 'handled') {
      this.state.counters.duplicates++;
      return this.delete(m);
    }
    // Another process is handling it: this copy comes back after its visibility timeout and finds it handled.
    if (claim === 'busy') return;
    await this.handle(m, change, this.handler);
  }

  private async handle(m: Message, change: OrderChange, handler: OrderChangeHandler): Promise<void> {
    const heartbeat = setInterval(() => void this.keepAlive(m, change.notificationId), (this.visibility * 1000) / 2);
    heartbeat.unref();
    try {
      let marked = false;
      await handler(change, {
        markHandled: async (trx) => {
          await markHandled(trx, change.notificationId, new Date());
          marked = true;
        },
      });
      if (!marked) await markHandled(this.db, change.notificationId, new Date());
      this.state.counters.handled++;
    } catch (err) {
      this.state.counters.failed++;
      const attempts = await markFailed(this.db, change.notificationId, (err as Error).message ?? String(err));
      const delay = Math.min(this.retryBase * 2 ** (attempts - 1), MAX_RETRY_DELAY_S);
      this.log.warn(
        { err, notificationId: change.notificationId, amazonOrderId: change.amazonOrderId, attempts, retryInSeconds: delay },
        'the ORDER_CHANGE handler failed; the notification will be delivered again',
      );
      await this.sqs
        .send(
          new ChangeMessageVisibilityCommand({ QueueUrl: this.opts.queueUrl, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: delay }),
        )
        .catch((e: unknown) =>
          this.log.warn({ err: e }, 'could not set the retry delay of a notification; it returns after its visibility timeout'),
        );
      return;
    } finally {
      clearInterval(heartbeat);
    }
    await this.delete(m);
  }

  private async keepAlive(m: Message, notificationId: string): Promise<void> {
    try {
      await this.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: this.opts.queueUrl,
          ReceiptHandle: m.ReceiptHandle,
          VisibilityTimeout: this.visibility,
        }),
      );
      await extendClaim(this.db, notificationId, this.owner, this.until());
    } catch (err) {
      this.log.warn({ err, notificationId }, 'could not extend the visibility of a notification being handled');
    }
  }

  private until(): Date {
    return new Date(Date.now() + this.visibility * 1000);
  }

  private async delete(m: Message): Promise<void> {
    await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.opts.queueUrl, ReceiptHandle: m.ReceiptHandle }));
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
