/**
 * Serves the built admin (admin-ui/dist) at /admin. Hashed assets are cached for a year; every
 * other path under /admin answers index.html (never cached), so the admin's own router handles
 * deep links like /admin/catalog/products/42 on reload. When the build is missing it says how to
 * make one instead of a bare 404.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { declareScopeAccess } from '../auth/access';

export const ADMIN_BASE = '/admin';
export const DEFAULT_ADMIN_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../admin-ui/dist');

export interface AdminUiOptions {
  /** The built admin; admin-ui/dist by default. */
  root?: string;
}

/** A path that names a file (has an extension) gets a real 404, not the app shell. */
const looksLikeFile = (url: string) => /\.[a-z0-9]{1,8}$/i.test(url.split('?')[0] ?? '');

async function adminUi(app: FastifyInstance, opts: AdminUiOptions) {
  const root = opts.root ?? DEFAULT_ADMIN_DIST;
  const indexFile = path.join(root, 'index.html');

  app.get(ADMIN_BASE, { schema: { hide: true }, config: { access: 'public' } }, (_request, reply) => reply.redirect(`${ADMIN_BASE}/`));

  await app.register(
    async (scope) => {
      // The admin's shell and assets are public (they hold no data; the API behind them asks for a session).
      declareScopeAccess(scope, 'public');
      if (!fs.existsSync(indexFile)) {
        scope.get('/*', { schema: { hide: true }, prefixTrailingSlash: 'slash' }, (_request, reply) =>
          reply
            .status(503)
            .type('text/plain; charset=utf-8')
            .send(
              `The admin is not built yet (${indexFile} is missing). Run "npm run admin:build", or start with "npm start", which builds it.`,
            ),
        );
        return;
      }
      await scope.register(fastifyStatic, {
        root,
        prefix: '/',
        index: false,
        wildcard: true,
        setHeaders(res, filePath) {
          const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
          res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
      const shell = (request: FastifyRequest, reply: FastifyReply) => {
        if (request.method !== 'GET' && request.method !== 'HEAD') return reply.status(404).send();
        if (looksLikeFile(request.url)) return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      };
      // Only /admin/ itself: /admin redirects there, so relative URLs and the router's base agree.
      scope.get('/', { schema: { hide: true }, prefixTrailingSlash: 'slash' }, shell);
      scope.setNotFoundHandler(shell);
    },
    { prefix: ADMIN_BASE },
  );
}

/** Register after the app plugin: `await fastify.register(adminUiPlugin)`. */
export const adminUiPlugin = fp(adminUi, { name: 'admin-ui' });
export default adminUiPlugin;
