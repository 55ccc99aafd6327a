/** Decorates `app.config` with the validated configuration and `app.secrets` with the box that seals secrets at rest. */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from './config';
import { SecretBox, resolveEncryptionKey } from './secrets';

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
    secrets: SecretBox;
  }
}

export default fp(
  async function configPlugin(app: FastifyInstance, opts: { config: AppConfig }) {
    app.decorate('config', opts.config);
    app.decorate('secrets', new SecretBox(resolveEncryptionKey(opts.config.ENCRYPTION_KEY, undefined, (line) => app.log.warn(line))));
  },
  { name: 'config' },
);
