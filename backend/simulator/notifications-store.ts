/**
 * The Notifications API's state and delivery. Destinations belong to an application in one region (grantless
 * calls make them); subscriptions to a seller + application + notification type + payload version, pointing at a
 * destination. Publishing puts the notification, as JSON, on the destination's queue of the local SQS
 * (sqs/queues.ts) — at least once and unordered, as Amazon's SQS delivery is: the settings
 * `notificationDuplicates` and `notificationReorder` (shares 0..1) deliver some twice or ahead of the previous
 * one, and `notificationDelaySeconds` holds them back (simulator clock).
 */
import { randomUUID } from 'node:crypto';
import type { World } from './state';

export interface Destination {
  destinationId: string;
  applicationId: string;
  region: string;
  name: string;
  resource: { sqs: { arn: string } };
  createdAtMs: number;
}

export interface EventFilter {
  eventFilterType: string;
  marketplaceIds?: string[];
  orderChangeTypes?: string[];
  aggregationSettings?: { aggregationTimePeriod: string };
}

export interface Subscription {
  subscriptionId: string;
  applicationId: string;
  sellerId: string;
  region: string;
  notificationType: string;
  payloadVersion: string;
  destinationId: string;
  processingDirective?: { eventFilter?: EventFilter; filterExpression?: string };
  createdAtMs: number;
}

export interface NotificationStats {
  published: number;
  delivered: number;
  duplicated: number;
  reordered: number;
  /** The destination's queue no longer exists: Amazon drops such notifications. */
  undeliverable: number;
}

/** What a publisher knows about one event: who it concerns, and how it passes a subscription's event filter. */
export interface NotificationEvent {
  sellerId: string;
  region: string;
  notificationType: string;
  marketplaceId?: string;
  orderChangeType?: string;
  /** The notification for one subscription (envelope with its NotificationMetadata). */
  build(sub: Subscription, notificationId: string, publishMs: number): Record<string, unknown>;
}

export class NotificationsStore {
  readonly destinations = new Map<string, Destination>();
  readonly subscriptions = new Map<string, Subscription>();
  readonly stats: NotificationStats = { published: 0, delivered: 0, duplicated: 0, reordered: 0, undeliverable: 0 };
  /** Payloads that fail Amazon's schema, reported as response mismatches (set by the Sim; else kept here). */
  onProblem: (problem: string) => void = (p) => void this.problems.push(p);
  readonly problems: string[] = [];
  /** Decides duplicates and reordering; a test may pin it. */
  random: () => number = Math.random;

  constructor(private world: World) {}

  destinationsOf(applicationId: string, region: string): Destination[] {
    return [...this.destinations.values()].filter((d) => d.applicationId === applicationId && d.region === region);
  }

  addDestination(applicationId: string, region: string, name: string, arn: string): Destination {
    const d: Destination = {
      destinationId: randomUUID(),
      applicationId,
      region,
      name,
      resource: { sqs: { arn } },
      createdAtMs: this.world.clock.nowMs(),
    };
    this.destinations.set(d.destinationId, d);
    return d;
  }

  addSubscription(s: Omit<Subscription, 'subscriptionId' | 'createdAtMs'>): Subscription {
    const sub: Subscription = { ...s, subscriptionId: randomUUID(), createdAtMs: this.world.clock.nowMs() };
    this.subscriptions.set(sub.subscriptionId, sub);
    return sub;
  }

  /** Delivers `event` to every matching subscription's queue; returns how many messages were put there. */
  publish(event: NotificationEvent): number {
    const cfg = this.world.cfg;
    let sent = 0;
    for (const sub of this.subscriptions.values()) {
      if (sub.sellerId !== event.sellerId || sub.region !== event.region || sub.notificationType !== event.notificationType) continue;
      const f = sub.processingDirective?.eventFilter;
      if (f?.marketplaceIds?.length && event.marketplaceId && !f.marketplaceIds.includes(event.marketplaceId)) continue;
      if (f?.orderChangeTypes?.length && event.orderChangeType && !f.orderChangeTypes.includes(event.orderChangeType)) continue;
      this.stats.published++;
      const arn = this.destinations.get(sub.destinationId)?.resource.sqs.arn;
      const queue = arn ? this.world.sqs.byArn(arn) : undefined;
      if (!queue) {
        this.stats.undeliverable++;
        continue;
      }
      const body = JSON.stringify(event.build(sub, randomUUID(), this.world.clock.nowMs()));
      const copies = this.random() < cfg.notificationDuplicates ? 2 : 1;
      for (let i = 0; i < copies; i++) {
        const ahead = this.random() < cfg.notificationReorder;
        this.world.sqs.send(queue, body, { delaySeconds: cfg.notificationDelaySeconds, senderId: 'AIDAAMAZONSELLINGPARTNER', ahead });
        if (ahead) this.stats.reordered++;
        sent++;
      }
      this.stats.delivered++;
      if (copies > 1) this.stats.duplicated++;
    }
    return sent;
  }
}
