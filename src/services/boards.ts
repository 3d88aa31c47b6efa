import { isRoundClosed } from '../core/campaign.ts';
import type { MobiliserResult, UnitResult } from '../core/ranking.ts';
import type { Round } from '../core/types.ts';
import { countPerfect, mobiliserResults, parentResults, topIndividuals, totals, unitResults, type IndividualRow, type Totals } from '../storage/repos/leaderboards.ts';
import { closeExpiredAttempts } from './quiz.ts';
import type { ServiceDeps } from './deps.ts';

export type { IndividualRow, Totals };

/** Leaderboards and statistics for officials. Abandoned attempts whose time ran out are closed first, so they count. */
export interface BoardsService {
  /** Top `limit` overall, or of one round (with the prediction tie-break once the round has closed). */
  individuals(opts: { round?: Round; limit: number }): Promise<IndividualRow[]>;
  /** Communes (all, or those of one parent unit) or agencies. */
  units(kind: 'commune' | 'agency', opts?: { parent?: string }): Promise<UnitResult[]>;
  /** The parent level (a 2023 province's districts), each the sum of its communes. */
  parents(): Promise<UnitResult[]>;
  mobilisers(limit: number): Promise<MobiliserResult[]>;
  /** Contest-wide totals, or those of a time window (registrations and attempts in it). */
  totals(window?: { since: number; until: number }): Promise<Totals>;
}

export function createBoardsService(deps: ServiceDeps): BoardsService {
  const { db } = deps;
  const settled = () => closeExpiredAttempts(deps);
  return {
    async individuals({ round, limit }) {
      await settled();
      const actualPerfect = round && isRoundClosed(round, deps.now()) ? await countPerfect(db, round.id) : undefined;
      return topIndividuals(db, { ...(round ? { roundId: round.id } : {}), limit, ...(actualPerfect !== undefined ? { actualPerfect } : {}) });
    },
    units: async (kind, opts) => (await settled(), unitResults(db, kind, opts)),
    parents: async () => (await settled(), parentResults(db)),
    mobilisers: async (limit) => (await settled(), mobiliserResults(db, limit)),
    totals: async (window) => (await settled(), totals(db, window)),
  };
}
