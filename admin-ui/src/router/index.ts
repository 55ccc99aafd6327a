/** The router, under the admin's base path, with the session and permission guard. */
import { createRouter, createWebHistory, type Router } from 'vue-router';
import { useAuthStore } from '../stores/auth';
import { decide } from './guard';
import { routes } from './routes';

export function createAdminRouter(): Router {
  const router = createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes });
  router.beforeEach(async (to) => {
    const auth = useAuthStore();
    await auth.restore();
    return decide(to, auth.isSignedIn, auth.can);
  });
  router.afterEach((to) => {
    document.title = `${to.meta.title ?? 'Admin'} / Amazon Sales Channel`;
  });
  return router;
}
