/**
 * `question-bank/giveaway-pairs.yaml`: pairs of questions where one gives away the other, accepted as they are (with
 * the reason). The draw never puts both into one attempt; `questions:check` then stops reporting them, and checks that
 * every round can still be filled.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadYamlFile } from '../config/yaml-file.ts';
import type { Question } from '../core/types.ts';
import { pairKey, type AllowedPair } from './giveaways.ts';
import { RULES, type Problem } from './quality.ts';
import { viOperator } from '../messages/operator.ts';

const T = viOperator.checks;

export const GIVEAWAY_PAIRS_FILE = 'giveaway-pairs.yaml';

const questionId = z.string().regex(/^[a-z0-9]+-\d{3,}$/u, T.pairQuestionId);

const pairsSchema = z
  .object({
    pairs: z
      .array(
        z
          .object({
            questions: z.tuple([questionId, questionId]).refine(([a, b]) => a !== b, T.pairDistinct),
            reason: z.string().trim().min(10, T.pairReason).max(300),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

/** The accepted pairs of the bank in `dir`; none when the file does not exist. Throws FileValidationError (file:line). */
export function loadGiveawayPairs(dir: string): { file: string; pairs: AllowedPair[] } {
  const file = join(dir, GIVEAWAY_PAIRS_FILE);
  if (!existsSync(file)) return { file, pairs: [] };
  const { value, lineOf } = loadYamlFile(file, pairsSchema);
  return { file, pairs: value.pairs.map((p, i) => ({ a: p.questions[0], b: p.questions[1], reason: p.reason, at: `${file}:${lineOf(['pairs', i])}` })) };
}

/** Warnings for pairs naming a question the bank does not have, or listed twice (they keep nothing apart). */
export function checkPairs(pairs: readonly AllowedPair[], questions: readonly Question[]): Problem[] {
  const ids = new Set(questions.map((q) => q.id));
  const seen = new Map<string, string>();
  const out: Problem[] = [];
  const warn = (at: string, message: string) => out.push({ rule: 'giveaway-pair', severity: RULES['giveaway-pair'].severity, at, message });
  for (const p of pairs) {
    for (const id of [p.a, p.b]) if (!ids.has(id)) warn(p.at, T.pairUnknownQuestion(id));
    const key = pairKey(p.a, p.b);
    if (seen.has(key)) warn(p.at, T.pairTwice(p.a, p.b, seen.get(key)));
    else seen.set(key, p.at);
  }
  return out;
}

/** The questions with, on each, the ids it must never share an attempt with. */
export function withApart(questions: readonly Question[], pairs: readonly AllowedPair[]): Question[] {
  const apart = new Map<string, string[]>();
  for (const { a, b } of pairs) {
    apart.set(a, [...(apart.get(a) ?? []), b]);
    apart.set(b, [...(apart.get(b) ?? []), a]);
  }
  return questions.map((q) => (apart.has(q.id) ? { ...q, apart: apart.get(q.id)! } : q));
}
