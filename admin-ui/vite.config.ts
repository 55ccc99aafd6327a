/**
 * The admin's build: Vue + Vuetify (components imported on use), served by the backend under /admin/.
 * In `npm run dev` the dev server proxies /api to the backend on BACKEND_URL (default port 3000).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import vuetify from 'vite-plugin-vuetify';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/admin/',
  plugins: [vue(), vuetify({ autoImport: true })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: Number(process.env.ADMIN_DEV_PORT ?? 5173),
    strictPort: false,
    proxy: {
      '/api': { target: process.env.BACKEND_URL ?? 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
