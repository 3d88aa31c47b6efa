import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { foldText } from '../core/input.ts';
import type { Question } from '../core/types.ts';
import { FileValidationError, loadYamlFile } from '../config/yaml-file.ts';
import { checkPairs, loadGiveawayPairs, withApart } from './giveaway-pairs.ts';
import type { AllowedPair } from './giveaways.ts';
import { checkBank, formatProblem } from './quality-bank.ts';
import type { Located, Problem } from './quality.ts';
import { viOperator } from '../messages/operator.ts';

const T = viOperator.bank;

/** Hard limits per field (the screen-budget rule then checks question and options together). */
export const LIMITS = { text: 400, option: 150, explanation: 600, source: 200 } as const;

const nfcText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, T.empty)
    .max(max, T.tooLong(max))
    .refine((s) => s === s.normalize('NFC'), T.notNfc);

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

/** A public https page that states the question's fact (its row in sources/<topic>.csv records the sentence and date). */
export const sourceUrl = z
  .string()
  .trim()
  .max(500, T.tooLong(500))
  .pipe(z.url({ protocol: /^https$/u, hostname: z.regexes.domain, message: T.sourceUrl }));

export const questionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+-\d{3,}$/u, T.questionId),
    difficulty: z.enum(DIFFICULTIES),
    text: nfcText(LIMITS.text),
    options: z.array(nfcText(LIMITS.option)).min(2, T.optionCount).max(6, T.optionCount),
    correct: z.string().regex(/^[A-F]$/u, T.correctLetter),
    explanation: nfcText(LIMITS.explanation),
    source: nfcText(LIMITS.source),
    source_url: sourceUrl.optional(),
    /** Why the key may stay the clearly longest option (silences the longest-key warning). */
    longest_ok: nfcText(200).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.correct.charCodeAt(0) - 65 >= q.options.length) {
      ctx.addIssue({ code: 'custom', message: T.correctMissing(q.correct, q.options.length), path: ['correct'] });
    }
    // Also a quality rule (duplicate-option); here it names the option's own line or cell.
    const seen = new Map<string, number>();
    q.options.forEach((o, i) => {
      const key = foldText(o);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: T.sameAsOption(String.fromCharCode(65 + seen.get(key)!)), path: ['options', i] });
      else seen.set(key, i);
    });
  });

export const questionFileSchema = z
  .object({
    topic: z.string().regex(/^[a-z0-9]{2,20}$/u, T.topicId),
    topic_name: nfcText(120),
    document: nfcText(200),
    /** Every question of this file must have a source_url (questions:check; docs/questions.md). */
    sources_required: z.boolean().optional(),
    questions: z.array(questionSchema).min(1),
  })
  .strict();

export type RawQuestion = z.output<typeof questionSchema>;
export type QuestionFileData = z.output<typeof questionFileSchema>;

/** One topic file as read: its data, the comment lines at its top and where each question starts. */
export interface BankFile {
  path: string;
  header: string[];
  data: QuestionFileData;
  /** "file:line" of question i. */
  at: (i: number) => string;
}

export interface Topic {
  id: string;
  name: string;
  document: string;
  file: string;
}

export interface QuestionBank {
  /** With `apart` set from the accepted giveaway pairs (question-bank/giveaway-pairs.yaml). */
  questions: Question[];
  topics: Topic[];
  /** "file:line" of each question id, for error messages and reports. */
  locations: Map<string, string>;
  /** Quality warnings (errors make loading fail). */
  warnings: Problem[];
  /** Pairs of questions never drawn into one attempt, and the file that lists them. */
  pairs: AllowedPair[];
  pairsFile: string;
}

export function toQuestion(topic: string, q: RawQuestion): Question {
  const { id, difficulty, text, options, explanation, source } = q;
  return {
    id,
    topic,
    difficulty,
    text,
    options,
    correct: q.correct.charCodeAt(0) - 65,
    explanation,
    source,
    ...(q.source_url ? { sourceUrl: q.source_url } : {}),
    ...(q.longest_ok ? { longestOk: q.longest_ok } : {}),
  };
}

/** The comment lines at the top of a YAML file, without "# ". */
function headerOf(path: string): string[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const end = lines.findIndex((l) => !l.startsWith('#'));
  return lines.slice(0, end === -1 ? lines.length : end).map((l) => l.replace(/^# ?/u, ''));
}

/** Paths of the topic files under `<dir>/questions`, sorted. */
export function questionFilePaths(dir: string): string[] {
  const folder = join(dir, 'questions');
  try {
    return readdirSync(folder).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort().map((f) => join(folder, f));
  } catch {
    throw new FileValidationError(folder, [T.noFolder(folder)]);
  }
}

/** Reads and schema-checks every topic file; files that fail are left out and their problems (file:line) returned. */
export function parseBankFiles(dir: string): { files: BankFile[]; problems: string[] } {
  const paths = questionFilePaths(dir);
  const problems: string[] = [];
  const files: BankFile[] = [];
  for (const path of paths) {
    try {
      const { value, lineOf } = loadYamlFile(path, questionFileSchema);
      const other = files.find((f) => f.data.topic === value.topic);
      if (other) problems.push(T.topicElsewhere(`${path}:${lineOf(['topic'])}`, value.topic, basename(other.path)));
      files.push({ path, header: headerOf(path), data: value, at: (i) => `${path}:${lineOf(['questions', i])}` });
    } catch (err) {
      if (!(err instanceof FileValidationError)) throw err;
      problems.push(...err.problems);
    }
  }
  if (paths.length === 0) problems.push(T.noQuestionFiles(join(dir, 'questions')));
  return { files, problems };
}

/** The topic files, or one FileValidationError listing every schema problem. */
export function readBankFiles(dir: string): BankFile[] {
  const { files, problems } = parseBankFiles(dir);
  if (problems.length) throw new FileValidationError(join(dir, 'questions'), problems);
  return files;
}

/** Every question of the files with its location, in file order. */
export function locate(files: readonly BankFile[]): Located[] {
  return files.flatMap((f) => f.data.questions.map((q, i) => ({ question: toQuestion(f.data.topic, q), at: f.at(i), group: f.path })));
}

/**
 * Loads every `*.yaml` under `<dir>/questions` and checks the whole bank: schema, duplicate ids and texts (across
 * files) and the quality rules (src/bank/quality.ts), and reads the accepted giveaway pairs. Throws one
 * FileValidationError listing every error with file:line; warnings come back in `warnings`.
 */
export function loadQuestionBank(dir: string): QuestionBank {
  const { files, problems: unreadable } = parseBankFiles(dir);
  const entries = locate(files);
  const { file: pairsFile, pairs } = loadGiveawayPairs(dir);
  const problems = [...checkBank(entries), ...checkPairs(pairs, entries.map((e) => e.question))];
  const errors = [...unreadable, ...problems.filter((p) => p.severity === 'error').map(formatProblem)];
  if (errors.length) throw new FileValidationError(join(dir, 'questions'), errors);
  return {
    questions: withApart(
      entries.map((e) => e.question),
      pairs,
    ),
    pairs,
    pairsFile,
    topics: files.map((f) => ({ id: f.data.topic, name: f.data.topic_name, document: f.data.document, file: f.path })),
    locations: new Map(entries.map((e) => [e.question.id, e.at])),
    warnings: problems.filter((p) => p.severity === 'warning'),
  };
}
