/**
 * Questions that give away another question's answer: the words of a key that set it apart from its distractors, or
 * its document number, standing in another question's text or options (compared without accents or case). Pure
 * functions; `questions:check` reports each pair, the allow-list (giveaway-pairs.yaml) accepts some, and the draw never
 * puts an accepted pair into one attempt.
 */
import { foldText } from '../core/input.ts';
import type { Question } from '../core/types.ts';
import { RULES, letter, type Located, type Problem } from './quality.ts';
import { viOperator } from '../messages/operator.ts';

const T = viOperator.checks;

/**
 * A run of the key's words is a clue when it has at least `words` words and covers at least `cover` of the key (a
 * fragment of a long key, "phát triển kinh tế", is the bank's common vocabulary, not the answer).
 */
export const GIVEAWAY = { words: 4, cover: 0.75 } as const;
const GIVEAWAY_RUN = GIVEAWAY.words;

/** A document number ("52-NQ/TW", "749/QĐ-TTg", "13/2023/NĐ-CP"), else a word of letters and digits. */
const TOKEN = /(\d+(?:\/\d{4})?[-/]\p{L}+(?:[-/][\p{L}\p{N}]+)*)|[\p{L}\p{N}]+/gu;

/** A document number stands as this one word in runs: the number itself is a clue of its own (documentNumbers). */
const NUMBER_WORD = '#';

/** The words of a text as written (NFC) and folded (no accents, lower case; a document number folded whole). */
function tokens(text: string): { original: string; folded: string; number: boolean }[] {
  return [...text.normalize('NFC').matchAll(TOKEN)].map((m) => ({ original: m[0], folded: foldText(m[0]), number: m[1] !== undefined }));
}

/** Folded words of a text, each document number as "#". */
export function words(text: string): string[] {
  return tokens(text).map((t) => (t.number ? NUMBER_WORD : t.folded));
}

/** Folded document numbers ("52-nq/tw", "749/qd-ttg", "13/2023/nd-cp") in a text. */
export function documentNumbers(text: string): string[] {
  return tokens(text)
    .filter((t) => t.number)
    .map((t) => t.folded);
}

const runs = (list: readonly string[], n: number) => Array.from({ length: Math.max(0, list.length - n + 1) }, (_, i) => list.slice(i, i + n).join(' '));

/** The clues of a question: runs of GIVEAWAY.words words and document numbers of its key found in none of its distractors. */
export function keyClues(q: Question): { runs: string[]; numbers: string[]; keyWords: number } {
  const key = q.options[q.correct] ?? '';
  const distractors = q.options.filter((_, i) => i !== q.correct);
  const inDistractor = (run: string) => distractors.some((d) => ` ${words(d).join(' ')} `.includes(` ${run} `));
  const numbers = new Set(distractors.flatMap(documentNumbers));
  return {
    runs: [...new Set(runs(words(key), GIVEAWAY_RUN))].filter((r) => !inDistractor(r)),
    numbers: [...new Set(documentNumbers(key))].filter((n) => !numbers.has(n)),
    keyWords: words(key).length,
  };
}

export interface Giveaway {
  /** The question whose key is given away. */
  giver: Question;
  /** The question that shows it. */
  shows: Question;
  /** Where in `shows`: "câu hỏi" (its text) or "phương án B". */
  where: string;
  /** The words found, or the document number, as that place writes them. */
  clue: string;
}

/** Joins overlapping runs found in one place into the longest stretch of words, for a readable message. */
function merge(found: readonly string[]): string[] {
  const out: string[][] = [];
  for (const run of found.map((r) => r.split(' '))) {
    const last = out.at(-1);
    if (last && last.slice(-(GIVEAWAY_RUN - 1)).join(' ') === run.slice(0, GIVEAWAY_RUN - 1).join(' ')) last.push(run.at(-1)!);
    else out.push([...run]);
  }
  return out.map((r) => r.join(' '));
}

/** A text where clues are looked for: its words as written (for messages) and folded (for matching). */
function placeOf(where: string, text: string) {
  const all = tokens(text);
  const folded = words(text);
  return { where, all, folded, joined: ` ${folded.join(' ')} `, numbers: new Set(documentNumbers(text)) };
}

/** The run of words, or the document number, as the place writes it (accents and case kept). */
function asWritten(place: ReturnType<typeof placeOf>, clue: string): string {
  const n = clue.split(' ').length;
  for (let i = 0; i + n <= place.folded.length; i++) {
    const found = place.folded.slice(i, i + n).join(' ') === clue || (n === 1 && place.all[i]!.number && place.all[i]!.folded === clue);
    if (found) return place.all.slice(i, i + n).map((t) => t.original).join(' ');
  }
  return clue;
}

/**
 * Every place where one question's key clue stands in another question's text or options: a run of the key's words
 * (at least GIVEAWAY.words, covering GIVEAWAY.cover of the key) found in none of its distractors, or a document number
 * of the key found in none of its distractors — the number only while some distractor's number is shown nowhere else
 * in the bank (when every option's number appears in other questions, seeing one of them singles nothing out).
 */
export function findGiveaways(questions: readonly Question[]): Giveaway[] {
  const places = questions.map((q) => [placeOf(T.placeQuestion, q.text), ...q.options.map((o, i) => placeOf(T.placeOption(letter(i)), o))]);
  const shownElsewhere = (n: string, giver: number) => places.some((list, j) => j !== giver && list.some((p) => p.numbers.has(n)));
  const out: Giveaway[] = [];
  questions.forEach((giver, g) => {
    const clues = keyClues(giver);
    const hidden = giver.options.some((o, i) => i !== giver.correct && documentNumbers(o).some((n) => !shownElsewhere(n, g)));
    const numbers = hidden ? clues.numbers : [];
    if (!clues.runs.length && !numbers.length) return;
    questions.forEach((shows, j) => {
      if (j === g) return;
      for (const place of places[j]!) {
        const runsFound = merge(clues.runs.filter((r) => place.joined.includes(` ${r} `))).filter((r) => r.split(' ').length >= GIVEAWAY.cover * clues.keyWords);
        for (const clue of [...runsFound, ...numbers.filter((n) => place.numbers.has(n))]) out.push({ giver, shows, where: place.where, clue: asWritten(place, clue) });
      }
    });
  });
  return out;
}

/** The unordered pair of two ids, as the allow-list writes it ("a b", sorted). */
export const pairKey = (a: string, b: string) => [a, b].sort().join(' ');

/** A pair of questions accepted as they are (question-bank/giveaway-pairs.yaml): never drawn into one attempt. */
export interface AllowedPair {
  a: string;
  b: string;
  reason: string;
  /** "question-bank/giveaway-pairs.yaml:12" */
  at: string;
}

/**
 * One error per pair of questions where one gives away the other and the pair is not in the allow-list, at the
 * question that shows the clue, with every clue found.
 */
export function checkGiveaways(entries: readonly Located[], allowed: readonly AllowedPair[], allowListFile: string): Problem[] {
  const at = new Map(entries.map((e) => [e.question.id, e.at]));
  const accepted = new Set(allowed.map((p) => pairKey(p.a, p.b)));
  const byPair = new Map<string, Giveaway[]>();
  for (const g of findGiveaways(entries.map((e) => e.question))) {
    const key = pairKey(g.giver.id, g.shows.id);
    if (!accepted.has(key)) byPair.set(key, [...(byPair.get(key) ?? []), g]);
  }
  return [...byPair.values()].map((found) => {
    const first = found[0]!;
    const clues = found.map((g) => T.giveawayClue(g.shows.id, g.where, g.clue, g.giver.id)).join('; ');
    const pair = [first.giver.id, first.shows.id].sort().join(', ');
    return {
      rule: 'giveaway',
      severity: RULES.giveaway.severity,
      at: at.get(first.shows.id) ?? first.shows.id,
      message: T.giveaway(clues, first.giver.id, at.get(first.giver.id), pair, allowListFile),
    };
  });
}
