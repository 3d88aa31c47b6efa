import { shuffled, type Random } from './random.ts';
import type { AttemptItem, Question, Round } from './types.ts';

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

/** The questions picked so far, and those their `apart` lists keep out of this attempt. */
class Picked {
  readonly list: Question[] = [];
  private readonly blocked = new Set<string>();
  free(q: Question): boolean {
    return !this.blocked.has(q.id) && !this.list.includes(q);
  }
  add(q: Question): void {
    this.list.push(q);
    for (const id of q.apart ?? []) this.blocked.add(id);
  }
  /** Adds up to `n` of `candidates`, in their order, skipping those kept out. */
  fill(candidates: readonly Question[], n: number): void {
    let added = 0;
    for (const q of candidates) {
      if (added === n) break;
      if (this.free(q)) {
        this.add(q);
        added++;
      }
    }
  }
}

/**
 * Fills the topic × difficulty grid so that both the topic shares and the difficulty shares of the whole attempt hold
 * (apportioning difficulty inside each topic would give every one-question topic the same, first difficulty).
 * Each step takes a question from the cell whose topic and difficulty still need the most; ties are drawn at random.
 */
function takeMixed(pool: Question[], topicNeed: Record<string, number>, weights: NonNullable<Round['difficulties']>, count: number, random: Random, picked: Picked): void {
  const needT = { ...topicNeed };
  const needD = apportion(weights as Record<string, number>, count);
  const cells = new Map<string, Question[]>();
  for (const q of shuffled(pool, random)) {
    const key = `${q.topic}\n${q.difficulty}`;
    cells.set(key, [...(cells.get(key) ?? []), q]);
  }
  for (;;) {
    for (const [key, qs] of cells) cells.set(key, qs.filter((q) => picked.free(q)));
    const open = [...cells].map(([key, qs]) => ({ qs, t: key.split('\n')[0]!, d: key.split('\n')[1]! })).filter((c) => c.qs.length && (needT[c.t] ?? 0) > 0 && (needD[c.d] ?? 0) > 0);
    if (open.length === 0) break;
    const score = (c: (typeof open)[number]) => needT[c.t]! * needD[c.d]!;
    const best = Math.max(...open.map(score));
    const ties = open.filter((c) => score(c) === best);
    const cell = ties[Math.floor(random() * ties.length)]!;
    picked.add(cell.qs.shift()!);
    needT[cell.t]! -= 1;
    needD[cell.d]! -= 1;
  }
  // A topic short of some difficulty is made up from its other questions: the topic mix comes first.
  for (const [topic, n] of Object.entries(needT)) {
    picked.fill(
      shuffled(
        pool.filter((q) => q.topic === topic && picked.free(q)),
        random,
      ),
      n,
    );
  }
}

/**
 * Draws `count` distinct questions for one attempt following the round's topic (and difficulty) mix, never two
 * questions that keep apart (`apart`: one gives the other away). When a topic has fewer questions than its share,
 * the shortfall is drawn from the other topics. Throws when the pool cannot fill an attempt (the bank check prevents
 * that at start-up).
 */
export function drawQuestions(bank: readonly Question[], round: Round, count: number, random: Random): Question[] {
  const allowed = round.questionIds ? new Set(round.questionIds) : undefined;
  const pool = allowed ? bank.filter((q) => allowed.has(q.id)) : [...bank];
  if (pool.length < count) {
    throw new Error(`Round ${round.id}: only ${pool.length} questions available, ${count} needed`);
  }
  const shares = apportion(round.topics, count);
  const picked = new Picked();
  if (round.difficulties) takeMixed(pool.filter((q) => q.topic in shares), shares, round.difficulties, count, random, picked);
  else for (const [topic, n] of Object.entries(shares)) picked.fill(shuffled(pool.filter((q) => q.topic === topic), random), n);
  picked.fill(shuffled(pool.filter((q) => picked.free(q)), random), count - picked.list.length);
  if (picked.list.length < count) {
    throw new Error(`Round ${round.id}: only ${picked.list.length} questions can share an attempt, ${count} needed`);
  }
  return shuffled(picked.list, random);
}

/** A random order of option indexes for one question in one attempt, e.g. [2, 0, 3, 1]. */
export function shuffleOptionOrder(optionCount: number, random: Random): number[] {
  return shuffled(
    Array.from({ length: optionCount }, (_, i) => i),
    random,
  );
}

/** A question version's content, as an attempt item shows it. */
export interface ItemContent {
  questionId: string;
  versionId: number;
  text: string;
  options: readonly string[];
  /** Index into options. */
  correct: number;
  explanation: string;
  source: string;
  sourceUrl: string | null;
}

/**
 * One question of an attempt as the person sees it: the options in the attempt's drawn order (`optionOrder`: shown
 * position → original index), the answer given (original option index), if any, and when it was shown.
 */
export function attemptItem(
  content: ItemContent,
  position: number,
  optionOrder: number[],
  answer: { chosenIndex: number; isCorrect: boolean } | null,
  shownAt: number | null,
): AttemptItem {
  return {
    position,
    questionId: content.questionId,
    versionId: content.versionId,
    text: content.text,
    shownOptions: optionOrder.map((i) => content.options[i]!),
    optionOrder,
    correctShown: optionOrder.indexOf(content.correct),
    explanation: content.explanation,
    source: content.source,
    sourceUrl: content.sourceUrl,
    chosenShown: answer ? optionOrder.indexOf(answer.chosenIndex) : null,
    isCorrect: answer ? answer.isCorrect : null,
    shownAt,
  };
}
