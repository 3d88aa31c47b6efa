/**
 * Sources anyone can open: each question's `source_url` and, for each topic, `sources/<topic>.csv` with one row per
 * question and URL — `id,source_url,quote,read_on`: the sentence of that page that states the fact, and the day it was
 * read (dd/mm/yyyy). Checked by `questions:check` (never at start: a missing source does not stop a running contest).
 *
 * The rules: a question with a source_url needs a row with its id and that exact URL in its topic's CSV, so the CSV
 * must exist as soon as one question of the topic has a source_url; a file with `sources_required: true` needs a
 * source_url on every question. Rows are checked whether or not a question uses them.
 */
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Problem } from './quality.ts';
import { RULES } from './quality.ts';
import { sourceUrl, type BankFile } from './questions.ts';
import { serializeQuestionFile } from './yaml-write.ts';
import { viOperator } from '../messages/operator.ts';

const T = viOperator.checks;

export const SOURCES_FOLDER = 'sources';
export const SOURCES_HEADER = ['id', 'source_url', 'quote', 'read_on'] as const;

/** "03/12/2026" or "3/12/2026": a real calendar day. */
const readOn = z
  .string()
  .trim()
  .superRefine((s, ctx) => {
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/u.exec(s);
    if (!m) return void ctx.addIssue({ code: 'custom', message: T.readOnFormat });
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = new Date(Date.UTC(y, mo - 1, d));
    if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) ctx.addIssue({ code: 'custom', message: T.readOnReal });
  });

const sourceRow = z.object({
  id: z.string().trim().regex(/^[a-z0-9]+-\d{3,}$/u, T.pairQuestionId),
  source_url: sourceUrl,
  quote: z.string().trim().min(10, T.sourceQuote).max(2000),
  read_on: readOn,
});

export interface SourceRow {
  id: string;
  url: string;
  /** "sources/qd749.csv:5" */
  at: string;
}

const problem = (rule: 'source-url' | 'source-row', at: string, message: string): Problem => ({ rule, severity: RULES[rule].severity, at, message });

/** One topic's CSV: its rows, or the problems of the rows that are wrong (file:line). */
export function readSources(file: string): { rows: SourceRow[]; problems: Problem[] } {
  let records: string[][];
  try {
    records = parse(readFileSync(file, 'utf8'), { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (err) {
    return { rows: [], problems: [problem('source-url', file, T.sourcesUnreadable((err as Error).message))] };
  }
  const [header = [], ...body] = records;
  if (header.map((h) => h.trim()).join(',') !== SOURCES_HEADER.join(',')) {
    return { rows: [], problems: [problem('source-url', `${file}:1`, T.sourcesHeader(SOURCES_HEADER.join(','), header.join(',')))] };
  }
  const rows: SourceRow[] = [];
  const problems: Problem[] = [];
  body.forEach((cells, i) => {
    const at = `${file}:${i + 2}`;
    if (cells.length !== SOURCES_HEADER.length) {
      problems.push(problem('source-url', at, T.sourcesColumns(SOURCES_HEADER.length, SOURCES_HEADER.join(','), cells.length)));
      return;
    }
    const parsed = sourceRow.safeParse(Object.fromEntries(SOURCES_HEADER.map((h, j) => [h, cells[j]!])));
    if (!parsed.success) problems.push(...parsed.error.issues.map((e) => problem('source-url', at, `${e.path.join('.')}: ${e.message}`)));
    else rows.push({ id: parsed.data.id, url: parsed.data.source_url, at });
  });
  return { rows, problems };
}

/** Every source rule over the topic files of `dir` (the bank folder). */
export function checkSources(dir: string, files: readonly BankFile[]): Problem[] {
  const folder = join(dir, SOURCES_FOLDER);
  const out: Problem[] = [];
  const topics = new Set(files.map((f) => f.data.topic));
  if (existsSync(folder)) {
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.csv')).sort()) {
      if (!topics.has(name.slice(0, -4))) out.push(problem('source-row', join(folder, name), T.sourcesUnknownTopic(name.slice(0, -4))));
    }
  }
  for (const f of files) {
    const { topic, questions, sources_required: required } = f.data;
    const file = join(folder, `${topic}.csv`);
    const withUrl = questions.filter((q) => q.source_url).length;
    questions.forEach((q, i) => {
      if (required && !q.source_url) out.push(problem('source-url', f.at(i), T.sourceUrlRequired(q.id)));
    });
    if (!existsSync(file)) {
      if (withUrl) out.push(problem('source-url', f.path, T.sourcesFileMissing(withUrl, file, SOURCES_HEADER.join(','))));
      continue;
    }
    const { rows, problems } = readSources(file);
    out.push(...problems);
    if (problems.length && !rows.length) continue;
    const ids = new Set(questions.map((q) => q.id));
    for (const r of rows) if (!ids.has(r.id)) out.push(problem('source-row', r.at, T.sourceUnknownQuestion(r.id, topic, f.path)));
    questions.forEach((q, i) => {
      if (!q.source_url || rows.some((r) => r.id === q.id && r.url === q.source_url)) return;
      const others = rows.filter((r) => r.id === q.id);
      const hint = others.length ? T.sourceOthers(others.map((r) => `${r.url} (${r.at})`).join(', ')) : '';
      out.push(problem('source-url', f.at(i), T.sourceUrlMissing(q.id, q.source_url, file, hint)));
    });
  }
  return out;
}

export interface SourceFill {
  /** Topic files rewritten. */
  written: string[];
  /** Question ids that got a source_url. */
  filled: string[];
  /** Questions whose CSV rows name several URLs: pick one by hand. */
  ambiguous: { id: string; urls: string[] }[];
  /** Questions still without a source_url and without a row. */
  missing: string[];
}

/**
 * Writes each question's source_url from its topic's CSV where the question has none and the CSV names exactly one URL
 * for it; a question that already has one is left as it is (questions:check compares them). Files are written through
 * a temporary file and a rename; CSVs with errors are skipped (questions:check names them).
 */
export function fillSourceUrls(dir: string, files: readonly BankFile[]): SourceFill {
  const out: SourceFill = { written: [], filled: [], ambiguous: [], missing: [] };
  for (const f of files) {
    const file = join(dir, SOURCES_FOLDER, `${f.data.topic}.csv`);
    const rows = existsSync(file) ? readSources(file).rows : [];
    let changed = false;
    const questions = f.data.questions.map((q) => {
      if (q.source_url) return q;
      const urls = [...new Set(rows.filter((r) => r.id === q.id).map((r) => r.url))];
      if (urls.length === 1) {
        changed = true;
        out.filled.push(q.id);
        return { ...q, source_url: urls[0]! };
      }
      if (urls.length > 1) out.ambiguous.push({ id: q.id, urls });
      else out.missing.push(q.id);
      return q;
    });
    if (!changed) continue;
    writeFileSync(`${f.path}.tmp`, serializeQuestionFile(f.header, { ...f.data, questions }));
    renameSync(`${f.path}.tmp`, f.path);
    out.written.push(basename(f.path));
  }
  return out;
}
