import { formatClosingDate, formatDate, formatDateTime } from '../core/time.ts';
import type { StartRefusal } from '../core/rules.ts';
import { OPTION_LETTERS, vi } from '../messages/vi.ts';
import type { AttemptItem, FinishedAttempt } from '../services/quiz.ts';
import { SKIP_PREDICTION_DATA, answerData } from '../contract/callback-data.ts';
import type { Campaign } from '../core/types.ts';
import type { Capabilities, OutMessage } from '../contract/messages.ts';

export function questionText(item: AttemptItem, total: number): string {
  return vi.question(item.position + 1, total, item.text, item.shownOptions, OPTION_LETTERS);
}

/** One question as one message: text with lettered options, a button per option where the channel has buttons. */
export function questionMessage(attemptId: number, item: AttemptItem, total: number, caps: Capabilities): OutMessage {
  const letters = OPTION_LETTERS.slice(0, item.shownOptions.length);
  const hint = vi.answerHint(letters, caps.buttons);
  return {
    text: hint ? `${questionText(item, total)}\n\n${hint}` : questionText(item, total),
    shows: { attemptId, position: item.position },
    choices: item.shownOptions.map((o, i) => ({ data: answerData(attemptId, item.position, i), label: `${letters[i]}. ${o}`, key: letters[i]! })),
    columns: 1,
    listChoices: false,
  };
}

/** The question as it reads once answered: the choice shown, no buttons (a clean transcript). */
export function answeredEcho(item: AttemptItem, total: number): string {
  const i = item.chosenShown!;
  return `${questionText(item, total)}\n\n${vi.chosen(OPTION_LETTERS[i]!, item.shownOptions[i]!)}`;
}

export function finishedMessages(f: FinishedAttempt, campaign: Campaign): OutMessage[] {
  const total = f.attempt.questionCount;
  const score = f.attempt.score ?? 0;
  const lines = [vi.finished(score, total, vi.duration(f.attempt.durationMs ?? 0))];
  if (f.reason === 'time_up') lines.unshift(vi.timeUp);
  if (score === total) lines.push(vi.perfect);
  const wrong = f.items.filter((i) => !i.isCorrect);
  if (wrong.length) {
    lines.push('', vi.wrongHeader);
    for (const w of wrong) {
      const chosen = w.chosenShown === null ? null : `${OPTION_LETTERS[w.chosenShown]}. ${w.shownOptions[w.chosenShown]}`;
      const right = `${OPTION_LETTERS[w.correctShown]}. ${w.shownOptions[w.correctShown]}`;
      lines.push(vi.wrongItem(w.position + 1, w.text, chosen, right, w.explanation, w.source, w.sourceUrl));
    }
  }
  lines.push('', vi.attemptsLeft(f.attemptsLeft));
  // Several source links: Telegram would preview the first one under the results, which helps nobody.
  return [{ text: lines.join('\n'), noPreview: true }, predictionMessage(f.attempt.id, campaign)];
}

/** The tie-break prediction question asked after an attempt. */
export function predictionMessage(attemptId: number, campaign: Campaign): OutMessage {
  return {
    text: vi.predictionAsk(campaign.predictionQuestion),
    shows: { attemptId, position: 'prediction' },
    choices: [{ data: SKIP_PREDICTION_DATA, label: vi.predictionSkip, key: 'bỏ qua' }],
    listChoices: false,
  };
}

export function refusalText(r: StartRefusal, campaign: Campaign): string {
  const tz = campaign.timezone;
  switch (r.reason) {
    case 'closed':
      return vi.refusedClosed(formatClosingDate(r.closedAt, tz));
    case 'not_open':
      return vi.refusedNotOpen(formatDateTime(r.opensAt, tz));
    case 'between_rounds':
      return vi.refusedBetween(formatDateTime(r.nextOpensAt, tz));
    case 'no_attempts_left':
      return vi.refusedNoAttempts(r.allowed, formatDateTime(r.roundClosesAt, tz));
  }
}

export function attemptDate(at: number, campaign: Campaign): string {
  return formatDate(at, campaign.timezone);
}
