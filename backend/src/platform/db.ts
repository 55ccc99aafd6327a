/** Decorates `app.db` with the knex instance, migrated to the latest schema before anything else runs. */
import fp from 'fastify-plugin';
import type { Knex } from 'knex';
import type { FastifyInstance } from 'fastify';
import { createKnex, engineOf, ensureMysqlDatabase, migrateLatest, type Engine } from '../db/connection';

declare module 'fastify' {
  interface FastifyInstance {
    db: Knex;
    dbEngine: Engine;
  }
}

export interface DbPluginOptions {
  /** An already-open knex (tests hand in their per-file database); otherwise opened from config. */
  knex?: Knex;
  migrate?: boolean;
}

export default fp(
  async function dbPlugin(app: FastifyInstance, opts: DbPluginOptions) {
    const url = app.config.DATABASE_URL;
    const engine = engineOf(url);
    const ownsConnection = !opts.knex;
    if (!opts.knex && engine === 'mysql') await ensureMysqlDatabase(url);
    const db = opts.knex ?? createKnex(url, { report: (line) => app.log.warn(line) });
    if (opts.migrate !== false) {
      const applied = await migrateLatest(db);
      if (applied.length) app.log.info({ applied }, 'database migrated');
    }
    app.decorate('db', db);
    app.decorate('dbEngine', engine);
    if (ownsConnection) app.addHook('onClose', async () => db.destroy());
  },
  { name: 'db', dependencies: ['config'] },
);
