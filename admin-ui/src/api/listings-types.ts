/**
 * Listings: types derived from `schema/listings.ts`. `FromSchema` does not follow `$ref`, so the parts that
 * reference other schemas (a detail's listing and children, a page's items) are put back by hand here.
 */
import type {
  listingCountsSchema,
  listingDetailSchema,
  listingMassActionResultSchema,
  listingOverridesBodySchema,
  listingPageSchema,
  listingSchema,
  listingRuleRunSchema,
  listingRuleSchema,
  ruleApplyResultSchema,
  rulePreviewSchema,
  thirdPartyImportSchema,
  thirdPartyListingSchema,
  thirdPartyPageSchema,
  RuleNode,
} from '../../../schema/listings';
import type { FromSchema } from './from-schema';

export type {
  CombineNode,
  ConditionNode,
  ListingSettings,
  ListingStatus,
  ListingTab,
  RuleField,
  RuleNode,
  RuleOperator,
  ThirdPartyState,
} from '../../../schema/listings';

export type Listing = FromSchema<typeof listingSchema>;
export type ListingDetail = Omit<FromSchema<typeof listingDetailSchema>, 'listing' | 'children'> & {
  listing: Listing;
  children: Listing[];
};
export type ListingIssue = ListingDetail['issues'][number];
export type ListingActivity = ListingDetail['activity'][number];
export type ListingPage = Omit<FromSchema<typeof listingPageSchema>, 'items'> & { items: Listing[] };
export type ListingCounts = FromSchema<typeof listingCountsSchema>;
export type OverridesBody = FromSchema<typeof listingOverridesBodySchema>;
export type MassActionResult = FromSchema<typeof listingMassActionResultSchema>;
export type ListingRule = Omit<FromSchema<typeof listingRuleSchema>, 'conditions'> & { conditions: RuleNode };
export type RulePreview = FromSchema<typeof rulePreviewSchema>;
export type PreviewList = RulePreview['list'];
export type RuleApplyResult = Omit<FromSchema<typeof ruleApplyResultSchema>, 'rule'> & { rule: ListingRule };
/** A rule run: the background apply of a saved rule, with its progress (`done` of `total` products). */
export type RuleRun = FromSchema<typeof listingRuleRunSchema>;
export type ThirdPartyListing = FromSchema<typeof thirdPartyListingSchema>;
export type ThirdPartyPage = Omit<FromSchema<typeof thirdPartyPageSchema>, 'items'> & { items: ThirdPartyListing[] };
export type ThirdPartyImport = FromSchema<typeof thirdPartyImportSchema>;

// ---- variants of a parent listing, by hand (schema/listing-variants.ts) ----
import type { listingVariantSchema, listingVariantsResultSchema, listingVariantsSchema } from '../../../schema/listing-variants';

export type { VariantState } from '../../../schema/listing-variants';
export type ListingVariant = Omit<FromSchema<typeof listingVariantSchema>, 'attributes'> & { attributes: Record<string, string | null> };
export type ListingVariants = Omit<FromSchema<typeof listingVariantsSchema>, 'variants'> & { variants: ListingVariant[] };
export type ListingVariantsResult = Omit<FromSchema<typeof listingVariantsResultSchema>, 'variants'> & { variants: ListingVariants };

// ---- the Resolve dialog's search of Amazon's catalog (schema/catalog-search.ts) ----
import type { catalogSearchQuerySchema, catalogSearchResultSchema } from '../../../schema/catalog-search';

export type { CatalogIdentifierType } from '../../../schema/catalog-search';
export type CatalogSearchQuery = FromSchema<typeof catalogSearchQuerySchema>;
export type CatalogSearchResult = FromSchema<typeof catalogSearchResultSchema>;
export type CatalogSearchItem = CatalogSearchResult['items'][number];
