/**
 * `questions import`: reads a workbook or CSV, checks every row and the resulting bank, and works out the YAML to
 * write. Nothing is written unless the whole import is clean (writePlan runs only after planImport succeeded).
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { checkCampaignAgainstBank, loadCampaign } from '../config/campaign.ts';
import { FileValidationError } from '../config/yaml-file.ts';
import { csvTopicFromName, readCsv } from './csv-import.ts';
import { readTable, type ImportedRow, type Table } from './import-table.ts';
import { TOPIC_COLUMN, columnOf } from './sheet-columns.ts';
import { checkBank, formatProblem } from './quality-bank.ts';
import type { Located, Problem } from './quality.ts';
import { readBankFiles, toQuestion, type BankFile, type RawQuestion } from './questions.ts';
import { ImportError, readWorkbook } from './xlsx-import.ts';
import { serializeQuestionFile } from './yaml-write.ts';
import { viOperator } from '../messages/operator.ts';

const T = viOperator.import;

export interface ImportPlan {
  files: { path: string; content: string; changed: boolean }[];
  added: string[];
  changed: string[];
  removed: string[];
  /** Topics the input did not contain: left as they are. */
  untouched: string[];
  /** Columns not in the template, not imported. */
  ignored: string[];
  warnings: Problem[];
}

type Imported = Map<string, { where: string; rows: ImportedRow[] }>;

/** The input's rows grouped by topic; problems for unknown topics or unreadable rows. */
async function readInput(input: string, topics: Set<string>): Promise<{ imported: Imported; ignored: string[]; problems: string[] }> {
  const ext = extname(input).toLowerCase();
  const bytes = statSync(input).size;
  const tables: { topic?: string; table: Table }[] = [];
  if (ext === '.xlsx') tables.push(...(await readWorkbook(input, bytes)).map(({ sheet, table }) => ({ topic: sheet, table })));
  else if (ext === '.csv') tables.push({ table: readCsv(input, readFileSync(input)) });
  else throw new ImportError([T.onlyXlsxOrCsv(input)]);
  const imported: Imported = new Map();
  const ignored: string[] = [];
  const problems: string[] = [];
  const known = [...topics].join(', ');
  for (const { topic, table } of tables) {
    const withTopic = !topic && table.header.some((c) => columnOf(c.text, [TOPIC_COLUMN]));
    const result = readTable(table, withTopic);
    ignored.push(...result.ignored);
    problems.push(...result.problems);
    const fixed = topic ?? (withTopic ? undefined : csvTopicFromName(input));
    if (fixed !== undefined && !topics.has(fixed)) {
      problems.push(T.unknownTopic(table.where, fixed, known));
      continue;
    }
    if (fixed !== undefined && !imported.has(fixed)) imported.set(fixed, { where: table.where, rows: [] });
    for (const row of result.rows) {
      const t = fixed ?? row.topic ?? '';
      if (!topics.has(t)) problems.push(T.unknownTopicInRow(row.at, t, known));
      else {
        if (!imported.has(t)) imported.set(t, { where: table.where, rows: [] });
        imported.get(t)!.rows.push(row);
      }
    }
  }
  for (const [topic, { where, rows }] of problems.length ? [] : imported) {
    if (rows.length === 0) problems.push(T.emptyTopic(where, topic));
  }
  return { imported, ignored, problems };
}

/** New questions (blank id) get the next free number of their topic, never a number used before. */
function assignIds(files: readonly BankFile[], imported: Imported): void {
  const used = new Set([...files.flatMap((f) => f.data.questions.map((q) => q.id)), ...[...imported.values()].flatMap((t) => t.rows.map((r) => r.question.id))]);
  for (const [topic, { rows }] of imported) {
    let next = Math.max(0, ...[...used].filter((id) => id.startsWith(`${topic}-`)).map((id) => Number(id.slice(topic.length + 1)) || 0));
    for (const row of rows) if (!row.question.id) row.question.id = `${topic}-${String(++next).padStart(3, '0')}`;
  }
}

/** A table without an optional column (an older template) keeps each question's value of it from the bank. */
function keepAbsentColumns(files: readonly BankFile[], imported: Imported): void {
  const byId = new Map(files.flatMap((f) => f.data.questions.map((q) => [q.id, q] as const)));
  for (const { rows } of imported.values()) {
    for (const row of rows) {
      const old = byId.get(row.question.id);
      for (const key of row.absent ?? []) if (old?.[key] !== undefined) row.question = { ...row.question, [key]: old[key] };
    }
  }
}

// Key order aside: a kept column may come after the others.
const canonical = (q: RawQuestion) => JSON.stringify(q, Object.keys(q).sort());
const same = (a: RawQuestion, b: RawQuestion) => canonical(a) === canonical(b);

/** Added, changed (including moved to another topic) and removed question ids. */
function diff(before: Map<string, [string, RawQuestion]>, after: Map<string, [string, RawQuestion]>, imported: Imported) {
  const added = [...after.keys()].filter((id) => !before.has(id));
  const changed = [...after].filter(([id, [t, q]]) => before.has(id) && (before.get(id)![0] !== t || !same(before.get(id)![1], q))).map(([id]) => id);
  const removed = [...before].filter(([id, [t]]) => imported.has(t) && !after.has(id)).map(([id]) => id);
  return { added, changed, removed };
}

/** Reads and checks the input against the bank in `bankDir`; throws ImportError listing every problem. */
export async function planImport(bankDir: string, input: string, campaignFile?: string): Promise<ImportPlan> {
  const files = readBankFiles(bankDir);
  const { imported, ignored, problems } = await readInput(input, new Set(files.map((f) => f.data.topic)));
  if (problems.length) throw new ImportError(problems);
  assignIds(files, imported);
  keepAbsentColumns(files, imported);
  const entries: Located[] = [];
  const before = new Map<string, [string, RawQuestion]>();
  const after = new Map<string, [string, RawQuestion]>();
  for (const f of files) {
    const topic = f.data.topic;
    f.data.questions.forEach((q) => before.set(q.id, [topic, q]));
    const rows = imported.get(topic)?.rows ?? f.data.questions.map((q, i) => ({ question: q, at: f.at(i) }));
    for (const r of rows) {
      entries.push({ question: toQuestion(topic, r.question), at: r.at, group: imported.get(topic)?.where ?? f.path });
      after.set(r.question.id, [topic, r.question]);
    }
  }
  const found = checkBank(entries);
  const errors = found.filter((p) => p.severity === 'error').map(formatProblem);
  if (campaignFile) {
    try {
      checkCampaignAgainstBank(campaignFile, loadCampaign(campaignFile), entries.map((e) => e.question));
    } catch (err) {
      if (!(err instanceof FileValidationError)) throw err;
      errors.push(...err.problems.map((p) => T.afterImport(p)));
    }
  }
  if (errors.length) throw new ImportError(errors);
  const out = files.map((f) => {
    const rows = imported.get(f.data.topic)?.rows;
    const current = readFileSync(f.path, 'utf8');
    const content = rows ? serializeQuestionFile(f.header, { ...f.data, questions: rows.map((r) => r.question) }) : current;
    return { path: f.path, content, changed: content !== current };
  });
  const untouched = files.map((f) => f.data.topic).filter((t) => !imported.has(t));
  return { files: out, ...diff(before, after, imported), untouched, ignored, warnings: found.filter((p) => p.severity === 'warning') };
}

/** Writes the changed files, each through a temporary file and a rename (a crash never leaves half a file). */
export function writePlan(plan: ImportPlan): string[] {
  const changed = plan.files.filter((f) => f.changed);
  for (const f of changed) writeFileSync(`${f.path}.tmp`, f.content);
  for (const f of changed) renameSync(`${f.path}.tmp`, f.path);
  return changed.map((f) => basename(f.path));
}
