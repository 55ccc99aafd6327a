/** Product Type Definitions 2020-09-01: the product-type table a case's answer shows. */
import { standardDefinition, type PropertyGroup } from '../../product-types';
import type { ApiPlans } from '../types';

interface DefinitionAnswer {
  productType: string;
  displayName: string;
  marketplaceIds: string[];
  propertyGroups: Record<string, PropertyGroup>;
  productTypeVersion: { version: string };
}

export const productTypesPlans: ApiPlans = {
  api: 'Product Type Definitions 2020-09-01',
  plans: {
    getDefinitionsProductType: (c) => {
      if (c.status !== 200) return { params: { marketplaceIds: ['ATVPDKIKX0DER'] } };
      const a = c.response as DefinitionAnswer;
      return {
        // The product type as the answer describes it (its groups, its version), in the table.
        seed: (w) => {
          const d = standardDefinition(a.productType, a.productTypeVersion.version);
          w.productTypes.set(a.productType, {
            ...d,
            displayName: a.displayName,
            marketplaceIds: a.marketplaceIds,
            propertyGroups: { ...d.propertyGroups, ...a.propertyGroups },
          });
        },
        params: { productType: a.productType, marketplaceIds: a.marketplaceIds },
        // Links are pre-signed URLs of the handler's own schema documents, and the checksums are theirs.
        generated: ['metaSchema.link.resource', 'metaSchema.checksum', 'schema.link.resource', 'schema.checksum'],
      };
    },
    searchDefinitionsProductTypes: (c) => {
      if (c.status !== 200)
        // Keywords with an item name: the two ways of searching that Amazon documents as exclusive.
        return { params: { marketplaceIds: ['ATVPDKIKX0DER'], itemName: 'Hardside Carry-On Spinner Suitcase' } };
      const a = c.response as {
        productTypes: { name: string; displayName: string; marketplaceIds: string[] }[];
        productTypeVersion: string;
      };
      return {
        // A request without keywords lists every product type: the case's marketplace knows just these.
        seed: (w) => {
          w.productTypes.clear();
          for (const t of a.productTypes)
            w.productTypes.set(t.name, {
              ...standardDefinition(t.name, a.productTypeVersion),
              displayName: t.displayName,
              marketplaceIds: t.marketplaceIds,
            });
          w.productTypesVersion = a.productTypeVersion;
        },
        params: { marketplaceIds: a.productTypes[0]?.marketplaceIds ?? ['ATVPDKIKX0DER'] },
      };
    },
  },
};
