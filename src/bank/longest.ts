/**
 * The longest option gives the answer away: shuffling hides a key's letter, not its length. Figures and rules over
 * questions (lengths in characters after NFC): how often a uniquely longest option is the key, per file and overall,
 * and keys that are the longest by a clear margin.
 */
import type { Question } from '../core/types.ts';
import type { Located, Problem } from './quality.ts';
import { viOperator } from '../messages/operator.ts';

const T = viOperator.checks;

export const LONGEST = {
  /** Highest share of questions with a uniquely longest option whose longest option is the key (chance: ~25%). */
  overall: 0.3,
  perFile: 0.35,
  /** A key this much longer than the next option, in share and in characters, is a clear giveaway. */
  marginShare: 0.2,
  marginChars: 10,
} as const;

/** Length in characters (code points) after NFC: "Đ" is one character whichever way it was typed. */
export const optionLength = (s: string) => [...s.normalize('NFC')].length;

/** The index of the one option strictly longer than all others, with its lead over the next; undefined on a tie. */
export function uniquelyLongest(q: Question): { index: number; length: number; next: number } | undefined {
  const lengths = q.options.map(optionLength);
  const sorted = [...lengths].sort((a, b) => b - a);
  if (sorted.length < 2 || sorted[0] === sorted[1]) return undefined;
  return { index: lengths.indexOf(sorted[0]!), length: sorted[0]!, next: sorted[1]! };
}

export interface LongestFigures {
  questions: number;
  /** Questions with a uniquely longest option. */
  longest: number;
  /** Of those, the ones whose longest option is the key. */
  key: number;
}

export function longestFigures(questions: readonly Question[]): LongestFigures {
  let longest = 0;
  let key = 0;
  for (const q of questions) {
    const l = uniquelyLongest(q);
    if (!l) continue;
    longest++;
    if (l.index === q.correct) key++;
  }
  return { questions: questions.length, longest, key };
}

export const longestShare = (f: LongestFigures) => (f.longest === 0 ? 0 : f.key / f.longest);

/** "41/95 (43%)" */
export const formatShare = (f: LongestFigures) => `${f.key}/${f.longest} (${Math.round(100 * longestShare(f))}%)`;

/** The key is the uniquely longest option by at least 20% and 10 characters. */
export function clearlyLongestKey(q: Question): { length: number; next: number } | undefined {
  const l = uniquelyLongest(q);
  if (!l || l.index !== q.correct) return undefined;
  return l.length - l.next >= LONGEST.marginChars && l.length >= l.next * (1 + LONGEST.marginShare) ? l : undefined;
}

const problem = (rule: 'longest-share' | 'longest-key', severity: 'error' | 'warning', at: string, message: string): Problem => ({ rule, severity, at, message });

/**
 * Errors when the longest option is the key too often (per file, `group`, and over the whole bank); a warning for each
 * key that is clearly the longest, unless the question says why (`longest_ok`).
 */
export function checkLongest(entries: readonly Located[]): Problem[] {
  const groups = new Map<string, Question[]>();
  for (const e of entries) groups.set(e.group, [...(groups.get(e.group) ?? []), e.question]);
  const out: Problem[] = [];
  const share = (where: string, questions: Question[], bound: number, scope: string) => {
    const f = longestFigures(questions);
    if (longestShare(f) <= bound) return;
    out.push(
      problem(
        'longest-share',
        'error',
        where,
        T.longestShare(formatShare(f), Math.round(bound * 100), scope),
      ),
    );
  };
  for (const [group, questions] of groups) share(group, questions, LONGEST.perFile, T.perFile);
  share(T.wholeBank, entries.map((e) => e.question), LONGEST.overall, T.overall);
  for (const { question: q, at } of entries) {
    const l = clearlyLongestKey(q);
    if (!l || q.longestOk) continue;
    out.push(
      problem(
        'longest-key',
        'warning',
        at,
        T.longestKey(q.id, l.length, l.next),
      ),
    );
  }
  return out;
}
