/**
 * What happens to a store's Amazon authorization, told to whoever follows it (the ORDER_CHANGE subscription):
 * connected (a consent landed: connect, reconnect or renewal), disconnected, deleted, or lost (revoked, expired,
 * refused). Told after the change committed, in the background: a listener's failure is logged and never blocks
 * or fails the connect, the disconnect or the request that caused it. Ending events carry the seller as it was,
 * since the store no longer holds its token by then.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { SellerContext } from '../spapi/index';

export type StoreAuthorizationEvent =
  { type: 'connected'; storeId: number } | { type: 'disconnected' | 'deleted' | 'lost'; storeId: number; context: SellerContext | null };

export type StoreAuthorizationListener = (event: StoreAuthorizationEvent) => Promise<unknown>;

export class StoreAuthorizationEvents {
  private readonly listeners: StoreAuthorizationListener[] = [];

  constructor(private readonly log: FastifyBaseLogger) {}

  on(listener: StoreAuthorizationListener): void {
    this.listeners.push(listener);
  }

  emit(event: StoreAuthorizationEvent): void {
    for (const listener of this.listeners) {
      listener(event).catch((err: unknown) =>
        this.log.warn(
          { storeId: event.storeId, event: event.type, err: String((err as Error)?.message ?? err) },
          'store event listener failed',
        ),
      );
    }
  }
}
