import { shuffled, type Random } from './random.ts';
import type { Difficulty, Question, Round } from './types.ts';

/** Splits `total` into integer parts proportional to `weights` (largest remainder). */
export function apportion(weights: Record<string, number>, total: number): Record<string, number> {
  const entries = Object.entries(weights).filter(([, w]) => w > 0);
  const sum = entries.reduce((s, [, w]) => s + w, 0);
  const out: Record<string, number> = {};
  if (sum === 0) return out;
  const exact = entries.map(([k, w]) => ({ k, x: (w / sum) * total }));
  let given = 0;
  for (const { k, x } of exact) {
    out[k] = Math.floor(x);
    given += out[k];
  }
  const byRemainder = [...exact].sort((a, b) => b.x - Math.floor(b.x) - (a.x - Math.floor(a.x)));
  for (let i = 0; given < total && i < byRemainder.length; i++, given++) out[byRemainder[i]!.k]! += 1;
  return out;
}

function takeByDifficulty(
  pool: Question[],
  count: number,
  weights: Round['difficulties'],
  random: Random,
): Question[] {
  const mixed = shuffled(pool, random);
  if (!weights) return mixed.slice(0, count);
  const shares = apportion(weights as Record<string, number>, count);
  const picked: Question[] = [];
  for (const [difficulty, n] of Object.entries(shares)) {
    picked.push(...mixed.filter((q) => q.difficulty === (difficulty as Difficulty)).slice(0, n));
  }
  // A difficulty with too few questions is made up from the rest of the topic.
  const rest = mixed.filter((q) => !picked.includes(q));
  return [...picked, ...rest.slice(0, count - picked.length)];
}

/**
 * Draws `count` distinct questions for one attempt following the round's topic (and difficulty) mix.
 * When a topic has fewer questions than its share, the shortfall is drawn from the other topics.
 * Throws when the whole pool is smaller than `count` (the bank check prevents that at start-up).
 */
export function drawQuestions(bank: readonly Question[], round: Round, count: number, random: Random): Question[] {
  const allowed = round.questionIds ? new Set(round.questionIds) : undefined;
  const pool = allowed ? bank.filter((q) => allowed.has(q.id)) : [...bank];
  if (pool.length < count) {
    throw new Error(`Round ${round.id}: only ${pool.length} questions available, ${count} needed`);
  }
  const shares = apportion(round.topics, count);
  const picked: Question[] = [];
  for (const [topic, n] of Object.entries(shares)) {
    picked.push(...takeByDifficulty(pool.filter((q) => q.topic === topic), n, round.difficulties, random));
  }
  const rest = shuffled(pool.filter((q) => !picked.includes(q)), random);
  picked.push(...rest.slice(0, count - picked.length));
  return shuffled(picked, random);
}

/** A random order of option indexes for one question in one attempt, e.g. [2, 0, 3, 1]. */
export function shuffleOptionOrder(optionCount: number, random: Random): number[] {
  return shuffled(
    Array.from({ length: optionCount }, (_, i) => i),
    random,
  );
}
