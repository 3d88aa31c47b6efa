import {
  awardSettings,
  countMobilisersAhead,
  nthEarliest,
  proposeCollectives,
  scorePeerGroup,
  type AwardSettings,
  type CollectiveFigures,
  type PeerGroupResult,
  type ScoredCollective,
} from '../core/awards.ts';
import { rankMobilisers } from '../core/ranking.ts';
import type { Campaign, Unit } from '../core/types.ts';
import type { DB } from '../storage/db.ts';
import { countDeletedAhead, deletedMobilisers, firstFinishes, joinsViaUnit, roundsPlayed } from '../storage/repos/awards.ts';
import { excludedPerUnit } from '../storage/repos/integrity.ts';
import { mobiliserResults, topIndividuals, unitResults } from '../storage/repos/leaderboards.ts';

export interface AwardDeps {
  db: DB;
  campaign: Campaign;
  units: readonly Unit[];
  now: () => number;
}

export interface CollectiveGroup extends PeerGroupResult {
  kind: 'commune' | 'agency';
  proposed: ScoredCollective[];
}

export interface ProposedIndividual {
  rank: number;
  participantId: number;
  name: string;
  /** Agency and/or commune, as registered. */
  unit: string;
  score: number;
  maxScore: number;
  rounds: number;
  durationMs: number;
  /** The phone was verified (Telegram's contact button, or an official who called). */
  phoneVerified: boolean;
}

export interface ProposedMobiliser {
  rank: number;
  participantId: number;
  name: string;
  unit: string;
  invitedFinished: number;
  invitedTotal: number;
}

export interface AwardProposal {
  campaign: Campaign;
  settings: AwardSettings;
  generatedAt: number;
  /** The contest has not closed: the document is a draft ("DỰ THẢO"). */
  draft: boolean;
  communes: CollectiveGroup;
  agencies: CollectiveGroup;
  individuals: ProposedIndividual[];
  mobilisers: ProposedMobiliser[];
  /** People who deleted their data and would otherwise have been proposed. */
  leftOut: { individuals: number; mobilisers: number };
  /** With `results.require_verified_phone`: people skipped for an unverified phone, ranked above the last proposed. */
  unverifiedSkipped: number;
  /** People excluded after review (counted nowhere), per unit name, most first. */
  excluded: { unit: string; count: number }[];
}

async function collectiveGroup(deps: AwardDeps, kind: 'commune' | 'agency', viaLink: Map<string, number>, settings: AwardSettings): Promise<CollectiveGroup> {
  const listed = new Map(deps.units.filter((u) => u.kind === kind).map((u) => [u.code, u]));
  const finishes = new Map<string, number[]>();
  for (const f of await firstFinishes(deps.db, kind)) finishes.set(f.code, [...(finishes.get(f.code) ?? []), f.at]);
  // Units no longer in the list are inactive and left out by unitResults.
  const figures: CollectiveFigures[] = (await unitResults(deps.db, kind)).map((u) => ({
    code: u.code,
    name: u.name,
    base: kind === 'commune' ? u.population : (listed.get(u.code)?.staff ?? null),
    registered: u.registered,
    participants: u.participants,
    earlyReachedAt: nthEarliest(finishes.get(u.code) ?? [], settings.earlyCount),
    viaLink: viaLink.get(u.code) ?? 0,
    averageScore: u.averageBestScore,
  }));
  const group = scorePeerGroup(figures, settings.weights, deps.campaign, kind === 'commune');
  return { kind, ...group, proposed: proposeCollectives(group, kind === 'commune' ? settings.communes : settings.agencies) };
}

async function proposedIndividuals(deps: AwardDeps, count: number): Promise<{ rows: ProposedIndividual[]; leftOut: number; unverifiedSkipped: number }> {
  const requireVerified = deps.campaign.results?.requireVerifiedPhone ?? false;
  // With a verified phone required, unverified people are passed over: read on until `count` verified ones.
  let top = count ? await topIndividuals(deps.db, { limit: count }) : [];
  let unverifiedSkipped = 0;
  if (requireVerified && count) {
    const kept: typeof top = [];
    for (let offset = 0; kept.length < count; offset += count) {
      const page = offset === 0 ? top : await topIndividuals(deps.db, { limit: count, offset });
      for (const p of page) {
        if (kept.length === count) break;
        if (p.phoneVerifiedAt === null) unverifiedSkipped++;
        else kept.push(p);
      }
      if (page.length < count) break;
    }
    top = kept;
  }
  const rounds = await roundsPlayed(deps.db, top.map((p) => p.participantId));
  const maxScore = deps.campaign.rounds.length * deps.campaign.questionsPerAttempt;
  const rows = top.map((p, i) => ({
    rank: i + 1,
    participantId: p.participantId,
    name: p.name,
    unit: [p.agencyName, p.communeName].filter(Boolean).join(', '),
    score: p.score,
    maxScore,
    rounds: rounds.get(p.participantId) ?? 0,
    durationMs: p.durationMs,
    phoneVerified: p.phoneVerifiedAt !== null,
  }));
  const last = top.length === count ? top[top.length - 1]! : null;
  return { rows, leftOut: count ? await countDeletedAhead(deps.db, last) : 0, unverifiedSkipped };
}

async function proposedMobilisers(deps: AwardDeps, count: number): Promise<{ rows: ProposedMobiliser[]; leftOut: number }> {
  if (!count) return { rows: [], leftOut: 0 };
  // A margin past `count` so ties at the cut are ordered by name, not by the database.
  const ranked = rankMobilisers(await mobiliserResults(deps.db, count * 2 + 20)).filter((m) => m.entry.invitedFinished > 0);
  const rows = ranked.slice(0, count).map(({ rank, entry: m }) => ({
    rank,
    participantId: m.participantId,
    name: m.name,
    unit: m.communeName,
    invitedFinished: m.invitedFinished,
    invitedTotal: m.invitedTotal,
  }));
  const last = rows.length === count ? rows[rows.length - 1]! : null;
  return { rows, leftOut: countMobilisersAhead(await deletedMobilisers(deps.db), last) };
}

/**
 * The reward proposal from the database as it stands: collectives scored within their peer group, the best
 * individuals overall and the top mobilisers. People who deleted their data are never named; they are counted.
 */
async function buildAwardProposal(deps: AwardDeps): Promise<AwardProposal> {
  const settings = awardSettings(deps.campaign);
  const viaLink = await joinsViaUnit(deps.db);
  const individuals = await proposedIndividuals(deps, settings.individuals);
  const mobilisers = await proposedMobilisers(deps, settings.mobilisers);
  const now = deps.now();
  return {
    campaign: deps.campaign,
    settings,
    generatedAt: now,
    draft: now < deps.campaign.closesAt,
    communes: await collectiveGroup(deps, 'commune', viaLink, settings),
    agencies: await collectiveGroup(deps, 'agency', viaLink, settings),
    individuals: individuals.rows,
    mobilisers: mobilisers.rows,
    leftOut: { individuals: individuals.leftOut, mobilisers: mobilisers.leftOut },
    unverifiedSkipped: individuals.unverifiedSkipped,
    excluded: [...(await excludedPerUnit(deps.db)).entries()]
      .map(([code, n]) => ({ unit: deps.units.find((u) => u.code === code)?.name ?? code, count: n }))
      .sort((a, b) => b.count - a.count || a.unit.localeCompare(b.unit, 'vi')),
  };
}

export interface AwardsService {
  /** The reward proposal from the database as it stands (the plan's criteria, weights from the campaign file). */
  proposal(): Promise<AwardProposal>;
}

export function createAwardsService(deps: AwardDeps): AwardsService {
  return { proposal: () => buildAwardProposal(deps) };
}
