/** `npm run db:migrate` applies pending migrations; `npm run db:rollback` undoes the last batch. */
import { createKnex, engineOf, ensureMysqlDatabase } from '../backend/src/db/connection';
import { loadConfig } from '../backend/src/platform/config';

const config = loadConfig();
if (engineOf(config.DATABASE_URL) === 'mysql') await ensureMysqlDatabase(config.DATABASE_URL);
const db = createKnex(config.DATABASE_URL, { report: (line) => console.warn(line) });
try {
  if (process.argv.includes('--rollback')) {
    const [batch, undone] = (await db.migrate.rollback()) as [number, string[]];
    console.log(undone.length ? `rolled back batch ${batch}: ${undone.join(', ')}` : 'nothing to roll back');
  } else {
    const [batch, applied] = (await db.migrate.latest()) as [number, string[]];
    console.log(applied.length ? `applied batch ${batch}: ${applied.join(', ')}` : 'database is up to date');
  }
} catch (error) {
  console.error(`migration failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
