/**
 * Quality rules of the question bank. Pure functions over questions with a location ("file:line" or
 * "sheet qd749, row 5"); each returns problems. Errors make the bot refuse the bank and an import change nothing;
 * warnings are printed (and fail `questions:check --strict`, which CI runs through the tests). Rules marked
 * `checkOnly` run in `questions:check` alone (src/bank/audit.ts): their errors fail the check, not the bot.
 */
import { foldText } from '../core/input.ts';
import type { Question } from '../core/types.ts';
import { OPTION_LETTERS, vi } from '../messages/vi.ts';
import { viOperator } from '../messages/operator.ts';

const T = viOperator.checks;

export type Severity = 'error' | 'warning';

export const RULES = {
  'duplicate-id': { severity: 'error', what: T.rules['duplicate-id'] },
  'duplicate-text': { severity: 'error', what: T.rules['duplicate-text'] },
  'one-correct': { severity: 'error', what: T.rules['one-correct'] },
  'duplicate-option': { severity: 'error', what: T.rules['duplicate-option'] },
  'meta-option': { severity: 'error', what: T.rules['meta-option'] },
  nfc: { severity: 'error', what: T.rules.nfc },
  'screen-budget': { severity: 'error', what: T.rules['screen-budget'] },
  typography: { severity: 'warning', what: T.rules.typography },
  'near-duplicate': { severity: 'warning', what: T.rules['near-duplicate'] },
  'answer-spread': { severity: 'warning', what: T.rules['answer-spread'] },
  'giveaway-pair': { severity: 'warning', what: T.rules['giveaway-pair'] },
  // Checked by `questions:check` only (src/bank/audit.ts): the bot still starts, an import still goes through.
  'longest-share': { severity: 'error', what: T.rules['longest-share'], checkOnly: true },
  'longest-key': { severity: 'warning', what: T.rules['longest-key'], checkOnly: true },
  giveaway: { severity: 'error', what: T.rules.giveaway, checkOnly: true },
  'source-url': { severity: 'error', what: T.rules['source-url'], checkOnly: true },
  'source-row': { severity: 'warning', what: T.rules['source-row'], checkOnly: true },
  population: { severity: 'warning', what: T.rules.population, checkOnly: true },
} as const satisfies Record<string, { severity: Severity; what: string; checkOnly?: true }>;

export type Rule = keyof typeof RULES;

export interface Problem {
  rule: Rule;
  severity: Severity;
  at: string;
  message: string;
}

/** A question and where it lives; `group` is its file (or sheet) for the per-file spread rule. */
export interface Located {
  question: Question;
  at: string;
  group: string;
}

const problem = (rule: Rule, at: string, message: string): Problem => ({ rule, severity: RULES[rule].severity, at, message });

export const letter = (i: number) => String.fromCharCode(65 + i);

/** The correct index points at an existing option (a single letter; the schema refuses "A, C"). */
export function checkOneCorrect({ question: q, at }: Located): Problem[] {
  const ok = Number.isInteger(q.correct) && q.correct >= 0 && q.correct < q.options.length;
  return ok ? [] : [problem('one-correct', at, T.oneCorrect(q.options.length, letter(q.options.length - 1)))];
}

/** Options that are the same after folding case, spaces and diacritics. */
export function checkDistinctOptions({ question: q, at }: Located): Problem[] {
  const seen = new Map<string, number>();
  const out: Problem[] = [];
  q.options.forEach((o, i) => {
    const key = foldText(o).replace(/[.,;:!?]+$/u, '');
    const first = seen.get(key);
    if (first !== undefined) out.push(problem('duplicate-option', at, T.duplicateOption(letter(i), letter(first))));
    else seen.set(key, i);
  });
  return out;
}

// Options that point at other options mean nothing once the bot shuffles them (folded text, no diacritics).
const META_OPTION = [
  /\btat ca (cac )?(dap an|phuong an|y|cau tra loi)\b/u,
  /\b(tat ca|ca hai|ca 2|ca ba|ca 3|hai|ba) (cac )?(dap an|phuong an|y)? ?(tren|deu dung|deu sai)\b/u,
  /\bkhong (co )?(dap an|phuong an|y|cau tra loi) nao\b/u,
  /\b(dap an|phuong an|y) (khac|tren)\b/u,
  /\bca [a-f] va [a-f]\b/u,
  /^[a-f]( ?, ?[a-f])* (va|hoac) [a-f]\b/u,
  /\b(dap an|phuong an|y) [a-f]\b/u,
  /\b(all|none|both) of (the )?(above|these)\b/u,
  /\bboth [a-f] and [a-f]\b/u,
];

/** No "tất cả các đáp án trên", "cả A và B", "không có đáp án nào", "all of the above"… */
export function checkMetaOptions({ question: q, at }: Located): Problem[] {
  return q.options.flatMap((o, i) =>
    META_OPTION.some((re) => re.test(foldText(o)))
      ? [problem('meta-option', at, T.metaOption(letter(i), o))]
      : [],
  );
}

function fieldsOf(q: Question): [string, string][] {
  return [['text', q.text], ...q.options.map((o, i): [string, string] => [`options ${letter(i)}`, o]), ['explanation', q.explanation], ['source', q.source]];
}

/** Vietnamese text in NFC (precomposed): decomposed text looks the same but does not match when searched or compared. */
export function checkNfc({ question: q, at }: Located): Problem[] {
  return fieldsOf(q)
    .filter(([, s]) => s !== s.normalize('NFC'))
    .map(([field]) => problem('nfc', at, T.notNfc(field)));
}

const TYPO: [RegExp, string][] = [
  [/ {2,}/u, T.typography.doubleSpace],
  [/\s[,.;:!?)\]…%]/u, T.typography.spaceBeforePunctuation],
  [/[([]\s/u, T.typography.spaceAfterBracket],
  [/[\t\u00a0\u200b]/u, T.typography.invisible],
  [/^\s|\s$/u, T.typography.edges],
];

/** No double spaces, no space before punctuation, no invisible characters. */
export function checkTypography({ question: q, at }: Located): Problem[] {
  return fieldsOf(q).flatMap(([field, s]) => TYPO.filter(([re]) => re.test(s)).map(([, what]) => problem('typography', at, `${field}: ${what}`)));
}

/** A phone in portrait shows about this many characters per line of a chat bubble and this many lines at once. */
export const SCREEN = { charsPerLine: 34, lines: 22 } as const;

/** Lines a text takes when word-wrapped at `width` characters (greedy, like a chat bubble). */
export function wrappedLines(text: string, width: number = SCREEN.charsPerLine): number {
  let lines = 0;
  for (const para of text.split('\n')) {
    lines += 1;
    let used = 0;
    for (const word of para.split(' ')) {
      let len = [...word].length;
      if (used > 0 && used + 1 + len <= width) {
        used += 1 + len;
        continue;
      }
      if (used > 0) lines += 1;
      for (; len > width; len -= width) lines += 1;
      used = len;
    }
  }
  return lines;
}

/** Screen lines of a question as the bot sends it (message text plus one answer button per option). */
export function renderedLines(q: Question): number {
  const message = vi.question(10, 10, q.text, q.options, OPTION_LETTERS);
  return wrappedLines(message) + q.options.length;
}

/** The question, its options and the answer buttons fit one phone screen without scrolling. */
export function checkScreenBudget({ question: q, at }: Located): Problem[] {
  const lines = renderedLines(q);
  return lines <= SCREEN.lines ? [] : [problem('screen-budget', at, T.screenBudget(lines, SCREEN.lines))];
}

/** Every per-question rule. */
export function checkQuestion(entry: Located): Problem[] {
  return [checkOneCorrect, checkDistinctOptions, checkMetaOptions, checkNfc, checkTypography, checkScreenBudget].flatMap((rule) => rule(entry));
}
