/** Decorates `app.config` with the validated configuration. */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from './config';

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
  }
}

export default fp(
  async function configPlugin(app: FastifyInstance, opts: { config: AppConfig }) {
    app.decorate('config', opts.config);
  },
  { name: 'config' },
);
