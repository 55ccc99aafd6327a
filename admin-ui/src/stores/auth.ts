/**
 * The signed-in admin: who they are, what their role may do, signing in and out, and what happens
 * when the session ends under them (the app sends them to sign in, then back where they were).
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError } from '../api/client';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { LoginBody, Me, Permission } from '../api/types';
import { validate } from '../validation/validate';
import { loginBodySchema } from '../../../schema/auth';

export const useAuthStore = defineStore('auth', () => {
  const user = ref<Me | null>(null);
  /** Whether we have asked the server who is signed in (once per page load). */
  const checked = ref(false);
  const signingIn = ref(false);
  const problem = ref<Problem | null>(null);
  /** Why the admin is on the sign-in page, when they were sent there (session expired). */
  const notice = ref<string | null>(null);

  const isSignedIn = computed(() => user.value !== null);
  const can = (permission: Permission | undefined) => !permission || (user.value?.permissions ?? []).includes(permission);

  /** Asks the server once whether this browser has a session; a 401 simply means "no". */
  async function restore(): Promise<Me | null> {
    if (checked.value) return user.value;
    try {
      user.value = await useApi().get<Me>('/api/auth/me', { quietUnauthenticated: true });
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) problem.value = describeError(error);
      user.value = null;
    }
    checked.value = true;
    return user.value;
  }

  async function login(body: LoginBody): Promise<boolean> {
    problem.value = null;
    const check = validate(loginBodySchema, body);
    if (!check.valid) {
      problem.value = { code: 'VALIDATION_FAILED', message: 'Enter your e-mail address and password.', fields: check.fields, status: 0 };
      return false;
    }
    signingIn.value = true;
    try {
      const res = await useApi().post<{ user: Me }>('/api/auth/login', body);
      user.value = res.user;
      checked.value = true;
      notice.value = null;
      return true;
    } catch (error) {
      const p = describeError(error);
      if (p.code === 'INVALID_CREDENTIALS') p.message = 'The e-mail address or password is wrong, or the account is disabled.';
      problem.value = p;
      return false;
    } finally {
      signingIn.value = false;
    }
  }

  async function logout(): Promise<void> {
    try {
      await useApi().post('/api/auth/logout');
    } catch (error) {
      // Signing out of a session that already ended is still signing out.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    } finally {
      user.value = null;
      notice.value = 'You have signed out.';
    }
  }

  /** The server refused the session (expired or revoked): forget the admin and say why. */
  function sessionEnded(code: string): void {
    user.value = null;
    checked.value = true;
    notice.value =
      code === 'SESSION_EXPIRED' ? 'Your session has expired. Sign in again to continue where you were.' : 'Sign in to continue.';
  }

  return { user, checked, signingIn, problem, notice, isSignedIn, can, restore, login, logout, sessionEnded };
});
