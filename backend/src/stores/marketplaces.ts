/**
 * The Amazon marketplaces a store can sell in: reference data as code (it changes when Amazon opens a
 * marketplace, not at runtime). Ids, regions and hosts are Amazon's published values.
 */
import type { Region } from '../../../schema/stores';

export interface Marketplace {
  country: string;
  name: string;
  marketplaceId: string;
  region: Region;
  currency: string;
  sellerCentralHost: string;
  domain: string;
}

export const MARKETPLACES: readonly Marketplace[] = [
  {
    country: 'US',
    name: 'United States',
    marketplaceId: 'ATVPDKIKX0DER',
    region: 'na',
    currency: 'USD',
    sellerCentralHost: 'sellercentral.amazon.com',
    domain: 'www.amazon.com',
  },
  {
    country: 'CA',
    name: 'Canada',
    marketplaceId: 'A2EUQ1WTGCTBG2',
    region: 'na',
    currency: 'CAD',
    sellerCentralHost: 'sellercentral.amazon.ca',
    domain: 'www.amazon.ca',
  },
  {
    country: 'MX',
    name: 'Mexico',
    marketplaceId: 'A1AM78C64UM0Y8',
    region: 'na',
    currency: 'MXN',
    sellerCentralHost: 'sellercentral.amazon.com.mx',
    domain: 'www.amazon.com.mx',
  },
  {
    country: 'GB',
    name: 'United Kingdom',
    marketplaceId: 'A1F83G8C2ARO7P',
    region: 'eu',
    currency: 'GBP',
    sellerCentralHost: 'sellercentral.amazon.co.uk',
    domain: 'www.amazon.co.uk',
  },
  {
    country: 'DE',
    name: 'Germany',
    marketplaceId: 'A1PA6795UKMFR9',
    region: 'eu',
    currency: 'EUR',
    sellerCentralHost: 'sellercentral.amazon.de',
    domain: 'www.amazon.de',
  },
  {
    country: 'FR',
    name: 'France',
    marketplaceId: 'A13V1IB3VIYZZH',
    region: 'eu',
    currency: 'EUR',
    sellerCentralHost: 'sellercentral.amazon.fr',
    domain: 'www.amazon.fr',
  },
  {
    country: 'IT',
    name: 'Italy',
    marketplaceId: 'APJ6JRA9NG5V4',
    region: 'eu',
    currency: 'EUR',
    sellerCentralHost: 'sellercentral.amazon.it',
    domain: 'www.amazon.it',
  },
  {
    country: 'ES',
    name: 'Spain',
    marketplaceId: 'A1RKKUPIHCS9HS',
    region: 'eu',
    currency: 'EUR',
    sellerCentralHost: 'sellercentral.amazon.es',
    domain: 'www.amazon.es',
  },
  {
    country: 'JP',
    name: 'Japan',
    marketplaceId: 'A1VC38T7YXB528',
    region: 'fe',
    currency: 'JPY',
    sellerCentralHost: 'sellercentral.amazon.co.jp',
    domain: 'www.amazon.co.jp',
  },
  {
    country: 'AU',
    name: 'Australia',
    marketplaceId: 'A39IBJ37TRP1C6',
    region: 'fe',
    currency: 'AUD',
    sellerCentralHost: 'sellercentral.amazon.com.au',
    domain: 'www.amazon.com.au',
  },
];

/** "UK" is what people type; Amazon and flags say GB. */
const ALIASES: Record<string, string> = { UK: 'GB' };

export function marketplaceByCountry(country: string): Marketplace | null {
  const code = country.toUpperCase();
  return MARKETPLACES.find((m) => m.country === (ALIASES[code] ?? code)) ?? null;
}

export function marketplaceById(id: string): Marketplace | null {
  return MARKETPLACES.find((m) => m.marketplaceId === id) ?? null;
}

/** A marketplace id read back from our own rows: always known (written only through marketplaceByCountry). */
export function knownMarketplace(id: string): Marketplace {
  const m = marketplaceById(id);
  if (!m) throw new Error(`unknown marketplace id ${id} in the database`);
  return m;
}
