import { isRoundClosed } from '../core/campaign.ts';
import { perThousand, rankUnits, type UnitResult } from '../core/ranking.ts';
import type { Round } from '../core/types.ts';
import { contestDays } from '../core/time.ts';
import { finishedAttemptsPerDay, publicTotals, registrationsPerDay, type DailyCount } from '../storage/repos/daily.ts';
import { unitResults } from '../storage/repos/leaderboards.ts';
import type { ServiceDeps } from './deps.ts';
import { closeExpiredAttempts } from './quiz.ts';
import { createRoundsService } from './rounds.ts';

/** A unit's public figures: counts only, no person (its best individual is left out on purpose). */
export interface PublicUnit {
  code: string;
  name: string;
  kind: 'commune' | 'agency';
  population: number | null;
  registered: number;
  participants: number;
  attempts: number;
  perThousand: number | null;
  /** Competition rank among the units of its kind (1, 2, 2, 4); null while nobody from it has taken part. */
  rank: number | null;
}

/** A winner of a closed round, as published: rank, prize, name and unit, nothing else. */
export interface PublicWinner {
  rank: number;
  prize: string;
  /** Null for a winner who deleted their data after the close (they keep their place, unnamed). */
  name: string | null;
  unit: string;
}

export interface RoundWinners {
  round: Round;
  winners: PublicWinner[];
  /** People excluded after the results were published, with the day and reason (names only when not deleted). */
  corrections?: { name: string | null; unit: string; reason: string; decidedAt: number }[];
}

export interface DayFigures {
  /** Epoch ms of the local midnight starting the day. */
  dayStart: number;
  registered: number;
  finishedAttempts: number;
}

/** The contest's headline figures. */
export interface PublicTotals {
  registered: number;
  /** People with at least one finished attempt. */
  participated: number;
  /** Finished attempts. */
  attempts: number;
}

/** The live figures the public pages show, read at `at`: counts only, no person. */
export interface PublicFigures {
  at: number;
  totals: PublicTotals;
  communes: PublicUnit[];
  agencies: PublicUnit[];
  perDay: DayFigures[];
}

export interface PublicService {
  figures(): Promise<PublicFigures>;
  /**
   * The winners of each round whose results are final (the rules of /ketquavong: eligibility, prizes), at most
   * `perRound` of each when given: the only people named in public.
   */
  winners(perRound?: number): Promise<RoundWinners[]>;
  /** Registrations and finished attempts per local day, from the opening day until today (or the last day). */
  perDay(unitCode?: string): Promise<DayFigures[]>;
}

function rankedUnits(results: UnitResult[], kind: 'commune' | 'agency'): PublicUnit[] {
  return rankUnits(results).map(({ rank, entry: u }) => ({
    code: u.code,
    name: u.name,
    kind,
    population: u.population,
    registered: u.registered,
    participants: u.participants,
    attempts: u.attempts,
    perThousand: perThousand(u),
    rank,
  }));
}

/** One entry per day of `days` (local midnights; counts by day index from the first), zeros included. */
function dailySeries(days: number[], registered: DailyCount[], finished: DailyCount[]): DayFigures[] {
  const at = (counts: DailyCount[]) => new Map(counts.map((c) => [c.day, c.count]));
  const reg = at(registered);
  const fin = at(finished);
  return days.map((dayStart, d) => ({ dayStart, registered: reg.get(d) ?? 0, finishedAttempts: fin.get(d) ?? 0 }));
}

/** Read-only figures for the public web pages. */
export function createPublicService(deps: ServiceDeps): PublicService {
  const { db, campaign } = deps;

  const rounds = createRoundsService(deps);

  async function perDay(unitCode?: string): Promise<DayFigures[]> {
    const days = contestDays(campaign, deps.now());
    const since = days[0]!;
    const [registered, finished] = await Promise.all([registrationsPerDay(db, since, unitCode), finishedAttemptsPerDay(db, since, unitCode)]);
    return dailySeries(days, registered, finished);
  }

  return {
    perDay: async (unitCode) => (await closeExpiredAttempts(deps), perDay(unitCode)),
    async figures() {
      await closeExpiredAttempts(deps);
      const now = deps.now();
      const [all, communes, agencies, days] = await Promise.all([publicTotals(db), unitResults(db, 'commune'), unitResults(db, 'agency'), perDay()]);
      return { at: now, totals: all, communes: rankedUnits(communes, 'commune'), agencies: rankedUnits(agencies, 'agency'), perDay: days };
    },
    async winners(perRound) {
      const out: RoundWinners[] = [];
      for (const round of campaign.rounds.filter((r) => isRoundClosed(r, deps.now()))) {
        const r = await rounds.results(round.id);
        if (!r?.final) continue;
        const winners = r.winners.slice(0, perRound ?? r.winners.length);
        out.push({
          round,
          winners: winners.map((w) => ({ rank: w.rank, prize: w.prize, name: w.name, unit: w.unit })),
          corrections: r.corrections.map((k) => ({ name: k.name, unit: k.unit, reason: k.reason, decidedAt: k.decidedAt })),
        });
      }
      return out;
    },
  };
}
