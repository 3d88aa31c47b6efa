/** The proposal as table rows and note lines, in Vietnamese: what both the .docx and the .xlsx show. */
import { CRITERIA, type ScoredCollective } from '../../core/awards.ts';
import { formatDateTime } from '../../core/time.ts';
import { vi, viProposal as T } from '../../messages/vi.ts';
import type { AwardProposal, CollectiveGroup } from '../../services/awards.ts';

export interface ProposalRow {
  no: number;
  name: string;
  unit: string;
  /** One figure per line. */
  achievements: string[];
  reward: string;
  /** Collectives: the weighted score (0–100); the workbook shows it as a number. */
  total?: number;
}

const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const fmt = (v: number) => number.format(v);

function collectiveAchievements(s: ScoredCollective, kind: 'commune' | 'agency', p: AwardProposal): string[] {
  const m = s.measures;
  const f = s.figures;
  const C = T.collective;
  const lines = [C.points(fmt(s.total)), C.participants(f.participants)];
  if (m.perCapita !== null) lines.push(kind === 'commune' ? C.perThousand(fmt(m.perCapita)) : C.perStaff(fmt(m.perCapita * 100)));
  lines.push(C.completion(fmt(m.completion * 100), f.registered));
  const n = p.settings.earlyCount;
  lines.push(f.earlyReachedAt === null ? C.notReached(n) : C.early(n, fmt(m.early)));
  lines.push(C.viaLink(f.viaLink));
  lines.push(C.average(fmt(f.averageScore), p.campaign.rounds.length * p.campaign.questionsPerAttempt));
  return lines;
}

/** Proposed communes then agencies, numbered on. */
export function collectiveRows(p: AwardProposal): ProposalRow[] {
  const groups: CollectiveGroup[] = [p.communes, p.agencies];
  return groups
    .flatMap((g) => g.proposed.map((s) => ({ s, kind: g.kind })))
    .map(({ s, kind }, i) => ({
      no: i + 1,
      name: s.figures.name,
      unit: T.groups(p.campaign.labels)[kind],
      achievements: collectiveAchievements(s, kind, p),
      reward: p.settings.reward,
      total: Math.round(s.total * 10) / 10,
    }));
}

/** Best individuals in rank order, then mobilisers not already listed; one row (one reward) per person. */
export function individualRows(p: AwardProposal): ProposalRow[] {
  const rows = new Map<number, Omit<ProposalRow, 'no'>>();
  for (const r of p.individuals) {
    rows.set(r.participantId, {
      name: r.name,
      unit: r.unit,
      achievements: [T.individual.result(p.campaign.labels, r.rank, r.score, r.maxScore, r.rounds, vi.duration(r.durationMs)), r.phoneVerified ? T.individual.phoneVerified : T.individual.phoneUnverified],
      reward: p.settings.reward,
    });
  }
  for (const m of p.mobilisers) {
    const line = T.individual.mobiliser(m.invitedFinished, m.invitedTotal);
    const row = rows.get(m.participantId);
    if (row) row.achievements.push(line);
    else rows.set(m.participantId, { name: m.name, unit: m.unit, achievements: [line], reward: p.settings.reward });
  }
  return [...rows.values()].map((r, i) => ({ no: i + 1, ...r }));
}

/** Notes under the tables: the criteria and weights of each group, criteria dropped and why, people left out. */
export function noteLines(p: AwardProposal): string[] {
  const lines: string[] = [];
  for (const g of [p.communes, p.agencies]) {
    if (g.ranked.length === 0) continue;
    const group = T.groups(p.campaign.labels)[g.kind];
    const used = CRITERIA.filter((c) => g.used.includes(c)).map((c) => T.weightItem(T.criteria[c], p.settings.weights[c]));
    lines.push(T.weights(group, used.join(', ')));
    const file = g.kind === 'commune' ? p.campaign.unitFiles.communes : (p.campaign.unitFiles.agencies ?? 'units/agencies.csv');
    for (const d of g.dropped) lines.push(T.dropped(group, T.criteria[d.criterion], d.missing, g.ranked.length, T.droppedHint(g.kind, file)));
  }
  if (p.leftOut.individuals || p.leftOut.mobilisers) lines.push(T.leftOut(p.leftOut.individuals, p.leftOut.mobilisers));
  if (p.excluded.length) lines.push(T.excluded(p.excluded.reduce((n, e) => n + e.count, 0), p.excluded.map((e) => T.excludedUnit(e.unit, e.count)).join('; ')));
  if (p.unverifiedSkipped) lines.push(T.unverifiedSkipped(p.unverifiedSkipped));
  lines.push(T.asOf(formatDateTime(p.generatedAt, p.campaign.timezone)));
  return lines;
}

/** "Căn cứ …" lines: from the campaign file, or the plan and the contest named after the campaign. */
export function basisLines(p: AwardProposal): string[] {
  const texts = p.settings.basis.length ? p.settings.basis : T.defaultBasis(p.campaign.title, p.campaign.organiser);
  return texts.map((t, i) => T.basis(t, i === texts.length - 1));
}
