/**
 * The reward proposal's rules (pure): which collectives and individuals the culture office proposes for a reward.
 * Collectives are compared only with their peers (communes with communes, agencies with agencies): each criterion is
 * normalised to 0–100 within the group (min–max; all equal → 100) and the weighted mean is the unit's score.
 */
import type { AwardCriterion, AwardSettings, Campaign } from './types.ts';

export type { AwardSettings };
export type CriterionId = AwardCriterion;
export const CRITERIA: readonly CriterionId[] = ['perCapita', 'participants', 'completion', 'early', 'viaLink', 'averageScore'];


/** Our default weights (README "Đề nghị khen thưởng"): mobilisation counts most, results least. */
export const DEFAULT_AWARD_WEIGHTS: Record<CriterionId, number> = {
  perCapita: 30,
  participants: 20,
  completion: 15,
  early: 10,
  viaLink: 15,
  averageScore: 10,
};

export const DEFAULT_AWARD_SETTINGS: AwardSettings = {
  communes: 3,
  agencies: 3,
  individuals: 10,
  mobilisers: 5,
  earlyCount: 10,
  weights: DEFAULT_AWARD_WEIGHTS,
  reward: 'Giấy khen của Chủ tịch UBND huyện',
  superiorBody: 'UBND HUYỆN',
  issuingBody: 'PHÒNG VĂN HÓA VÀ THÔNG TIN',
  place: '',
  signerTitle: 'TRƯỞNG PHÒNG',
  signerName: '',
  basis: [],
};

export function awardSettings(campaign: Pick<Campaign, 'awards'>): AwardSettings {
  return campaign.awards ?? DEFAULT_AWARD_SETTINGS;
}

/** What storage knows of one unit; null means "not known" (no population or staff figure in the unit list). */
export interface CollectiveFigures {
  code: string;
  name: string;
  /** Inhabitants (communes) or staff (agencies); null when the unit list has no figure. */
  base: number | null;
  registered: number;
  /** People with at least one finished attempt. */
  participants: number;
  /** When the unit's `earlyCount`-th participant finished a first attempt; null if it never got that many. */
  earlyReachedAt: number | null;
  /** People who registered through the unit's invite link or typed its code. */
  viaLink: number;
  averageScore: number;
}

export interface Measures {
  perCapita: number | null;
  participants: number;
  completion: number;
  /** Days from the opening until the first N finished; a unit that never reached N counts the whole contest. */
  early: number;
  viaLink: number;
  averageScore: number;
}

/** Lower is better for these criteria (fewer days to reach N participants). */
const LOWER_IS_BETTER: ReadonlySet<CriterionId> = new Set(['early']);

const DAY_MS = 86_400_000;

/** The raw measures of a unit. `perThousand`: per 1,000 inhabitants (communes) or per staff member as a share (agencies: 1 = all). */
export function measure(f: CollectiveFigures, window: { opensAt: number; closesAt: number }, perThousand: boolean): Measures {
  const reached = f.earlyReachedAt ?? window.closesAt;
  return {
    perCapita: f.base ? (f.participants * (perThousand ? 1000 : 1)) / f.base : null,
    participants: f.participants,
    completion: f.registered ? f.participants / f.registered : 0,
    early: Math.max(0, (reached - window.opensAt) / DAY_MS),
    viaLink: f.viaLink,
    averageScore: f.averageScore,
  };
}

/** Min–max to 0–100; when every value is equal each gets 100 (nobody is behind). */
export function normalise(values: readonly number[], lowerIsBetter = false): number[] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (max === min) return values.map(() => 100);
  return values.map((v) => (100 * (lowerIsBetter ? max - v : v - min)) / (max - min));
}

export interface ScoredCollective {
  rank: number;
  figures: CollectiveFigures;
  measures: Measures;
  /** 0–100 per criterion used. */
  points: Partial<Record<CriterionId, number>>;
  /** Weighted mean of the points, 0–100. */
  total: number;
}

export interface PeerGroupResult {
  ranked: ScoredCollective[];
  /** Criteria that counted (weight > 0 and known for every peer). */
  used: CriterionId[];
  /** Criteria dropped for the whole group because some peers lack them, with those peers' names. */
  dropped: { criterion: CriterionId; missing: string[] }[];
}

/**
 * Scores one peer group. A criterion some peers lack is dropped for every peer (comparing a known figure with an
 * unknown one would be unfair either way). Order: total ↓, participants ↓, name (Vietnamese collation).
 */
export function scorePeerGroup(
  peers: readonly CollectiveFigures[],
  weights: Record<CriterionId, number>,
  window: { opensAt: number; closesAt: number },
  perThousand: boolean,
): PeerGroupResult {
  const measures = peers.map((p) => measure(p, window, perThousand));
  const collator = new Intl.Collator('vi');
  const used: CriterionId[] = [];
  const dropped: PeerGroupResult['dropped'] = [];
  for (const c of CRITERIA) {
    if (!(weights[c] > 0)) continue;
    const missing = peers.filter((_, i) => measures[i]![c] === null).map((p) => p.name).sort(collator.compare);
    if (missing.length) dropped.push({ criterion: c, missing });
    else used.push(c);
  }
  const points = peers.map(() => ({}) as Partial<Record<CriterionId, number>>);
  for (const c of used) normalise(measures.map((m) => m[c]!), LOWER_IS_BETTER.has(c)).forEach((v, i) => (points[i]![c] = v));
  const weightSum = used.reduce((s, c) => s + weights[c], 0);
  const scored = peers.map((figures, i) => ({
    figures,
    measures: measures[i]!,
    points: points[i]!,
    total: weightSum ? used.reduce((s, c) => s + weights[c] * points[i]![c]!, 0) / weightSum : 0,
  }));
  scored.sort((a, b) => b.total - a.total || b.figures.participants - a.figures.participants || collator.compare(a.figures.name, b.figures.name));
  return { ranked: scored.map((s, i) => ({ rank: i + 1, ...s })), used, dropped };
}

/** The collectives to propose: the best `count` of the group, never a unit nobody from took part in. */
export function proposeCollectives(group: PeerGroupResult, count: number): ScoredCollective[] {
  return group.ranked.filter((s) => s.figures.participants > 0).slice(0, count);
}

/** When the n-th earliest of these instants happened (the unit's n-th participant), or null when there are fewer. */
export function nthEarliest(times: readonly number[], n: number): number | null {
  if (times.length < n) return null;
  return [...times].sort((a, b) => a - b)[n - 1]!;
}

type MobiliserCounts = { invitedFinished: number; invitedTotal: number };

/** Deleted mobilisers who would rank at or ahead of the last proposed one (all with a finished invitee if none was). */
export function countMobilisersAhead(rows: readonly MobiliserCounts[], last: MobiliserCounts | null): number {
  return rows.filter(
    (r) =>
      r.invitedFinished > 0 &&
      (!last || r.invitedFinished > last.invitedFinished || (r.invitedFinished === last.invitedFinished && r.invitedTotal >= last.invitedTotal)),
  ).length;
}
