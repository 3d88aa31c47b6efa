import { cliEnv } from './cli-env.ts';
import { migrateToLatest, openDatabase } from './db.ts';

const env = cliEnv();
const db = openDatabase(env.DATABASE_URL, { poolSize: 1 });
const { error, results } = await migrateToLatest(db);
for (const r of results ?? []) console.log(`${r.status === 'Success' ? '✓' : '✗'} ${r.migrationName}`);
if (!results?.length && !error) console.log('Cơ sở dữ liệu đã ở phiên bản mới nhất / database is up to date');
await db.destroy();
if (error) {
  console.error('Migration failed:', error);
  process.exit(1);
}
