/**
 * Pure parts of the Resolve dialog's Amazon catalog search: the admin's input → the searchCatalogItems query
 * (or field problems), and an Amazon item → what the dialog shows. Keywords are split into words (Amazon takes
 * a comma-separated list, so a comma can never reach it inside a word).
 */
import type { CatalogIdentifierType } from '../../../../schema/catalog-search';
import type { FieldProblem } from '../../platform/errors';
import { imageFileOf, type CatalogItem } from '../../spapi/index';

export const SEARCH_PAGE_SIZE = 10;
/** Amazon takes at most 20 keywords. */
export const MAX_KEYWORDS = 20;
export const INCLUDED_DATA = ['summaries', 'images', 'identifiers', 'productTypes'];
/** Where the admin loads an Amazon image from (the image route). */
export const IMAGE_ROUTE = '/api/amazon-images';

export interface SearchInput {
  keywords?: string;
  identifier?: string;
  identifierType?: CatalogIdentifierType;
  pageToken?: string;
}

export type SearchQuery = { keywords: string[] } | { identifiers: string[]; identifiersType: CatalogIdentifierType };

export function searchQueryOf(input: SearchInput): { query: SearchQuery } | { problems: FieldProblem[] } {
  const words = (input.keywords ?? '').split(/[\s,]+/).filter(Boolean);
  const identifier = input.identifier?.trim() ?? '';
  if (words.length && identifier)
    return { problems: [{ field: 'querystring.keywords', message: 'search by keywords or by an identifier, not both' }] };
  if (identifier) {
    if (!input.identifierType) return { problems: [{ field: 'querystring.identifierType', message: 'is required with an identifier' }] };
    // ASINs are upper case on Amazon; barcodes are digits anyway.
    return { query: { identifiers: [identifier.toUpperCase()], identifiersType: input.identifierType } };
  }
  if (!words.length) return { problems: [{ field: 'querystring.keywords', message: 'give keywords or an identifier' }] };
  if (words.length > MAX_KEYWORDS)
    return { problems: [{ field: 'querystring.keywords', message: `at most ${MAX_KEYWORDS} words (Amazon's limit)` }] };
  return { query: { keywords: words } };
}

export interface SearchItem {
  asin: string;
  title: string | null;
  brand: string | null;
  productType: string | null;
  classification: string | null;
  imageUrl: string | null;
  identifiers: { type: string; value: string }[];
  variationParent: boolean;
}

type ImageSet = { images?: { variant?: string; link?: string }[] }[];

export function searchItemOf(item: CatalogItem): SearchItem {
  const s = item.summaries?.[0];
  const images = ((item.images as ImageSet | undefined) ?? []).flatMap((set) => set.images ?? []);
  const main = images.find((i) => i.variant === 'MAIN') ?? images[0];
  const file = main?.link ? imageFileOf(main.link) : null;
  const browse = s?.browseClassification as { displayName?: string } | undefined;
  return {
    asin: item.asin,
    title: (s?.itemName as string | undefined) ?? null,
    brand: (s?.brand as string | undefined) ?? null,
    productType: item.productTypes?.[0]?.productType ?? null,
    classification: browse?.displayName ?? null,
    imageUrl: file ? `${IMAGE_ROUTE}/${file}` : null,
    identifiers: (item.identifiers ?? []).flatMap((m) => m.identifiers.map((i) => ({ type: i.identifierType, value: i.identifier }))),
    variationParent: s?.itemClassification === 'VARIATION_PARENT',
  };
}
