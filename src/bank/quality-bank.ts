/** Quality rules that look at the whole bank: duplicates, near-duplicates, spread of the correct letter. */
import { foldText } from '../core/input.ts';
import { RULES, checkQuestion, letter, type Located, type Problem, type Rule } from './quality.ts';
import { viOperator } from '../messages/operator.ts';

const T = viOperator.checks;

const problem = (rule: Rule, at: string, message: string): Problem => ({ rule, severity: RULES[rule].severity, at, message });

/** The same id twice, or the same question text twice (after folding). */
export function checkDuplicates(entries: readonly Located[]): Problem[] {
  const out: Problem[] = [];
  const ids = new Map<string, string>();
  const texts = new Map<string, Located>();
  for (const e of entries) {
    const first = ids.get(e.question.id);
    if (first) out.push(problem('duplicate-id', e.at, T.duplicateId(e.question.id, first)));
    else ids.set(e.question.id, e.at);
    const key = foldText(e.question.text);
    const same = texts.get(key);
    if (same) out.push(problem('duplicate-text', e.at, T.duplicateText(same.question.id, same.at)));
    else texts.set(key, e);
  }
  return out;
}

// Words that carry no fact: they make unrelated questions look alike.
const STOPWORDS = new Set(
  'la cua va cac nhung mot theo trong cho den nam voi duoc co khong nao gi bao nhieu hay tai ve tu do nay the nhu ai dau khi muc tieu quyet dinh qd ttg'.split(' '),
);

/** Folded content words of a text (no diacritics, no punctuation, no stopwords). */
export function contentWords(text: string): Set<string> {
  return new Set(
    foldText(text)
      .replace(/[^\p{L}\p{N}%]+/gu, ' ')
      .split(' ')
      .filter((w) => w && !STOPWORDS.has(w)),
  );
}

/** Token-set Jaccard similarity: |A ∩ B| / |A ∪ B|. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  const union = a.size + b.size - common;
  return union === 0 ? 0 : common / union;
}

/**
 * Thresholds tuned on the shipped bank: its most alike texts score 0.86 (DTI rank in 2021 vs 2022: different
 * answers), and its most alike texts with the same answer 0.47; reworded copies of a question score 0.6 and up.
 */
export const NEAR_DUPLICATE = { sameAnswer: 0.55, anyAnswer: 0.9, answerWords: 0.6 } as const;

const numbersOf = (words: ReadonlySet<string>) => [...words].filter((w) => /\d/u.test(w)).sort().join(' ');

/** The same answer in other words: the same numbers, and mostly the same words. */
export function sameAnswer(a: string, b: string): boolean {
  if (foldText(a) === foldText(b)) return true;
  const wa = contentWords(a);
  const wb = contentWords(b);
  return numbersOf(wa) === numbersOf(wb) && jaccard(wa, wb) >= NEAR_DUPLICATE.answerWords;
}

/** Pairs of questions that ask the same fact (alike texts, same answer) or are worded almost identically. */
export function checkNearDuplicates(entries: readonly Located[]): Problem[] {
  const words = entries.map((e) => contentWords(e.question.text));
  const answers = entries.map((e) => e.question.options[e.question.correct] ?? '');
  const out: Problem[] = [];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const sim = jaccard(words[i]!, words[j]!);
      if (sim < NEAR_DUPLICATE.sameAnswer) continue;
      const same = sameAnswer(answers[i]!, answers[j]!);
      if (!same && sim < NEAR_DUPLICATE.anyAnswer) continue;
      const [a, b] = [entries[i]!, entries[j]!];
      const why = same ? T.sameAnswer(answers[j]) : T.sameWording;
      out.push(problem('near-duplicate', b.at, T.nearDuplicate(a.question.id, a.at, Math.round(sim * 100), why)));
    }
  }
  return out;
}

/** Expected count of each correct letter if answers were spread evenly over each question's options. */
function spreadOf(entries: readonly Located[]): { counts: number[]; expected: number[] } {
  const counts = [0, 0, 0, 0, 0, 0];
  const expected = [0, 0, 0, 0, 0, 0];
  for (const { question: q } of entries) {
    counts[q.correct] = (counts[q.correct] ?? 0) + 1;
    for (let i = 0; i < q.options.length; i++) expected[i]! += 1 / q.options.length;
  }
  return { counts, expected };
}

/** Allowed distance from the even share: 2 questions in a small file, 20% of the share in a large one. */
export const spreadTolerance = (expected: number) => Math.max(2, Math.ceil(expected * 0.2));

function checkSpreadGroup(entries: readonly Located[], where: string): Problem[] {
  const { counts, expected } = spreadOf(entries);
  const uneven = [0, 1, 2, 3].filter((i) => expected[i]! > 0 && Math.abs(counts[i]! - expected[i]!) > spreadTolerance(expected[i]!));
  if (uneven.length === 0) return [];
  const summary = [0, 1, 2, 3].map((i) => `${letter(i)} ${counts[i]}`).join(', ');
  return [problem('answer-spread', where, T.answerSpread(summary, Math.round(expected[0]!)))];
}

/** Correct letters spread evenly over A–D in each file and across the bank (the file is what officials read). */
export function checkAnswerSpread(entries: readonly Located[]): Problem[] {
  const groups = new Map<string, Located[]>();
  for (const e of entries) groups.set(e.group, [...(groups.get(e.group) ?? []), e]);
  return [...[...groups].flatMap(([group, list]) => checkSpreadGroup(list, group)), ...checkSpreadGroup(entries, T.wholeBank)];
}

/** Every rule over the whole bank, errors first. */
export function checkBank(entries: readonly Located[]): Problem[] {
  const all = [...checkDuplicates(entries), ...entries.flatMap(checkQuestion), ...checkNearDuplicates(entries), ...checkAnswerSpread(entries)];
  return [...all.filter((p) => p.severity === 'error'), ...all.filter((p) => p.severity === 'warning')];
}

/** "file:12: [meta-option] …" — one line per problem. */
export function formatProblem(p: Problem): string {
  return `${p.at}: [${p.rule}] ${p.message}`;
}
