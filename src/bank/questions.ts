import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { foldText } from '../core/input.ts';
import type { Question } from '../core/types.ts';
import { FileValidationError, loadYamlFile } from '../config/yaml-file.ts';

/** Limits that keep one question (text + options) on one phone screen and inside one chat message. */
export const LIMITS = { text: 400, option: 150, explanation: 600, source: 200 } as const;

const nfcText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'không được để trống')
    .max(max, `dài quá ${max} ký tự`)
    .refine((s) => s === s.normalize('NFC'), 'chưa chuẩn hóa Unicode NFC (gõ lại bằng bộ gõ dựng sẵn)');

const questionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+-\d{3,}$/u, 'id dạng <chủ đề>-001'),
    difficulty: z.enum(['easy', 'medium', 'hard']),
    text: nfcText(LIMITS.text),
    options: z.array(nfcText(LIMITS.option)).min(2, 'cần 2–6 phương án').max(6, 'cần 2–6 phương án'),
    correct: z.string().regex(/^[A-F]$/u, 'một chữ cái A–F: đúng một đáp án'),
    explanation: nfcText(LIMITS.explanation),
    source: nfcText(LIMITS.source),
  })
  .strict()
  .superRefine((q, ctx) => {
    const index = q.correct.charCodeAt(0) - 65;
    if (index >= q.options.length) {
      ctx.addIssue({ code: 'custom', message: `đáp án ${q.correct} không có trong ${q.options.length} phương án`, path: ['correct'] });
    }
    const seen = new Map<string, number>();
    q.options.forEach((o, i) => {
      const key = foldText(o);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `trùng với phương án ${String.fromCharCode(65 + seen.get(key)!)}`, path: ['options', i] });
      seen.set(key, i);
    });
  });

const questionFileSchema = z
  .object({
    topic: z.string().regex(/^[a-z0-9]{2,20}$/u, 'mã chủ đề: chữ thường không dấu và số'),
    topic_name: nfcText(120),
    document: nfcText(200),
    questions: z.array(questionSchema).min(1),
  })
  .strict();

export interface Topic {
  id: string;
  name: string;
  document: string;
  file: string;
}

export interface QuestionBank {
  questions: Question[];
  topics: Topic[];
  /** "file:line" of each question id, for error messages and reports. */
  locations: Map<string, string>;
}

/**
 * Loads every `*.yaml` under `<dir>/questions` and checks the whole bank: schema, duplicate ids and texts (across
 * files), NFC and length limits. Throws one FileValidationError listing every problem with file:line.
 */
export function loadQuestionBank(dir: string): QuestionBank {
  const folder = join(dir, 'questions');
  let files: string[];
  try {
    files = readdirSync(folder).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
  } catch {
    throw new FileValidationError(folder, [`${folder}: không tìm thấy thư mục câu hỏi / question folder missing`]);
  }
  const problems: string[] = [];
  const questions: Question[] = [];
  const topics: Topic[] = [];
  const locations = new Map<string, string>();
  const byText = new Map<string, string>();
  for (const name of files) {
    const file = join(folder, name);
    let loaded;
    try {
      loaded = loadYamlFile(file, questionFileSchema);
    } catch (err) {
      if (err instanceof FileValidationError) {
        problems.push(...err.problems);
        continue;
      }
      throw err;
    }
    const { value, lineOf } = loaded;
    if (topics.some((t) => t.id === value.topic)) problems.push(`${file}:${lineOf(['topic'])}: topic: chủ đề "${value.topic}" đã có ở tệp khác`);
    topics.push({ id: value.topic, name: value.topic_name, document: value.document, file });
    value.questions.forEach((q, i) => {
      const at = `${file}:${lineOf(['questions', i])}`;
      if (locations.has(q.id)) problems.push(`${at}: questions[${i}].id: trùng id "${q.id}" với ${locations.get(q.id)}`);
      const textKey = foldText(q.text);
      if (byText.has(textKey)) problems.push(`${at}: questions[${i}].text: trùng nội dung với câu ${byText.get(textKey)}`);
      locations.set(q.id, at);
      byText.set(textKey, q.id);
      questions.push({
        id: q.id,
        topic: value.topic,
        difficulty: q.difficulty,
        text: q.text,
        options: q.options,
        correct: q.correct.charCodeAt(0) - 65,
        explanation: q.explanation,
        source: q.source,
      });
    });
  }
  if (files.length === 0) problems.push(`${folder}: chưa có tệp câu hỏi nào (*.yaml)`);
  if (problems.length) throw new FileValidationError(folder, problems);
  return { questions, topics, locations };
}
