// npm run db:migrate: applies the database migrations (the bot also does it at start).
import { migrateToLatest, openDatabase } from '../storage/db.ts';
import { databaseEnvOrExit } from './env.ts';
import { viOperator } from '../messages/operator.ts';

const env = databaseEnvOrExit();
const db = openDatabase(env.DATABASE_URL, { poolSize: 1 });
const { error, results } = await migrateToLatest(db);
for (const r of results ?? []) console.log(`${r.status === 'Success' ? '✓' : '✗'} ${r.migrationName}`);
if (!results?.length && !error) console.log(viOperator.database.upToDate);
await db.destroy();
if (error) {
  console.error(viOperator.database.migrationFailed, error);
  process.exit(1);
}
