/**
 * Notifications v1: the queue, destination and subscription a case implies, seeded for the scenario's application
 * (NA) and first seller. The cases' `TEST_CASE_200…` ids are placeholders no handler can know: they are replaced by
 * seeded ids and left out of the comparison, like the ids createDestination/createSubscription really generate.
 */
import { randomUUID } from 'node:crypto';
import type { Destination, Subscription } from '../../notifications-store';
import { parseQueueArn } from '../../sqs/queues';
import type { World } from '../../state';
import type { ApiPlans, CasePlan } from '../types';

const APP_ID = 'amzn1.sellerapps.app.5a1e5c4a-0000-4000-8000-000000000001';
const SELLER = 'A2SIMOUTDOOR01';
const CASE_ARN = 'arn:aws:sqs:us-east-2:444455556666:queue1';

interface DestinationAnswer {
  destinationId: string;
  name: string;
  resource: { sqs: { arn: string } };
}

/** The merchant's queue and the application's destination for it. */
function seedDestination(w: World, destinationId: string, name = 'SQSDestination', arn = CASE_ARN): void {
  const q = parseQueueArn(arn);
  if (q) w.sqs.create(q.region, q.accountId, q.name);
  const d: Destination = {
    destinationId,
    applicationId: APP_ID,
    region: 'na',
    name,
    resource: { sqs: { arn } },
    createdAtMs: w.clock.nowMs(),
  };
  w.notifications.destinations.set(destinationId, d);
}

function seedSubscription(
  w: World,
  s: { subscriptionId: string; destinationId: string; notificationType: string; payloadVersion?: string },
): void {
  seedDestination(w, s.destinationId);
  const sub: Subscription = {
    applicationId: APP_ID,
    sellerId: SELLER,
    region: 'na',
    payloadVersion: '1.0',
    createdAtMs: w.clock.nowMs(),
    ...s,
  };
  w.notifications.subscriptions.set(sub.subscriptionId, sub);
}

/** A case about one subscription found by its type (and id): seeded under real ids. */
function subscriptionCase(grantless: boolean, byId: boolean): CasePlan {
  const [subscriptionId, destinationId] = [randomUUID(), randomUUID()];
  return {
    ...(grantless ? { token: 'grantless' as const } : {}),
    seed: (w) => seedSubscription(w, { subscriptionId, destinationId, notificationType: 'ORDER_CHANGE' }),
    params: { notificationType: 'ORDER_CHANGE', ...(byId ? { subscriptionId } : {}) },
    generated: ['payload.subscriptionId', 'payload.destinationId'],
  };
}

export const notificationsPlans: ApiPlans = {
  api: 'Notifications v1',
  plans: {
    // The case shows real-looking ids: seeded as they are and compared.
    getSubscriptions: (c) => {
      const sub = (c.response as { payload: { subscriptions: { subscriptionId: string; destinationId: string }[] } }).payload
        .subscriptions[0];
      return {
        seed: (w) =>
          sub &&
          seedSubscription(w, {
            subscriptionId: sub.subscriptionId,
            destinationId: sub.destinationId,
            notificationType: 'ANY_OFFER_CHANGED',
          }),
      };
    },
    getSubscription: () => subscriptionCase(false, false),
    getSubscriptionById: () => subscriptionCase(true, true),
    deleteSubscriptionById: () => subscriptionCase(true, true),
    createSubscription: () => {
      const destinationId = randomUUID();
      return {
        seed: (w) => seedDestination(w, destinationId),
        params: { notificationType: 'ORDER_CHANGE', body: { payloadVersion: '1.0', destinationId } },
        generated: ['payload.subscriptionId', 'payload.destinationId'],
      };
    },
    createDestination: (c) => {
      const d = (c.response as { payload: DestinationAnswer }).payload;
      return {
        token: 'grantless',
        // The queue exists in the merchant's account; the destination is new.
        seed: (w) => {
          const q = parseQueueArn(d.resource.sqs.arn);
          if (q) w.sqs.create(q.region, q.accountId, q.name);
        },
        params: { body: { name: d.name, resourceSpecification: { sqs: { arn: d.resource.sqs.arn } } } },
        generated: ['payload.destinationId'],
      };
    },
    getDestinations: (c) => {
      const list = (c.response as { payload: DestinationAnswer[] }).payload;
      return {
        token: 'grantless',
        seed: (w) => list.forEach((d) => seedDestination(w, randomUUID(), d.name, d.resource.sqs.arn)),
        generated: ['payload.*.destinationId'],
      };
    },
    getDestination: () => {
      const destinationId = randomUUID();
      return {
        token: 'grantless',
        seed: (w) => seedDestination(w, destinationId),
        params: { destinationId },
        generated: ['payload.destinationId'],
      };
    },
    deleteDestination: () => {
      const destinationId = randomUUID();
      return { token: 'grantless', seed: (w) => seedDestination(w, destinationId), params: { destinationId } };
    },
  },
};
