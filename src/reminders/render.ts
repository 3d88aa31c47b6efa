import { commandData } from '../contract/callback-data.ts';
import { formatClosingDate } from '../core/time.ts';
import { daysLeft } from '../core/time.ts';
import type { Campaign, Unit } from '../core/types.ts';
import type { OutMessage } from '../contract/messages.ts';
import { viReminders as t, viRounds } from '../messages/vi.ts';
import type { Recipient, RunContext } from '../services/reminder-delivery.ts';

/** A personal reminder: name, the round, days left, the commune's participation rank; a "Vào thi" button where possible. */
export function renderReminder(campaign: Campaign, units: readonly Unit[], r: Recipient, roundId: string | null, ctx: RunContext, now: number): OutMessage {
  const round = campaign.rounds.find((x) => x.id === roundId);
  const roundName = round?.name ?? campaign.title;
  const name = r.fullName ?? '';
  const lines = [
    r.audience === 'improve'
      ? t.improve(name, roundName, r.bestScore ?? 0, r.questionCount ?? campaign.questionsPerAttempt, Math.max(0, campaign.attemptsPerRound - r.finished))
      : t.start(name, roundName),
    t.daysLeft(daysLeft(now, campaign.closesAt, campaign.timezone), formatClosingDate(campaign.closesAt, campaign.timezone)),
  ];
  const rank = r.communeCode ? ctx.communeRanks[r.communeCode] : undefined;
  const commune = units.find((u) => u.code === r.communeCode);
  if (rank && commune) lines.push(t.commune(campaign.labels, commune.name, rank[0], rank[1]));
  lines.push(t.footer);
  // The text already says "gõ /thi": text-only channels need not list the button as a numbered choice.
  return { text: lines.join('\n'), choices: [{ data: commandData('thi'), label: t.playButton, key: 'thi' }], listChoices: false };
}

/** A round's results to one participant: their rank, their prize if any, and the winners. */
export function renderRoundResults(
  campaign: Campaign,
  r: Recipient,
  roundId: string | null,
  rank: number | null,
  ctx: RunContext,
  names: ReadonlyMap<number, { name: string | null; unit: string }>,
): OutMessage {
  const round = campaign.rounds.find((x) => x.id === roundId);
  const roundName = round?.name ?? campaign.title;
  const results = ctx.results ?? { participants: 0, winners: [] };
  const lines = [viRounds.announceHeader(roundName, campaign.title)];
  if (rank !== null) lines.push(viRounds.announceRank(r.fullName ?? '', roundName, rank, results.participants));
  const mine = results.winners.find((w) => w.participantId === r.id);
  if (mine) lines.push(viRounds.announcePrize(mine.prize));
  if (results.winners.length) {
    lines.push('', viRounds.announceWinners, ...results.winners.map((w) => {
      const who = names.get(w.participantId);
      return viRounds.announceWinnerRow(w.prize, who?.name ?? viRounds.deleted, who?.unit ?? '');
    }));
  }
  lines.push('', viRounds.announceFooter);
  return { text: lines.join('\n') };
}
