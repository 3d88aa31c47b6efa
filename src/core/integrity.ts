/**
 * Integrity flags (issue 25): pure rules over what is stored. A flag changes nothing by itself: it names the people
 * concerned and carries its evidence (numbers; src/messages/integrity.ts words them for officials). A district
 * official then marks each flagged person "hợp lệ" or "loại".
 */

/** Thresholds (`integrity:` in the campaign file; defaults in src/config/integrity.ts). */
export interface IntegritySettings {
  /** An attempt whose median seconds per question (fresh questions only) is under this is faster than reading. */
  medianSecondsFloor: number;
  /** …or whose fresh questions took, in all, under this many seconds per question. */
  attemptSecondsPerQuestionFloor: number;
  /** Fewer fresh questions than this and the pace proves nothing (a person re-taking known questions). */
  minFreshQuestions: number;
  /** Two attempts are twins with at least this many identical wrong answers on the same questions… */
  twinMinSharedWrong: number;
  /** …and a median difference of their per-question paces of at most this many seconds. */
  twinPaceSeconds: number;
  /** This many registered people with one phone number. */
  phonePeople: number;
  /** This many registrations through one link within `burstMinutes`, or any at night, is a burst (never alone). */
  burstCount: number;
  burstMinutes: number;
  /** Night, local hours [from, to): registrations then through a link count as a burst. */
  nightFromHour: number;
  nightToHour: number;
  /** A unit gets a padding note when at least this share of its registered people never finished an attempt… */
  paddingShare: number;
  /** …and they are at least this many. */
  paddingMin: number;
}

export type FlagKind = 'speed' | 'twins' | 'phone' | 'name' | 'burst' | 'opened';

export type Evidence =
  | { kind: 'speed'; roundId: string; attemptId: number; freshQuestions: number; medianSeconds: number; totalSeconds: number }
  | { kind: 'twins'; roundId: string; attemptId: number; otherId: number; otherAttemptId: number; sharedWrong: number; paceDiffSeconds: number; via: 'unit' | 'inviter' }
  | { kind: 'phone'; people: number; otherIds: number[] }
  | { kind: 'name'; people: number; unitCode: string; otherIds: number[] }
  | { kind: 'burst'; via: string; registrations: number; minutes: number; night: boolean }
  | { kind: 'opened'; roundId: string; attemptId: number; openedBy: string };

/** One flag on one person. `key` identifies it (the same evidence computed again gives the same key). */
export interface Flag {
  participantId: number;
  key: string;
  evidence: Evidence;
}

/** One question of a finished attempt, as stored. */
export interface PacedAnswer {
  shownAt: number | null;
  answeredAt: number;
  /** The person saw this question in an earlier attempt: its pace says nothing. */
  seenBefore: boolean;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  // The upper middle: for an even count, the slower of the two (a flag needs more than half fast answers).
  return s[Math.floor(s.length / 2)] ?? 0;
};

/** Per-question paces in ms of the fresh questions (shown, not seen before): shown_at to the answer's receipt. */
function freshPaces(answers: readonly PacedAnswer[]): number[] {
  return answers.filter((a) => a.shownAt !== null && !a.seenBefore).map((a) => Math.max(0, a.answeredAt - a.shownAt!));
}

/** An attempt's pace over its fresh questions, kept with the attempt as it finishes (the speed rule reads it). */
export interface AttemptPace {
  freshQuestions: number;
  /** The upper median of the fresh questions' paces (0 when none). */
  medianMs: number;
  totalMs: number;
}

/** The pace of a finished attempt's answers (fresh questions only). */
export function paceOf(answers: readonly PacedAnswer[]): AttemptPace {
  const paces = freshPaces(answers);
  return { freshQuestions: paces.length, medianMs: median(paces), totalMs: paces.reduce((a, b) => a + b, 0) };
}

/**
 * "Faster than a person can read": the median pace of the attempt's fresh questions under the floor, or all of them
 * together under the whole-attempt floor. A slow network only lengthens a pace (receipt is after the tap), so it
 * cannot raise a flag; questions seen in an earlier attempt are left out (a person may well know them by heart).
 */
export function speedFlag(attempt: { participantId: number; attemptId: number; roundId: string; pace: AttemptPace }, s: IntegritySettings): Flag | undefined {
  const { freshQuestions, medianMs, totalMs } = attempt.pace;
  if (freshQuestions < s.minFreshQuestions) return undefined;
  const med = medianMs / 1000;
  const total = totalMs / 1000;
  if (med >= s.medianSecondsFloor && total >= s.attemptSecondsPerQuestionFloor * freshQuestions) return undefined;
  return {
    participantId: attempt.participantId,
    key: `speed:${attempt.attemptId}`,
    evidence: { kind: 'speed', roundId: attempt.roundId, attemptId: attempt.attemptId, freshQuestions, medianSeconds: round1(med), totalSeconds: round1(total) },
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** A finished attempt's answers for the twin rule: question version → chosen original option, correctness, pace. */
export interface AnswerSheet {
  participantId: number;
  attemptId: number;
  roundId: string;
  /** The person's commune and agency, and who invited them: twins must share one of these. */
  units: readonly string[];
  inviterId: number | null;
  answers: ReadonlyMap<number, { chosen: number; correct: boolean; paceMs: number | null }>;
}

/**
 * "The same answers at the same pace": two attempts of one round, by people of one unit or one inviter, with at
 * least `twinMinSharedWrong` identical wrong answers on the questions they share, no differing answer on those
 * questions, and near-identical per-question paces. Correct answers alone prove nothing (every perfect score on a
 * fixed list is identical), so they are never enough.
 */
export function twinFlags(sheets: readonly AnswerSheet[], s: IntegritySettings): Flag[] {
  // Only people of one unit or one inviter are compared: pairs are looked for within those buckets (a fixed list can
  // give thousands of identical sheets across a province, never a pair across two communes).
  const buckets = new Map<string, AnswerSheet[]>();
  const put = (key: string, sheet: AnswerSheet) => buckets.set(key, [...(buckets.get(key) ?? []), sheet]);
  for (const sheet of sheets) {
    for (const u of sheet.units) put(`u${u}`, sheet);
    if (sheet.inviterId !== null) put(`i${sheet.inviterId}`, sheet);
    put(`i${sheet.participantId}`, sheet);
  }
  const flags: Flag[] = [];
  const seen = new Set<string>();
  for (const [bucket, group] of buckets) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = [group[i]!, group[j]!];
        const key = `twins:${Math.min(a.attemptId, b.attemptId)}-${Math.max(a.attemptId, b.attemptId)}`;
        if (a.participantId === b.participantId || a.roundId !== b.roundId || seen.has(key)) continue;
        seen.add(key);
        const twin = compareSheets(a, b, s);
        if (!twin) continue;
        const via = bucket.startsWith('u') ? 'unit' : 'inviter';
        const ev = (me: AnswerSheet, other: AnswerSheet): Flag => ({
          participantId: me.participantId,
          key,
          evidence: { kind: 'twins', roundId: me.roundId, attemptId: me.attemptId, otherId: other.participantId, otherAttemptId: other.attemptId, ...twin, via },
        });
        flags.push(ev(a, b), ev(b, a));
      }
    }
  }
  return flags;
}

/** The twin rule for two sheets: identical on every shared question, enough shared wrong answers, near-identical pace. */
function compareSheets(a: AnswerSheet, b: AnswerSheet, s: IntegritySettings): { sharedWrong: number; paceDiffSeconds: number } | undefined {
  let sharedWrong = 0;
  const diffs: number[] = [];
  for (const [q, x] of a.answers) {
    const y = b.answers.get(q);
    if (!y) continue;
    if (x.chosen !== y.chosen) return undefined;
    if (!x.correct) sharedWrong++;
    if (x.paceMs !== null && y.paceMs !== null) diffs.push(Math.abs(x.paceMs - y.paceMs));
  }
  if (sharedWrong < s.twinMinSharedWrong || diffs.length === 0) return undefined;
  const paceDiffSeconds = round1(median(diffs) / 1000);
  return paceDiffSeconds <= s.twinPaceSeconds ? { sharedWrong, paceDiffSeconds } : undefined;
}

/** People sharing one phone number: a flag on each once they are `phonePeople` or more. */
export function phoneFlags(groups: readonly { phone: string; ids: readonly number[] }[], s: IntegritySettings): Flag[] {
  return groups
    .filter((g) => g.ids.length >= s.phonePeople)
    .flatMap((g) => g.ids.map((id) => ({ participantId: id, key: `phone:${g.ids.join('-')}`, evidence: { kind: 'phone' as const, people: g.ids.length, otherIds: g.ids.filter((o) => o !== id) } })));
}

/** Folded for comparison: no diacritics, đ as d, lower case, single spaces. */
export function foldName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/gu, 'd').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** One name registered several times in one unit. */
export function nameFlags(people: readonly { id: number; name: string; unitCode: string }[]): Flag[] {
  const groups = new Map<string, number[]>();
  for (const p of people) {
    const k = `${p.unitCode}\n${foldName(p.name)}`;
    groups.set(k, [...(groups.get(k) ?? []), p.id]);
  }
  return [...groups.entries()]
    .filter(([, ids]) => ids.length >= 2)
    .flatMap(([k, ids]) => ids.map((id) => ({ participantId: id, key: `name:${ids.join('-')}`, evidence: { kind: 'name' as const, people: ids.length, unitCode: k.split('\n')[0]!, otherIds: ids.filter((o) => o !== id) } })));
}

/**
 * Registrations through one link (a person's invitation or a unit's link), in time order: those within a burst of
 * `burstCount` in `burstMinutes`, or made at night (local hour given by `hourOf`). Returned as flags, but a burst is
 * only a second signal: `withSecondSignal` keeps those of people flagged otherwise.
 */
export function burstFlags(
  links: readonly { via: string; registrations: readonly { id: number; at: number }[] }[],
  s: IntegritySettings,
  hourOf: (at: number) => number,
): Flag[] {
  const night = (at: number) => {
    const h = hourOf(at);
    return s.nightFromHour <= s.nightToHour ? h >= s.nightFromHour && h < s.nightToHour : h >= s.nightFromHour || h < s.nightToHour;
  };
  const windowMs = s.burstMinutes * 60_000;
  const flags: Flag[] = [];
  for (const link of links) {
    const regs = [...link.registrations].sort((a, b) => a.at - b.at);
    const inBurst = new Set<number>();
    let start = 0;
    for (let end = 0; end < regs.length; end++) {
      while (regs[end]!.at - regs[start]!.at > windowMs) start++;
      if (end - start + 1 >= s.burstCount) for (let k = start; k <= end; k++) inBurst.add(k);
    }
    regs.forEach((r, k) => {
      const atNight = night(r.at);
      if (!inBurst.has(k) && !atNight) return;
      flags.push({ participantId: r.id, key: `burst:${link.via}:${r.id}`, evidence: { kind: 'burst', via: link.via, registrations: inBurst.has(k) ? countAround(regs, k, windowMs) : 1, minutes: s.burstMinutes, night: atNight } });
    });
  }
  return flags;
}

function countAround(regs: readonly { at: number }[], k: number, windowMs: number): number {
  const at = regs[k]!.at;
  return regs.filter((r) => Math.abs(r.at - at) <= windowMs).length;
}

/** Bursts count only for people with another flag (a mobilisation meeting scanning one poster is a real burst). */
export function withSecondSignal(flags: readonly Flag[]): Flag[] {
  const otherwise = new Set(flags.filter((f) => f.evidence.kind !== 'burst').map((f) => f.participantId));
  return flags.filter((f) => f.evidence.kind !== 'burst' || otherwise.has(f.participantId));
}

/** Attempts made in a session an official opened for the person (the fallback sign-in link). */
export function openedFlags(attempts: readonly { participantId: number; attemptId: number; roundId: string; openedBy: string }[]): Flag[] {
  return attempts.map((a) => ({ participantId: a.participantId, key: `opened:${a.attemptId}`, evidence: { kind: 'opened', roundId: a.roundId, attemptId: a.attemptId, openedBy: a.openedBy } }));
}

/** Padding, a property of a unit: registered people who never finished an attempt. */
export interface PaddingNote {
  unitCode: string;
  registered: number;
  neverAttempted: number;
}

export function paddingNotes(units: readonly PaddingNote[], s: IntegritySettings): PaddingNote[] {
  return units.filter((u) => u.neverAttempted >= s.paddingMin && u.neverAttempted >= s.paddingShare * u.registered);
}

/** A decision in force: the latest per person. A person is open when flagged and without one. */
export interface Decision {
  decision: 'valid' | 'excluded';
  reason: string;
  decidedBy: string;
  decidedAt: number;
}

/**
 * A round's results wait for review: published `reviewDays` after the close, or sooner once none of its flagged
 * people is without a decision.
 */
export function reviewDone(closesAt: number, now: number, reviewDays: number, openFlags: number): boolean {
  return now >= closesAt && (openFlags === 0 || now >= closesAt + reviewDays * 86_400_000);
}
