import type { Campaign, Round } from './types.ts';

export type ContestPhase =
  | { phase: 'not_open'; opensAt: number }
  | { phase: 'open'; round: Round }
  | { phase: 'between_rounds'; nextRound: Round }
  | { phase: 'closed'; closedAt: number };

/** Where the contest stands at `now`: which round is playable, if any. */
export function contestPhase(campaign: Campaign, now: number): ContestPhase {
  if (now >= campaign.closesAt) return { phase: 'closed', closedAt: campaign.closesAt };
  if (now < campaign.opensAt) return { phase: 'not_open', opensAt: campaign.opensAt };
  const round = campaign.rounds.find((r) => r.opensAt <= now && now < r.closesAt);
  if (round) return { phase: 'open', round };
  const nextRound = campaign.rounds.find((r) => r.opensAt > now);
  if (nextRound) return { phase: 'between_rounds', nextRound };
  return { phase: 'closed', closedAt: campaign.closesAt };
}

/** The round that is open at `now`, or undefined. */
export function openRound(campaign: Campaign, now: number): Round | undefined {
  const p = contestPhase(campaign, now);
  return p.phase === 'open' ? p.round : undefined;
}

/** Rounds whose closing instant has passed at `now` (the prediction tie-break applies to them). */
export function isRoundClosed(round: Round, now: number): boolean {
  return now >= round.closesAt;
}

/**
 * Moves the whole campaign so that it closes at `newClosesAt`: opening and every round shift by the same amount.
 * Used for rehearsals (CONTEST_CLOSES_AT) and the demo campaign.
 */
export function shiftCampaign(campaign: Campaign, newClosesAt: number): Campaign {
  const delta = newClosesAt - campaign.closesAt;
  return {
    ...campaign,
    opensAt: campaign.opensAt + delta,
    closesAt: newClosesAt,
    rounds: campaign.rounds.map((r) => ({ ...r, opensAt: r.opensAt + delta, closesAt: r.closesAt + delta })),
  };
}

/** The demo campaign: the configured format, closing 7 days after `now`, clearly labelled. */
export function demoCampaign(campaign: Campaign, now: number): Campaign {
  const shifted = shiftCampaign(campaign, now + 7 * 24 * 3600_000);
  return { ...shifted, id: `${campaign.id}-demo`, title: `[DEMO] ${campaign.title}`, demo: true };
}
