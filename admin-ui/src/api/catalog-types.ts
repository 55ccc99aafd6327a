/** Catalog API types, derived from the catalog schemas in `schema/catalog.ts`. */
import type {
  attributeSchema,
  categorySchema,
  productDetailSchema,
  productPatchBodySchema,
  productSchema,
  sourceItemBodySchema,
  websiteSchema,
} from '../../../schema/catalog';
import type { FromSchema } from './from-schema';

export type { ProductType, ProductStatus, Visibility, ProductSort as ProductSortKey } from '../../../schema/catalog';

export type ProductRow = FromSchema<typeof productSchema>;
export type ProductDetail = FromSchema<typeof productDetailSchema>;
export type ProductAttribute = ProductDetail['attributes'][number];
export type SourceItem = ProductDetail['sourceItems'][number];
export type StockSalable = ProductDetail['salable'][number];
export type ProductChild = ProductDetail['children'][number];
export type Website = FromSchema<typeof websiteSchema>;
export type CatalogAttribute = FromSchema<typeof attributeSchema>;
export type ProductPatch = FromSchema<typeof productPatchBodySchema>;
export type SourceItemBody = FromSchema<typeof sourceItemBodySchema>;
type CategoryFields = Omit<FromSchema<typeof categorySchema>, 'children'>;
/** A category of `GET /api/catalog/categories?format=tree` (`FromSchema` does not follow the children's `$ref`). */
export type CategoryNode = CategoryFields & { children?: CategoryNode[] };
