/** `npm run questions -- report`: what the bank holds and how its questions fare with real answers, as text. */
import { LONGEST, formatShare, longestFigures } from '../bank/longest.ts';
import { letter } from '../bank/quality.ts';
import type { QuestionBank } from '../bank/questions.ts';
import { DIFFICULTY_LABELS } from '../bank/sheet-columns.ts';
import type { QuestionVersionReport, ReportData } from '../services/bank-report.ts';

const pct = (n: number, d: number) => (d === 0 ? '–' : `${Math.round((100 * n) / d)}%`);

/** Questions per topic and difficulty, with totals. */
export function countsTable(bank: QuestionBank): string[] {
  const levels = ['easy', 'medium', 'hard'] as const;
  const row = (label: string, counts: number[]) => `  ${label.padEnd(10)}${counts.map((n) => String(n).padStart(12)).join('')}`;
  const lines = [row('Chủ đề', []) + levels.map((l) => DIFFICULTY_LABELS[l].padStart(12)).join('') + 'Tổng'.padStart(12)];
  for (const t of bank.topics) {
    const qs = bank.questions.filter((q) => q.topic === t.id);
    lines.push(row(t.id, [...levels.map((l) => qs.filter((q) => q.difficulty === l).length), qs.length]));
  }
  lines.push(row('Tổng', [...levels.map((l) => bank.questions.filter((q) => q.difficulty === l).length), bank.questions.length]));
  return lines;
}

/**
 * How often the one longest option (characters after NFC) is the key, per topic file and overall, against the bounds
 * of `questions:check`. Chance is about 25% with four options.
 */
export function longestTable(bank: QuestionBank): string[] {
  const row = (label: string, file: string, questions: number, f: ReturnType<typeof longestFigures>) =>
    `  ${label.padEnd(10)}${file.padEnd(18)}${String(questions).padStart(7)}${String(f.longest).padStart(16)}   ${formatShare(f)}`;
  const lines = [`  ${'Chủ đề'.padEnd(10)}${'Tệp'.padEnd(18)}${'Số câu'.padStart(7)}${'Có PA dài nhất'.padStart(16)}   Là đáp án`];
  for (const t of bank.topics) {
    const qs = bank.questions.filter((q) => q.topic === t.id);
    const f = longestFigures(qs);
    lines.push(row(t.id, t.file.split('/').pop()!, qs.length, f) + (f.key > LONGEST.perFile * f.longest ? `  ✗ > ${LONGEST.perFile * 100}%` : ''));
  }
  const all = longestFigures(bank.questions);
  lines.push(row('Tổng', '', bank.questions.length, all) + (all.key > LONGEST.overall * all.longest ? `  ✗ > ${LONGEST.overall * 100}%` : ''));
  return lines;
}

function statsLine(r: QuestionVersionReport): string {
  const wrong = r.topWrong ? `${letter(r.topWrong.index)} "${r.options[r.topWrong.index]}" ×${r.topWrong.count}` : '–';
  const old = r.active ? '' : ' (phiên bản cũ / old version)';
  const flag = r.needsReview ? '  ⚠ xem lại' : '';
  return `  ${r.questionId.padEnd(12)}${String(r.answered).padStart(5)}${pct(r.correct, r.answered).padStart(7)}   ${letter(r.correctIndex)}   ${wrong}${old}${flag}`;
}

/** The whole report as text; `data` is absent when there is no database yet. */
export function formatReport(bank: QuestionBank, data?: ReportData): string {
  const lines = [
    `Ngân hàng câu hỏi / question bank: ${bank.questions.length} câu, ${bank.topics.length} chủ đề`,
    '',
    'Số câu theo chủ đề và mức độ / per topic and difficulty:',
    ...countsTable(bank),
    '',
    `Phương án dài nhất (số ký tự, NFC) là đáp án / the uniquely longest option is the key (tối đa ${LONGEST.overall * 100}%, mỗi tệp ${LONGEST.perFile * 100}%):`,
    ...longestTable(bank),
  ];
  if (!data) return [...lines, '', 'Chưa có cơ sở dữ liệu: chưa có lượt thi nào / no database yet, no attempts.'].join('\n');
  const drawn = new Set(data.versions.map((v) => v.questionId));
  const never = bank.questions.filter((q) => !drawn.has(q.id)).map((q) => q.id);
  lines.push('', `Câu chưa từng được rút / never drawn: ${never.length} / ${bank.questions.length}`);
  for (let i = 0; i < never.length; i += 8) lines.push(`  ${never.slice(i, i + 8).join(', ')}`);
  const answered = data.versions.filter((v) => v.answered > 0).sort((a, b) => a.correct / a.answered - b.correct / b.answered || b.answered - a.answered);
  const total = answered.reduce((s, v) => s + v.answered, 0);
  const right = answered.reduce((s, v) => s + v.correct, 0);
  lines.push('', `Câu trả lời / answers: ${total}, đúng / correct ${pct(right, total)}`);
  lines.push(`Tỷ lệ trả lời đúng, câu khó nhất trước / share correct, hardest first (${answered.length} câu có câu trả lời):`);
  lines.push(`  ${'Mã câu'.padEnd(12)}${'Lượt'.padStart(5)}${'Đúng'.padStart(7)}   ĐA  Phương án sai được chọn nhiều nhất / most chosen wrong option`);
  lines.push(...answered.map(statsLine));
  const review = answered.filter((v) => v.needsReview);
  lines.push('', `Cần xem lại / to review (≥ 5 lượt, đúng < 40% hoặc một phương án sai được chọn nhiều hơn đáp án): ${review.length}`);
  if (review.length) lines.push(`  ${review.map((r) => r.questionId).join(', ')}`);
  return lines.join('\n');
}
