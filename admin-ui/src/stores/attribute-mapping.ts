/** Amazon Sales Channel > Attributes: Amazon attributes mapped to catalog attributes, per marketplace country. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { AmazonAttribute, AttributeMapping, CreateAttributeMappingBody, UpdateAttributeMappingBody } from '../api/types';
import { validate } from '../validation/validate';
import { createAttributeMappingBodySchema, updateAttributeMappingBodySchema } from '../../../schema/attribute-mapping';
import type { SaveResult } from './product';
import { useSaving } from '../composables/useSaving';

function invalid(fields: Record<string, string>): SaveResult {
  return { ok: false, problem: { code: 'VALIDATION_FAILED', message: 'Check the highlighted fields.', fields, status: 0 } };
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
