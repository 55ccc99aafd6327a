/** Pure: Amazon's listing issue codes and categories → advice an admin can act on. */

const BY_CODE: Record<string, string> = {
  '90220': 'A required value is missing. Check the condition setting and that the listing has an ASIN (resolve the match).',
  '8572': 'Amazon does not know this ASIN or identifier in this marketplace. Re-attempt the match or enter the right ASIN.',
  '8541': 'The identifier matches several Amazon products. Pick the right ASIN on the listing.',
  '5665':
    'Amazon requires approval to sell this brand or category. Apply in Seller Central (Inventory > Add a Product > "Apply to sell"), then publish again.',
  '18027': 'The offer has no price. Check the price source in the listing settings or set a price override.',
  '18028': 'The price is not valid for this marketplace. Check the currency rate in the listing settings or the price override.',
  '4000001': 'Amazon does not hold this SKU yet; the next sync sends the whole listing.',
};

const BY_CATEGORY: Record<string, string> = {
  MISSING_ATTRIBUTE: 'A value Amazon requires is missing: fill the catalog attribute named in the issue.',
  INVALID_ATTRIBUTE: 'A value was refused: correct the catalog attribute named in the issue.',
  QUALIFICATION_REQUIRED: 'Amazon requires approval to sell this item. Apply in Seller Central, then publish again.',
  INVALID_PRICE: 'The price was refused: check the price settings or the override.',
  MISSING_PRICE: 'The offer has no price: check the price source.',
  DUPLICATE: 'Several Amazon products match: pick the right ASIN.',
};

export function adviceFor(issue: { code: string; message: string; categories?: unknown; attributeNames?: string[] }): string {
  const byCode = BY_CODE[issue.code];
  if (byCode) return byCode;
  const cats = Array.isArray(issue.categories) ? (issue.categories as string[]) : [];
  for (const c of cats) if (BY_CATEGORY[c]) return BY_CATEGORY[c]!;
  if (issue.attributeNames?.length)
    return `Check the value Amazon names (${issue.attributeNames.join(', ')}) in the catalog, then publish again.`;
  return 'Read Amazon’s message; fix the product in the catalog or the listing’s overrides, then publish again.';
}
