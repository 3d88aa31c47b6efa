import { databaseKind } from '../config/env.ts';
import { backupDatabase } from '../services/database.ts';
import { databaseEnvOrExit } from './env.ts';

// npm run db:backup -- <file>: a consistent copy of the SQLite database DATABASE_URL names, safe while the bot runs.
const env = databaseEnvOrExit();
const file = process.argv[2];
if (!file) {
  console.error('Cách dùng / usage: npm run db:backup -- <tệp sao lưu / backup file>');
  process.exit(2);
}
if (databaseKind(env.DATABASE_URL) === 'postgres') {
  console.error(
    [
      'PostgreSQL: sao lưu bằng pg_dump / back up with pg_dump (safe while the bots run):',
      `  pg_dump -Fc -d "$DATABASE_URL" -f ${file}`,
      'Khôi phục (dừng bot) / restore, the bots stopped, into an empty database created with --locale=C.UTF-8:',
      `  pg_restore --no-owner -d "$DATABASE_URL" ${file}`,
      'Xem / see docs/deployment.md.',
    ].join('\n'),
  );
  process.exit(1);
}
try {
  const { file: written, tables } = await backupDatabase(env.DATABASE_URL, file);
  for (const t of tables) console.log(`  ${t.table.padEnd(20)} ${t.rows}`);
  console.log(`✓ Đã sao lưu / backed up to ${written}`);
} catch (err) {
  console.error(`✗ ${(err as Error).message}`);
  process.exit(1);
}
