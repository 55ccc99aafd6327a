/** Small seeding helpers shared by the planners: a seller made from what a case's answer shows. */
import type { ScenarioSeller } from '../scenario';
import type { SellerState, World } from '../state';

/** A seller with no users, listings or orders yet; `patch` fills what the case implies. */
export function addSeller(world: World, sellerId: string, patch: Partial<ScenarioSeller> = {}): SellerState {
  const scenario: ScenarioSeller = {
    sellerId,
    storeName: 'Conformance Store',
    primaryUser: { email: `${sellerId.toLowerCase()}@conformance.example`, password: 'x', otp: '000000' },
    users: [],
    participations: [],
    authorizations: [],
    listings: [],
    orders: [],
    fbaInventory: [],
    ...patch,
  };
  const seller: SellerState = { scenario, sellerId, orders: new Map(), fbaInventory: [], revokedAtMs: new Map() };
  world.sellers.set(sellerId, seller);
  return seller;
}

/** The seller id planners seed for a case (the runner sends this seller's token when the plan names it). */
export const CASE_SELLER = 'ACONFORMANCE01';
