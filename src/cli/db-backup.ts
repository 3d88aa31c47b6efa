import { databaseKind } from '../config/env.ts';
import { viOperator } from '../messages/operator.ts';
import { backupDatabase } from '../services/database.ts';
import { databaseEnvOrExit } from './env.ts';

// npm run db:backup -- <file>: a consistent copy of the SQLite database DATABASE_URL names, safe while the bot runs.
const env = databaseEnvOrExit();
const file = process.argv[2];
if (!file) {
  console.error(viOperator.database.backupUsage);
  process.exit(2);
}
if (databaseKind(env.DATABASE_URL) === 'postgres') {
  console.error(viOperator.database.backupPostgres(file));
  process.exit(1);
}
try {
  const { file: written, tables } = await backupDatabase(env.DATABASE_URL, file);
  for (const t of tables) console.log(`  ${t.table.padEnd(20)} ${t.rows}`);
  console.log(viOperator.database.backedUp(written));
} catch (err) {
  console.error(viOperator.failed((err as Error).message));
  process.exit(1);
}
