/** Amazon Sales Channel > Attributes: Amazon attributes mapped to catalog attributes, per marketplace country. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError, invalidProblem, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type {
  AmazonAttribute,
  AttributeMapping,
  CatalogAttribute,
  CreateAttributeMappingBody,
  UpdateAttributeMappingBody,
} from '../api/types';
import { validate } from '../validation/validate';
import {
  PRODUCT_FIELD_SOURCES,
  createAttributeMappingBodySchema,
  isProductFieldSource,
  updateAttributeMappingBodySchema,
} from '../../../schema/attribute-mapping';
import type { SaveResult } from './product';
import { useSaving } from '../composables/useSaving';

/**
 * What a mapping can take its value from: the product's own name, SKU and price first, then the catalog
 * attributes (an attribute with a product field's code — Magento's system `name` — is that field, listed once).
 */
export function sourceOptions(
  attributes: readonly Pick<CatalogAttribute, 'code' | 'label'>[],
): { value: string; title: string; props: { subtitle?: string } }[] {
  return [
    ...PRODUCT_FIELD_SOURCES.map((f) => ({
      value: f.code as string,
      title: `${f.label} (${f.code})`,
      props: { subtitle: 'Product field' },
    })),
    ...attributes.filter((a) => !isProductFieldSource(a.code)).map((a) => ({ value: a.code, title: `${a.label} (${a.code})`, props: {} })),
  ];
}

/** A mapping's source as the grid shows it: "SKU (sku) — product field", "Color (color)". */
export function sourceLabel(code: string, attributes: readonly Pick<CatalogAttribute, 'code' | 'label'>[]): string {
  const field = PRODUCT_FIELD_SOURCES.find((f) => f.code === code);
  if (field) return `${field.label} (${code}) — product field`;
  const a = attributes.find((x) => x.code === code);
  return a ? `${a.label} (${code})` : code;
}

function invalid(fields: Record<string, string>): SaveResult {
  return { ok: false, problem: invalidProblem(fields) };
}

export const useAttributeMappingStore = defineStore('attributeMapping', () => {
  const country = ref('US');
  const mappings = ref<AttributeMapping[]>([]);
  const amazonAttributes = ref<AmazonAttribute[]>([]);
  const loading = ref(false);
  const problem = ref<Problem | null>(null);
  const { busy, run } = useSaving();

  async function load(forCountry: string = country.value): Promise<void> {
    country.value = forCountry;
    loading.value = true;
    problem.value = null;
    try {
      const api = useApi();
      const [list, attrs] = await Promise.all([
        api.get<AttributeMapping[]>('/api/attribute-mapping', { query: { country: forCountry } }),
        amazonAttributes.value.length
          ? Promise.resolve(amazonAttributes.value)
          : api.get<AmazonAttribute[]>('/api/attribute-mapping/amazon-attributes'),
      ]);
      // A slower answer for a country the admin already left is dropped.
      if (forCountry !== country.value) return;
      mappings.value = list;
      amazonAttributes.value = attrs;
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  function replace(m: AttributeMapping): void {
    const i = mappings.value.findIndex((x) => x.id === m.id);
    if (i >= 0) mappings.value.splice(i, 1, m);
    else if (m.country === country.value) mappings.value.push(m);
  }

  async function create(body: CreateAttributeMappingBody): Promise<SaveResult> {
    const check = validate(createAttributeMappingBodySchema, body);
    if (!check.valid) return invalid(check.fields);
    return run(async () => replace(await useApi().post<AttributeMapping>('/api/attribute-mapping', body)));
  }

  async function update(id: number, body: UpdateAttributeMappingBody): Promise<SaveResult> {
    const check = validate(updateAttributeMappingBodySchema, body);
    if (!check.valid) return invalid(check.fields);
    return run(async () => replace(await useApi().patch<AttributeMapping>(`/api/attribute-mapping/${id}`, body)));
  }

  function remove(id: number): Promise<SaveResult> {
    return run(async () => {
      await useApi().delete(`/api/attribute-mapping/${id}`);
      mappings.value = mappings.value.filter((m) => m.id !== id);
    });
  }

  const labelOf = (code: string) => amazonAttributes.value.find((a) => a.code === code)?.label ?? code;

  return { country, mappings, amazonAttributes, loading, problem, busy, load, create, update, remove, labelOf };
});
