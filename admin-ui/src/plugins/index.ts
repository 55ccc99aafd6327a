/** Registers Vuetify, Pinia and the router on the app, and wires the API client's session-expiry hook. */
import type { App } from 'vue';
import { createPinia } from 'pinia';
import vuetify from './vuetify';
import { createApiClient } from '../api/client';
import { provideApi } from '../api/provider';
import { createAdminRouter } from '../router/index';
import { useAuthStore } from '../stores/auth';

export function registerPlugins(app: App): void {
  const pinia = createPinia();
  app.use(vuetify);
  app.use(pinia);
  const router = createAdminRouter();
  const api = provideApi(createApiClient());
  // The session ended while the admin worked: back to sign-in, then back to this very page.
  api.onUnauthenticated = (error) => {
    useAuthStore(pinia).sessionEnded(error.code);
    const current = router.currentRoute.value;
    if (!current.meta.public) void router.push({ name: 'login', query: { redirect: current.fullPath } });
  };
  app.use(router);
}
