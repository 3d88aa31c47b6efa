import type { Campaign, Round } from './types.ts';

/** The instant after which no answer of an attempt counts: time allowed, or the round's closing, whichever is first. */
export function attemptDeadline(campaign: Campaign, round: Round, startedAt: number): number {
  return Math.min(startedAt + campaign.attemptMinutes * 60_000, round.closesAt, campaign.closesAt);
}

export type StartRefusal =
  | { reason: 'not_open'; opensAt: number }
  | { reason: 'between_rounds'; nextOpensAt: number }
  | { reason: 'closed'; closedAt: number }
  | { reason: 'no_attempts_left'; allowed: number; roundClosesAt: number };

/** Whether a person who finished `finishedInRound` attempts in the round may start another. */
export function attemptsLeft(campaign: Campaign, finishedInRound: number): number {
  return Math.max(0, campaign.attemptsPerRound - finishedInRound);
}

export interface ResultKey {
  score: number;
  durationMs: number;
  finishedAt: number;
}

/**
 * Orders two finished attempts of the same person: higher score, then shorter time, then earlier finish.
 * Negative when `a` is better. The best attempt of a round is the one that counts.
 */
export function compareAttempts(a: ResultKey, b: ResultKey): number {
  return b.score - a.score || a.durationMs - b.durationMs || a.finishedAt - b.finishedAt;
}
