import { isRoundClosed } from '../core/campaign.ts';
import type { IndividualResult, MobiliserResult, UnitResult } from '../core/ranking.ts';
import { phoneForOfficials, type OfficialPhone } from '../core/phone-visibility.ts';
import type { Round } from '../core/types.ts';
import { countPerfect, mobiliserResults, parentResults, topIndividuals, totals, unitResults } from '../storage/repos/leaderboards.ts';
import { countMembers, countNotFinished, membersPage, notFinishedPage } from '../storage/repos/unit-members.ts';
import { finishedAttemptsPerUnitDay } from '../storage/repos/daily.ts';
import { contestDays } from '../core/time.ts';
import { closeExpiredAttempts } from './quiz.ts';
import type { ServiceDeps } from './deps.ts';

/** A person on a leaderboard, in rank order, with where they belong (no phone: boards go to whoever asks for them). */
export interface BoardIndividual extends IndividualResult {
  communeName: string | null;
  agencyName: string | null;
  channel: string;
}

/** Registrations and participation, contest-wide or of one unit (or of a time window), in total and per channel. */
export interface Totals {
  registered: number;
  /** People with at least one finished attempt. */
  participated: number;
  /** Finished attempts. */
  attempts: number;
  /** Finished attempts with every answer right. */
  perfect: number;
  byChannel: { channel: string; registered: number; participated: number }[];
}

const COLLATOR = new Intl.Collator('vi');

/** One page of the people to call on: registered, not finished the round. Phones only where consent allows. */
export interface NotFinishedPage {
  total: number;
  page: number;
  pages: number;
  people: { name: string; phone: OfficialPhone; channel: string; registeredAt: number }[];
}

/** A page of a unit's people for the dashboard: whether each finished the round; phones only where consent allows. */
export interface MembersPage {
  total: number;
  page: number;
  pages: number;
  people: { id: number; name: string; phone: OfficialPhone; channel: string; registeredAt: number; finished: boolean; phoneVerified: { at: number; by: string } | null }[];
}

/** Leaderboards and statistics for officials. Abandoned attempts whose time ran out are closed first, so they count. */
export interface BoardsService {
  /** Top `limit` overall, or of one round (with the prediction tie-break once the round has closed); of one unit when given. */
  individuals(opts: { round?: Round; limit: number; unitCode?: string }): Promise<BoardIndividual[]>;
  /** Communes (all, or those of one parent unit) or agencies. */
  units(kind: 'commune' | 'agency', opts?: { parent?: string }): Promise<UnitResult[]>;
  /** The parent level (a 2023 province's districts), each the sum of its communes. */
  parents(): Promise<UnitResult[]>;
  mobilisers(limit: number): Promise<MobiliserResult[]>;
  /** Contest-wide (or one unit's) totals, or those of a time window (registrations and attempts in it). */
  totals(window?: { since: number; until: number }, unitCode?: string): Promise<Totals>;
  /** Finished attempts of each unit of `kind` on each of the last `days` local days. */
  unitsPerDay(kind: 'commune' | 'agency', days: number): Promise<UnitsPerDay>;
  /** Page `page` (1-based, clamped) of the registered people (of a unit) who have not finished an attempt of the round. */
  notFinished(opts: { round: Round; page: number; pageSize: number; unitCode?: string }): Promise<NotFinishedPage>;
  /** Page `page` (1-based, clamped) of a unit's registered people by name, searched, of one state in the round when given. */
  members(opts: { unitCode: string; round: Round; search?: string; finished?: boolean; page: number; pageSize: number }): Promise<MembersPage>;
}

/** Finished attempts of each unit of a kind on each of the last few local days (the district overview). */
export interface UnitsPerDay {
  /** Epoch ms of each day's local midnight, oldest first. */
  days: number[];
  /** Every unit of the kind, the most attempts over those days first. */
  units: { code: string; name: string; counts: number[]; total: number }[];
}

/** Page `page` (1-based) clamped to the pages `total` rows make (at least one), and its first row. */
function clampPage(total: number, page: number, pageSize: number): { p: number; pages: number; offset: number } {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const p = Math.min(Math.max(1, page), pages);
  return { p, pages, offset: (p - 1) * pageSize };
}

export function createBoardsService(deps: ServiceDeps): BoardsService {
  const { db } = deps;
  const settled = () => closeExpiredAttempts(deps);
  return {
    async individuals({ round, limit, unitCode }) {
      await settled();
      const actualPerfect = round && isRoundClosed(round, deps.now()) ? await countPerfect(db, round.id) : undefined;
      const rows = await topIndividuals(db, { ...(round ? { roundId: round.id } : {}), limit, ...(actualPerfect !== undefined ? { actualPerfect } : {}), ...(unitCode ? { unitCode } : {}) });
      return rows.map(({ phone: _phone, consentVersion: _consent, ...person }) => person);
    },
    units: async (kind, opts) => (await settled(), unitResults(db, kind, opts)),
    parents: async () => (await settled(), parentResults(db)),
    mobilisers: async (limit) => (await settled(), mobiliserResults(db, limit)),
    totals: async (window, unitCode) => (await settled(), totals(db, window, unitCode)),
    async unitsPerDay(kind, dayCount) {
      await settled();
      const days = contestDays(deps.campaign, deps.now(), dayCount);
      const counts = new Map<string, number[]>();
      for (const c of await finishedAttemptsPerUnitDay(db, kind, days[0]!)) {
        if (c.day >= days.length) continue;
        if (!counts.has(c.code)) counts.set(c.code, days.map(() => 0));
        counts.get(c.code)![c.day] = c.count;
      }
      const units = deps.units
        .filter((u) => u.kind === kind)
        .map((u) => {
          const row = counts.get(u.code) ?? days.map(() => 0);
          return { code: u.code, name: u.name, counts: row, total: row.reduce((a, b) => a + b, 0) };
        })
        .sort((a, b) => b.total - a.total || COLLATOR.compare(a.name, b.name));
      return { days, units };
    },
    async notFinished({ round, page, pageSize, unitCode }) {
      await settled();
      const scope = { roundId: round.id, ...(unitCode ? { unitCode } : {}) };
      const total = await countNotFinished(db, scope);
      const { p, pages, offset } = clampPage(total, page, pageSize);
      const rows = await notFinishedPage(db, { ...scope, limit: pageSize, offset });
      return {
        total,
        page: p,
        pages,
        people: rows.map((r) => ({ name: r.fullName ?? '', phone: phoneForOfficials(r, deps.campaign.privacy), channel: r.channel, registeredAt: r.registeredAt })),
      };
    },
    async members({ unitCode, round, search, finished, page, pageSize }) {
      await settled();
      const scope = { unitCode, roundId: round.id, ...(search ? { search } : {}), ...(finished !== undefined ? { finished } : {}) };
      const total = await countMembers(db, scope);
      const { p, pages, offset } = clampPage(total, page, pageSize);
      const rows = await membersPage(db, { ...scope, limit: pageSize, offset });
      return {
        total,
        page: p,
        pages,
        people: rows.map((r) => ({
          id: r.id,
          name: r.fullName ?? '',
          phone: phoneForOfficials(r, deps.campaign.privacy),
          channel: r.channel,
          registeredAt: r.registeredAt,
          finished: r.finished,
          phoneVerified: r.phoneVerifiedAt === null ? null : { at: r.phoneVerifiedAt, by: r.phoneVerifiedBy ?? '' },
        })),
      };
    },
  };
}
