/**
 * Checks what an admin typed into Add Amazon Store / Store integration settings against the catalog
 * (through `app.catalog`) and the other stores, naming the field of each problem.
 */
import type { Knex } from 'knex';
import type { AttributeType } from '../../../schema/catalog';
import type { ProductIdType } from '../../../schema/stores';
import type { CatalogModule } from '../catalog/index';
import { AppError, type FieldProblem } from '../platform/errors';
import { MARKETPLACES, marketplaceByCountry, type Marketplace } from './marketplaces';
import { storeIdByName } from './stores.queries';

/** Identifiers must keep leading zeros and letters: a single-line text attribute. General search may also use long text. */
export const ID_TYPE_ATTRIBUTE_TYPES: Record<ProductIdType, readonly AttributeType[]> = {
  asin: ['text'],
  ean: ['text'],
  upc: ['text'],
  isbn: ['text'],
  gcid: ['text'],
  general_search: ['text', 'textarea'],
};

export interface StoreInput {
  name?: string;
  email?: string;
  websiteCode?: string;
  country?: string;
  productIdType?: ProductIdType;
  productIdAttribute?: string;
}

export interface CheckedInput {
  websiteId?: number;
  marketplace?: Marketplace;
}

async function attributeType(catalog: CatalogModule, code: string): Promise<AttributeType | null> {
  try {
    return (await catalog.structure.attribute(code)).type;
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}

/**
 * Problems with the given fields (missing fields are not checked: the schema requires them on create).
 * `current` is the stored id type/attribute on edit, so changing only one of the pair is checked against the other.
 */
export async function checkStoreInput(
  db: Knex,
  catalog: CatalogModule,
  input: StoreInput,
  current: { id: number; productIdType: ProductIdType; productIdAttribute: string } | null,
): Promise<{ problems: FieldProblem[]; checked: CheckedInput }> {
  const problems: FieldProblem[] = [];
  const checked: CheckedInput = {};
  if (input.name !== undefined) {
    const name = input.name.trim();
    const holder = name ? await storeIdByName(db, name) : null;
    if (!name) problems.push({ field: 'body.name', message: 'must not be blank' });
    else if (holder !== null && holder !== current?.id)
      problems.push({ field: 'body.name', message: `a store named "${name}" already exists` });
  }
  if (input.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email)) {
    problems.push({ field: 'body.email', message: 'must be a valid e-mail address' });
  }
  if (input.websiteCode !== undefined) {
    const website = (await catalog.structure.websites()).find((w) => w.code === input.websiteCode);
    if (website) checked.websiteId = website.id;
    else problems.push({ field: 'body.websiteCode', message: `no website with code "${input.websiteCode}"` });
  }
  if (input.country !== undefined) {
    const m = marketplaceByCountry(input.country);
    if (m) checked.marketplace = m;
    else
      problems.push({
        field: 'body.country',
        message: `no Amazon marketplace for "${input.country}"; one of ${MARKETPLACES.map((x) => x.country).join(', ')}`,
      });
  }
  if (input.productIdType !== undefined || input.productIdAttribute !== undefined) {
    const idType = input.productIdType ?? current?.productIdType;
    const code = input.productIdAttribute ?? current?.productIdAttribute;
    if (idType && code) {
      const type = await attributeType(catalog, code);
      const fits = ID_TYPE_ATTRIBUTE_TYPES[idType];
      if (type === null) problems.push({ field: 'body.productIdAttribute', message: `no catalog attribute with code "${code}"` });
      else if (!fits.includes(type)) {
        problems.push({
          field: 'body.productIdAttribute',
          message: `"${code}" is a ${type} attribute; a ${idType.toUpperCase()} needs a ${fits.join(' or ')} attribute`,
        });
      }
    }
  }
  return { problems, checked };
}
