/**
 * `npm run questions -- <command>`: tools for officials who maintain the question bank.
 *   export <file.xlsx>          the whole bank as one workbook (one sheet per topic)
 *   import <file.xlsx|file.csv> check every row; when all is well write the YAML files and print what changed
 *   report                      counts per topic and difficulty, questions never drawn, share of correct answers
 *   sources                     write source_url from question-bank/sources/<topic>.csv into questions that have none
 */
import { existsSync } from 'node:fs';
import { databaseKind, defaultDatabasePath, loadEnv } from '../config/env.ts';
import { FileValidationError } from '../config/yaml-file.ts';
import { migrateToLatest, openDatabase, sqlitePath } from '../storage/db.ts';
import { planImport, writePlan, type ImportPlan } from '../bank/import-plan.ts';
import { formatProblem } from '../bank/quality-bank.ts';
import { loadQuestionBank, readBankFiles } from '../bank/questions.ts';
import { fillSourceUrls } from '../bank/sources.ts';
import { createBankReportService } from '../services/bank-report.ts';
import { formatReport } from './bank-report.ts';
import { exportWorkbook } from '../documents/question-bank-workbook.ts';
import { ImportError } from '../bank/xlsx-import.ts';
import { viOperator } from '../messages/operator.ts';

const T = viOperator.questions;

// Long error lists scroll off a terminal; the first ones are enough to start fixing.
const MAX_SHOWN = 60;

function printProblems(title: string, problems: string[]): void {
  console.error(T.problemsHeader(title, problems.length));
  for (const p of problems.slice(0, MAX_SHOWN)) console.error(`  ${p}`);
  if (problems.length > MAX_SHOWN) console.error(T.problemsMore(problems.length - MAX_SHOWN));
}

function printPlan(plan: ImportPlan, written: string[]): void {
  const list = (ids: string[]) => (ids.length ? `: ${ids.join(', ')}` : '');
  console.log(T.added(plan.added.length, list(plan.added)));
  console.log(T.changed(plan.changed.length, list(plan.changed)));
  console.log(T.removed(plan.removed.length, list(plan.removed)));
  if (plan.untouched.length) console.log(T.untouched(plan.untouched.join(', ')));
  for (const c of plan.ignored) console.log(T.ignoredColumn(c));
  console.log(written.length ? T.written(written.join(', ')) : T.nothingWritten);
  if (plan.warnings.length) console.log(T.warnings(plan.warnings.length, plan.warnings.map((w) => `  ${formatProblem(w)}`).join('\n')));
}

async function run(args: string[]): Promise<number> {
  const env = loadEnv();
  const [command, file] = args;
  if (command === 'export' && file) {
    await exportWorkbook(loadQuestionBank(env.QUESTION_BANK_DIR), file);
    console.log(T.exported(file));
    return 0;
  }
  if (command === 'import' && file) {
    if (!existsSync(file)) return (console.error(T.noSuchFile(file)), 1);
    const plan = await planImport(env.QUESTION_BANK_DIR, file, env.CAMPAIGN_FILE);
    printPlan(plan, writePlan(plan));
    return 0;
  }
  if (command === 'report') {
    const bank = loadQuestionBank(env.QUESTION_BANK_DIR);
    const url = env.DATABASE_URL ?? defaultDatabasePath(env);
    if (databaseKind(url) === 'sqlite' && !existsSync(sqlitePath(url))) return (console.log(formatReport(bank)), 0);
    const db = openDatabase(url);
    try {
      const { error } = await migrateToLatest(db);
      if (error) throw error;
      console.log(formatReport(bank, await createBankReportService({ db }).data()));
    } finally {
      await db.destroy();
    }
    return 0;
  }
  if (command === 'sources') {
    const r = fillSourceUrls(env.QUESTION_BANK_DIR, readBankFiles(env.QUESTION_BANK_DIR));
    console.log(T.sourcesFilled(r.filled.length, r.written.join(', ')));
    for (const a of r.ambiguous) console.log(T.sourcesAmbiguous(a.id, a.urls.length, a.urls.join(' ; ')));
    if (r.missing.length) console.log(T.sourcesMissing(r.missing.length, r.missing.join(', ')));
    console.log(T.sourcesNext);
    return 0;
  }
  console.error(T.usage);
  return 2;
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (err) {
  if (err instanceof ImportError) printProblems(T.importTitle, err.problems);
  else if (err instanceof FileValidationError) printProblems(err.file, err.problems);
  else throw err;
  process.exitCode = 1;
}
