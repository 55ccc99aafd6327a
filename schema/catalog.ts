/** Catalog schemas (products, websites, attributes, sources, stocks). Filled by the catalog module. */
export const catalogSchemas = [] as const;
