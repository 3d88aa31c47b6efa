import { databaseKind } from '../config/env.ts';
import { viOperator } from '../messages/operator.ts';
import { copyDatabase, type TableComparison } from '../services/database.ts';
import { redactDatabaseUrl } from '../storage/db.ts';

// npm run db:copy -- <sqlite file> <postgres url> [--force]   (the bot stopped)
const args = process.argv.slice(2);
const [from, to] = args.filter((a) => !a.startsWith('--'));
if (!from || !to || databaseKind(from) !== 'sqlite' || databaseKind(to) !== 'postgres') {
  console.error(viOperator.database.copyUsage);
  process.exit(2);
}

/** One line per table: rows and integer-column sums on both sides, ✓ when they agree. */
function checkLines(checks: TableComparison[]): string[] {
  return checks.map((c) => {
    const figures = [`rows ${c.rows.sqlite}→${c.rows.postgres}`, ...c.sums.map((s) => `Σ${s.column} ${s.sqlite}→${s.postgres}`)];
    return `${c.ok ? '✓' : '✗'} ${c.table.padEnd(20)} ${figures.join('  ')}`;
  });
}

try {
  console.log(viOperator.database.copying(from, redactDatabaseUrl(to)));
  const outcome = await copyDatabase(from, to, { force: args.includes('--force') });
  if (outcome.kind === 'refused') {
    console.error(viOperator.failed(outcome.reason));
    process.exit(1);
  }
  const checks = outcome.tables;
  for (const line of checkLines(checks)) console.log(line);
  const bad = checks.filter((c) => !c.ok);
  if (bad.length > 0) {
    console.error(viOperator.database.mismatch(bad.map((c) => c.table).join(', ')));
    process.exit(1);
  }
  console.log(viOperator.database.copied(checks.length));
} catch (err) {
  console.error(viOperator.failed(String((err as Error).stack ?? err)));
  process.exit(1);
}
