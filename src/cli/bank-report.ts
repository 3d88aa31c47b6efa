/** `npm run questions -- report`: what the bank holds and how its questions fare with real answers, as text. */
import { LONGEST, formatShare, longestFigures } from '../bank/longest.ts';
import { letter } from '../bank/quality.ts';
import type { QuestionBank } from '../bank/questions.ts';
import { DIFFICULTY_LABELS } from '../bank/sheet-columns.ts';
import type { QuestionVersionReport, ReportData } from '../services/bank-report.ts';
import { viOperator } from '../messages/operator.ts';

const T = viOperator.report;

const pct = (n: number, d: number) => (d === 0 ? '–' : `${Math.round((100 * n) / d)}%`);

/** Questions per topic and difficulty, with totals. */
export function countsTable(bank: QuestionBank): string[] {
  const levels = ['easy', 'medium', 'hard'] as const;
  const row = (label: string, counts: number[]) => `  ${label.padEnd(10)}${counts.map((n) => String(n).padStart(12)).join('')}`;
  const lines = [row(T.topic, []) + levels.map((l) => DIFFICULTY_LABELS[l].padStart(12)).join('') + T.total.padStart(12)];
  for (const t of bank.topics) {
    const qs = bank.questions.filter((q) => q.topic === t.id);
    lines.push(row(t.id, [...levels.map((l) => qs.filter((q) => q.difficulty === l).length), qs.length]));
  }
  lines.push(row(T.total, [...levels.map((l) => bank.questions.filter((q) => q.difficulty === l).length), bank.questions.length]));
  return lines;
}

/**
 * How often the one longest option (characters after NFC) is the key, per topic file and overall, against the bounds
 * of `questions:check`. Chance is about 25% with four options.
 */
export function longestTable(bank: QuestionBank): string[] {
  const row = (label: string, file: string, questions: number, f: ReturnType<typeof longestFigures>) =>
    `  ${label.padEnd(10)}${file.padEnd(18)}${String(questions).padStart(7)}${String(f.longest).padStart(16)}   ${formatShare(f)}`;
  const lines = [`  ${T.topic.padEnd(10)}${T.file.padEnd(18)}${T.questions.padStart(7)}${T.hasLongest.padStart(16)}   ${T.isKey}`];
  for (const t of bank.topics) {
    const qs = bank.questions.filter((q) => q.topic === t.id);
    const f = longestFigures(qs);
    lines.push(row(t.id, t.file.split('/').pop()!, qs.length, f) + (f.key > LONGEST.perFile * f.longest ? `  ✗ > ${LONGEST.perFile * 100}%` : ''));
  }
  const all = longestFigures(bank.questions);
  lines.push(row(T.total, '', bank.questions.length, all) + (all.key > LONGEST.overall * all.longest ? `  ✗ > ${LONGEST.overall * 100}%` : ''));
  return lines;
}

function statsLine(r: QuestionVersionReport): string {
  const wrong = r.topWrong ? `${letter(r.topWrong.index)} "${r.options[r.topWrong.index]}" ×${r.topWrong.count}` : '–';
  const old = r.active ? '' : T.oldVersion;
  const flag = r.needsReview ? T.review : '';
  return `  ${r.questionId.padEnd(12)}${String(r.answered).padStart(5)}${pct(r.correct, r.answered).padStart(7)}   ${letter(r.correctIndex)}   ${wrong}${old}${flag}`;
}

/** The whole report as text; `data` is absent when there is no database yet. */
export function formatReport(bank: QuestionBank, data?: ReportData): string {
  const lines = [
    T.bank(bank.questions.length, bank.topics.length),
    '',
    T.perTopic,
    ...countsTable(bank),
    '',
    T.longest(LONGEST.overall * 100, LONGEST.perFile * 100),
    ...longestTable(bank),
  ];
  if (!data) return [...lines, '', T.noDatabase].join('\n');
  const drawn = new Set(data.versions.map((v) => v.questionId));
  const never = bank.questions.filter((q) => !drawn.has(q.id)).map((q) => q.id);
  lines.push('', T.neverDrawn(never.length, bank.questions.length));
  for (let i = 0; i < never.length; i += 8) lines.push(`  ${never.slice(i, i + 8).join(', ')}`);
  const answered = data.versions.filter((v) => v.answered > 0).sort((a, b) => a.correct / a.answered - b.correct / b.answered || b.answered - a.answered);
  const total = answered.reduce((s, v) => s + v.answered, 0);
  const right = answered.reduce((s, v) => s + v.correct, 0);
  lines.push('', T.answers(total, pct(right, total)));
  lines.push(T.shareCorrect(answered.length));
  lines.push(`  ${T.columns.id.padEnd(12)}${T.columns.answered.padStart(5)}${T.columns.correct.padStart(7)}   ${T.columns.key}`);
  lines.push(...answered.map(statsLine));
  const review = answered.filter((v) => v.needsReview);
  lines.push('', T.toReview(review.length));
  if (review.length) lines.push(`  ${review.map((r) => r.questionId).join(', ')}`);
  return lines.join('\n');
}
