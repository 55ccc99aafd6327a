/**
 * API tokens of one admin: the signed-in admin's own (My Account), or another admin's when an
 * administrator opens them from Admin Users. The secret of a new token lives only in `created`
 * until the dialog showing it closes (`forgetCreated`); the list never has it.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError, invalidProblem, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { ApiToken, ApiTokenBody, ApiTokenCreated } from '../api/types';
import { validate } from '../validation/validate';
import { apiTokenBodySchema } from '../../../schema/auth';
import type { SaveResult } from './product';
import { useSaving } from '../composables/useSaving';

/** Expiry choices offered in the admin; the API takes any whole number of days in the schema's range. */
export const EXPIRY_CHOICES: readonly { days: number; title: string }[] = [
  { days: 7, title: '7 days' },
  { days: 30, title: '30 days' },
  { days: 90, title: '90 days' },
  { days: 180, title: '180 days' },
  { days: apiTokenBodySchema.properties.days.maximum, title: '1 year' },
];
export const DEFAULT_EXPIRY_DAYS = apiTokenBodySchema.properties.days.default;

/** Whose tokens: null = the signed-in admin's own. */
export type TokenOwner = number | null;

const basePath = (owner: TokenOwner) => (owner === null ? '/api/auth/tokens' : `/api/admin-users/${owner}/tokens`);

export const useApiTokensStore = defineStore('apiTokens', () => {
  const owner = ref<TokenOwner>(null);
  const tokens = ref<ApiToken[]>([]);
  const loading = ref(false);
  const problem = ref<Problem | null>(null);
  const created = ref<ApiTokenCreated | null>(null);
  const { busy, run } = useSaving();

  async function load(whose: TokenOwner = owner.value): Promise<void> {
    if (whose !== owner.value) tokens.value = [];
    owner.value = whose;
    loading.value = true;
    problem.value = null;
    try {
      tokens.value = await useApi().get<ApiToken[]>(basePath(whose));
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  /** Creates one of the signed-in admin's own tokens (the API makes tokens only for yourself). */
  async function create(body: ApiTokenBody): Promise<SaveResult> {
    const request = { ...body, label: body.label.trim() };
    const check = validate(apiTokenBodySchema, request);
    if (!check.valid) return { ok: false, problem: invalidProblem(check.fields) };
    return run(async () => {
      const token = await useApi().post<ApiTokenCreated>('/api/auth/tokens', request);
      created.value = token;
      const { token: _secret, ...listed } = token;
      if (owner.value === null) tokens.value = [listed, ...tokens.value];
    });
  }

  function forgetCreated(): void {
    created.value = null;
  }

  async function revoke(id: string): Promise<SaveResult> {
    const whose = owner.value;
    return run(async () => {
      await useApi().delete(`${basePath(whose)}/${encodeURIComponent(id)}`);
      tokens.value = tokens.value.filter((t) => t.id !== id);
    });
  }

  return { owner, tokens, loading, problem, created, busy, load, create, forgetCreated, revoke };
});
