/**
 * The simulated shopper: buys BUYABLE offers, which creates an order (Pending, then Unshipped after
 * `orderPendingSeconds` on the simulator clock) and lowers the offer's stock at once (MFN: the listing's
 * fulfillment_availability quantity; AFN: the FBA fulfillable quantity), like Amazon reserving stock at
 * checkout. It never buys more than is offered; every attempt to do so is counted as an oversell, the
 * number a stock-sync test must keep at zero.
 *
 * The optional generator places orders at a steady rate on the simulator clock; orders that fall due
 * while nobody looked are created on the next settle() with their scheduled purchase times.
 */
import { randomInt } from 'node:crypto';
import type { OrderState, World } from './state';
import { offerOf, quantityOf, type ListingRecord } from './listings-store';
import { orderChanged } from './order-events';

export class ShopperError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly oversell = false,
  ) {
    super(message);
  }
}

export interface PurchaseRequest {
  sellerId: string;
  marketplaceId: string;
  sku: string;
  quantity: number;
}

export interface Generator {
  ratePerMinute: number;
  sellerId?: string;
  marketplaceId?: string;
  lastMs: number;
  /** Fractional orders carried to the next settle so low rates still produce orders. */
  carry: number;
}

/** Generated orders per settle are capped so a jump of months does not create millions of orders. */
export const MAX_GENERATED_PER_SETTLE = 500;

const BUYERS: Record<string, { name: string; line1: string; city: string; state?: string; postalCode: string }[]> = {
  US: [
    { name: 'Alex Rivera', line1: '410 Terry Ave N', city: 'Seattle', state: 'WA', postalCode: '98109' },
    { name: 'Sam Lee', line1: '77 Mass Ave', city: 'Cambridge', state: 'MA', postalCode: '02139' },
  ],
  DE: [{ name: 'Erika Mustermann', line1: 'Heidestraße 17', city: 'Köln', postalCode: '51147' }],
  GB: [{ name: 'Oliver Smith', line1: '1 Principal Place', city: 'London', postalCode: 'EC2A 2FA' }],
};

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
const ORDER_PREFIX = { na: '113', eu: '305', fe: '503' } as const;

export interface ShopperStats {
  orders: number;
  refused: number;
  oversells: number;
}

export class Shopper {
  generator: Generator | null = null;
  readonly stats: ShopperStats = { orders: 0, refused: 0, oversells: 0 };

  constructor(private world: World) {}

  /** Units a shopper can buy right now, or null when the offer is not BUYABLE. */
  available(rec: ListingRecord): number {
    const q = quantityOf(rec.attributes);
    if (q && q.channel === 'DEFAULT') return q.quantity;
    const fba = this.world.sellers.get(rec.sellerId)?.fbaInventory.find((i) => i.sku === rec.sku && i.marketplaceId === rec.marketplaceId);
    return fba?.fulfillable ?? 0;
  }

  buy(req: PurchaseRequest, atMs = this.world.clock.nowMs()): OrderState {
    const w = this.world;
    const seller = w.sellers.get(req.sellerId);
    const market = w.marketplaces.get(req.marketplaceId);
    if (!seller || !market) throw new ShopperError(404, 'unknown sellerId or marketplaceId');
    if (!Number.isInteger(req.quantity) || req.quantity < 1) throw new ShopperError(400, 'quantity must be a positive integer');
    const rec = w.listings.get(req.sellerId, req.marketplaceId, req.sku);
    if (!rec) throw new ShopperError(404, `no listing ${req.sku} in ${req.marketplaceId}`);
    const available = this.available(rec);
    if (req.quantity > available) {
      this.stats.refused++;
      this.stats.oversells++;
      throw new ShopperError(409, `only ${available} of ${req.sku} offered; refused to buy ${req.quantity}`, true);
    }
    const offer = offerOf(rec.attributes);
    if (!rec.status.includes('BUYABLE') || !offer) {
      this.stats.refused++;
      throw new ShopperError(409, `${req.sku} is not BUYABLE (status ${JSON.stringify(rec.status)})`);
    }
    const q = quantityOf(rec.attributes);
    const afn = !(q && q.channel === 'DEFAULT');
    if (afn) {
      const fba = seller.fbaInventory.find((i) => i.sku === rec.sku && i.marketplaceId === rec.marketplaceId);
      if (fba) {
        fba.fulfillable -= req.quantity;
        fba.updatedAtMs = atMs;
      }
      w.listings.reevaluate(rec);
    } else w.listings.setQuantity(rec, available - req.quantity);
    const who = BUYERS[market.countryCode] ?? BUYERS.US ?? [];
    const b = who[randomInt(who.length)] ?? { name: 'Buyer', line1: '1 Street', city: 'City', postalCode: '00000' };
    const amazonOrderId = `${ORDER_PREFIX[market.region]}-${digits(7)}-${digits(7)}`;
    const order: OrderState = {
      amazonOrderId,
      marketplaceId: market.id,
      orderStatus: 'Pending',
      fulfillmentChannel: afn ? 'AFN' : 'MFN',
      currencyCode: offer.currency,
      buyer: { name: b.name, email: `${digits(12)}@marketplace.amazon.example` },
      shippingAddress: {
        name: b.name,
        addressLine1: b.line1,
        city: b.city,
        postalCode: b.postalCode,
        countryCode: market.countryCode,
        ...(b.state ? { stateOrRegion: b.state } : {}),
      },
      items: [
        {
          orderItemId: digits(14),
          sku: rec.sku,
          asin: rec.asin ?? '',
          title: w.catalog.get(rec.asin ?? '')?.title ?? rec.sku,
          quantity: req.quantity,
          itemPrice: (Number(offer.amount) * req.quantity).toFixed(2),
        },
      ],
      // Amazon keeps order times in whole seconds.
      purchaseDateMs: Math.floor(atMs / 1000) * 1000,
      lastUpdateDateMs: Math.floor(atMs / 1000) * 1000,
      pendingUntilMs: Math.floor(atMs / 1000) * 1000 + w.cfg.orderPendingSeconds * 1000,
      shipments: [],
    };
    seller.orders.set(amazonOrderId, order);
    this.stats.orders++;
    orderChanged(w, seller.sellerId, order, { type: 'OrderStatusChange', atMs, reason: 'NewOrder' });
    return order;
  }

  start(g: Omit<Generator, 'lastMs' | 'carry'>): Generator {
    if (!(g.ratePerMinute > 0)) throw new ShopperError(400, 'ratePerMinute must be a positive number');
    this.settle();
    this.generator = { ...g, lastMs: this.world.clock.nowMs(), carry: 0 };
    return this.generator;
  }

  stop(): void {
    this.settle();
    this.generator = null;
  }

  settle(): void {
    const now = this.world.clock.nowMs();
    this.generate(now);
    for (const seller of this.world.sellers.values()) {
      for (const o of seller.orders.values()) {
        if (o.orderStatus === 'Pending' && o.pendingUntilMs !== undefined && o.pendingUntilMs <= now) {
          o.orderStatus = 'Unshipped';
          o.lastUpdateDateMs = o.pendingUntilMs;
          orderChanged(this.world, seller.sellerId, o, { type: 'OrderStatusChange', atMs: o.pendingUntilMs, reason: 'PaymentAuthorized' });
        }
      }
    }
  }

  private generate(now: number): void {
    const g = this.generator;
    if (!g || now <= g.lastMs) return;
    const span = now - g.lastMs;
    const expected = (span / 60_000) * g.ratePerMinute + g.carry;
    const n = Math.floor(expected);
    g.carry = expected - n;
    for (let i = 1; i <= Math.min(n, MAX_GENERATED_PER_SETTLE); i++) {
      const at = g.lastMs + Math.round((i / n) * span);
      const offers = this.world.listings
        .list(g.sellerId)
        .filter((l) => (!g.marketplaceId || l.marketplaceId === g.marketplaceId) && l.status.includes('BUYABLE') && this.available(l) > 0);
      const pick = offers[randomInt(Math.max(1, offers.length))];
      if (pick) this.buy({ sellerId: pick.sellerId, marketplaceId: pick.marketplaceId, sku: pick.sku, quantity: 1 }, at);
    }
    g.lastMs = now;
  }
}
