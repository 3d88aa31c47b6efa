import { compareIndividuals, rankIndividuals, type IndividualResult, type Ranked } from './ranking.ts';
import type { Campaign, Prize, Round } from './types.ts';

/** Without a `results:` block: three winners per round, nobody excluded beyond the officials, no announcement. */
export const DEFAULT_PRIZES: Prize[] = [
  { name: 'Giải nhất', count: 1 },
  { name: 'Giải nhì', count: 1 },
  { name: 'Giải ba', count: 1 },
];

/** A round's prizes: its own when the campaign file gives them, else the campaign's. */
export function prizesOf(campaign: Campaign, round: Round): Prize[] {
  return round.prizes ?? campaign.results?.prizes ?? DEFAULT_PRIZES;
}

/** How many people a round's prizes go to. */
export function winnerCount(prizes: readonly Prize[]): number {
  return prizes.reduce((n, p) => n + p.count, 0);
}

/**
 * A round's results are final once it has closed and nothing received before the close waits to be processed (an
 * answer sent in the last second still counts, so the ranking may still change until then).
 */
export function isFinal(round: Round, now: number, pendingBeforeClose: boolean): boolean {
  return now >= round.closesAt && !pendingBeforeClose;
}

export interface Contender extends IndividualResult {
  /** Organisers and people on the campaign's `exclude:` list are ranked but win nothing. */
  eligible: boolean;
}

export interface Winner<T> {
  rank: number;
  prize: string;
  entry: T;
}

export interface PrizeOutcome<T> {
  ranked: Ranked<T>[];
  winners: Winner<T>[];
  /** Ineligible people ranked ahead of the last winner (or anywhere, when there are fewer winners than prizes). */
  leftOut: number;
}

/**
 * Ranks a round (prediction tie-break once the actual number of perfect scores is known) and gives its prizes in order
 * to eligible people, one prize per person: the first `count` eligible get the first prize, and so on. `contenders`
 * may be a prefix of the round's ranking: ranks depend only on who is ahead.
 */
export function awardPrizes<T extends Contender>(contenders: readonly T[], prizes: readonly Prize[], actualPerfect?: number): PrizeOutcome<T> {
  const ranked = rankIndividuals(contenders, actualPerfect);
  const slots = prizes.flatMap((p) => Array.from({ length: p.count }, () => p.name));
  const winners: Winner<T>[] = [];
  let leftOut = 0;
  for (const r of ranked) {
    if (winners.length === slots.length) break;
    if (!r.entry.eligible) {
      leftOut += 1;
      continue;
    }
    winners.push({ rank: r.rank, prize: slots[winners.length]!, entry: r.entry });
  }
  return { ranked, winners, leftOut };
}

/**
 * Ranks the next page of an already sorted ranking: `before` is the last ranked entry of the previous page (ties
 * across the page boundary share its rank), `position` the 1-based place of the page's first entry.
 */
export function rankPage<T extends IndividualResult>(page: readonly T[], before: Ranked<T> | undefined, position: number, actualPerfect?: number): Ranked<T>[] {
  const out: Ranked<T>[] = [];
  let prev = before;
  page.forEach((entry, i) => {
    const rank = prev && compareIndividuals(prev.entry, entry, actualPerfect) === 0 ? prev.rank : position + i;
    prev = { rank, entry };
    out.push(prev);
  });
  return out;
}
