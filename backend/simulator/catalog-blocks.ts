/**
 * The blocks of a Catalog Items 2022-04-01 item, per includedData, from a scenario catalog item: the item's
 * own blocks where it has them (Amazon's shapes, scenario.ts), else derived from its title, brand and
 * classification so every item answers something plausible.
 */
import { IMAGE_SIZE, imageLinkOf } from './images';
import type { CatalogClassification, CatalogImage, ScenarioCatalogItem } from './scenario';

export const catalogImages = (c: ScenarioCatalogItem): CatalogImage[] =>
  c.images ?? [{ variant: 'MAIN', link: imageLinkOf(c.asin), height: IMAGE_SIZE, width: IMAGE_SIZE }];

/** The item's browse nodes (each with its ancestors); a lone node from its classification when none are given. */
export const catalogClassifications = (c: ScenarioCatalogItem): CatalogClassification[] =>
  c.classifications ?? [{ displayName: c.classificationName, classificationId: c.classificationId }];

/** The root of a browse node's tree: what searchCatalogItems refines by. */
export function rootOf(node: CatalogClassification): CatalogClassification {
  let n = node;
  while (n.parent) n = n.parent;
  return { displayName: n.displayName, classificationId: n.classificationId };
}

/** A variation theme (`SIZE_NAME/COLOR_NAME`) and the attributes it varies by (`color`, `size`). */
export const variationThemeOf = (theme: string) => ({
  attributes: theme
    .split('/')
    .map((p) => p.toLowerCase().replace(/_name$/, ''))
    .sort(),
  theme,
});

export function catalogSummary(c: ScenarioCatalogItem, marketplaceId: string): Record<string, unknown> {
  const s = c.summary ?? {};
  return {
    marketplaceId,
    brand: c.brand,
    browseClassification: { displayName: c.classificationName, classificationId: c.classificationId },
    ...(c.color ? { color: c.color } : {}),
    itemClassification: c.variationTheme && !c.parentAsin ? 'VARIATION_PARENT' : 'BASE_PRODUCT',
    itemName: c.title,
    manufacturer: s.manufacturer ?? c.brand,
    ...(s.modelNumber ? { modelNumber: s.modelNumber } : {}),
    ...(s.packageQuantity !== undefined ? { packageQuantity: s.packageQuantity } : {}),
    ...(s.partNumber ? { partNumber: s.partNumber } : {}),
    ...(c.size ? { size: c.size } : {}),
    ...(s.style ? { style: s.style } : {}),
    websiteDisplayGroup: s.websiteDisplayGroup ?? `${c.productType.toLowerCase()}_display_on_website`,
    ...(s.websiteDisplayGroupName ? { websiteDisplayGroupName: s.websiteDisplayGroupName } : {}),
  };
}

export function catalogSalesRanks(c: ScenarioCatalogItem, marketplaceId: string): Record<string, unknown> {
  if (c.salesRanks) return { marketplaceId, ...c.salesRanks };
  const rank = 1000 + Number(c.asin.replace(/\D/g, ''));
  return { marketplaceId, classificationRanks: [{ classificationId: c.classificationId, title: c.classificationName, rank }] };
}

/**
 * A parent lists its children; a child its parent, with the theme it varies by when it carries one (Amazon
 * shows the parent's theme on the child).
 */
export function catalogRelationships(c: ScenarioCatalogItem, childAsins: string[]): Record<string, unknown>[] {
  if (c.variationTheme && !c.parentAsin) return [{ type: 'VARIATION', childAsins, variationTheme: variationThemeOf(c.variationTheme) }];
  if (c.parentAsin)
    return [
      {
        type: 'VARIATION',
        parentAsins: [c.parentAsin],
        ...(c.variationTheme ? { variationTheme: variationThemeOf(c.variationTheme) } : {}),
      },
    ];
  return [];
}
