/** System > Admin Users: list, create, change role or name, enable/disable, reset a password. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError, invalidProblem, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { AdminUser, CreateAdminUserBody, ResetPasswordBody, UpdateAdminUserBody } from '../api/types';
import { validate } from '../validation/validate';
import { createAdminUserBodySchema, resetPasswordBodySchema, updateAdminUserBodySchema } from '../../../schema/auth';
import type { SaveResult } from './product';
import { useSaving } from '../composables/useSaving';

function invalid(fields: Record<string, string>): SaveResult {
  return { ok: false, problem: invalidProblem(fields) };
}

export const useAdminUsersStore = defineStore('adminUsers', () => {
  const users = ref<AdminUser[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const problem = ref<Problem | null>(null);
  const { busy, run } = useSaving();

  async function load(): Promise<void> {
    loading.value = true;
    problem.value = null;
    try {
      users.value = await useApi().get<AdminUser[]>('/api/admin-users');
      loaded.value = true;
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  function replace(user: AdminUser): void {
    const i = users.value.findIndex((u) => u.id === user.id);
    if (i >= 0) users.value.splice(i, 1, user);
    else users.value.push(user);
  }

  async function create(body: CreateAdminUserBody): Promise<SaveResult> {
    const check = validate(createAdminUserBodySchema, body);
    if (!check.valid) return invalid(check.fields);
    return run(async () => replace(await useApi().post<AdminUser>('/api/admin-users', body)));
  }

  async function update(id: number, body: UpdateAdminUserBody): Promise<SaveResult> {
    const check = validate(updateAdminUserBodySchema, body);
    if (!check.valid) return invalid(check.fields);
    return run(async () => replace(await useApi().patch<AdminUser>(`/api/admin-users/${id}`, body)));
  }

  async function resetPassword(id: number, body: ResetPasswordBody): Promise<SaveResult> {
    // ResetPasswordDialog.vue calls it "New password".
    const labels = { password: 'New password' };
    const check = validate(resetPasswordBodySchema, body, labels);
    if (!check.valid) return invalid(check.fields);
    return run(async () => {
      await useApi().post(`/api/admin-users/${id}/password`, body);
    }, labels);
  }

  return { users, loading, loaded, problem, busy, load, create, update, resetPassword };
});
