import {
  burstFlags,
  nameFlags,
  openedFlags,
  paddingNotes,
  phoneFlags,
  speedFlag,
  twinFlags,
  withSecondSignal,
  type Decision,
  type Evidence,
  type Flag,
  type IntegritySettings,
  type PaddingNote,
} from '../core/integrity.ts';
import { localMinute } from '../core/time.ts';
import { DEFAULT_INTEGRITY } from '../config/integrity.ts';
import {
  answerSheets,
  decisionsFor,
  fastAttempts,
  flaggedInRound,
  flagsComputedAt,
  openedAttempts,
  recordDecision,
  registrationsViaLinksOf,
  repeatedNames,
  setExcluded,
  sharedPhones,
  storedFlags,
  keepAttemptFigures,
  keyUnkeyedNames,
  storeFlags,
  twinCandidateIds,
  unitParticipation,
  unmeasuredAttemptIds,
} from '../storage/repos/integrity.ts';
import { inTransaction } from '../storage/db.ts';
import { getParticipant } from '../storage/repos/participants.ts';
import type { IntegrityDecision } from '../storage/schema.ts';
import type { ServiceDeps } from './deps.ts';
import { identityHash } from './privacy.ts';

/** Stored flags older than this are computed again before they are shown or a round's review is judged. */
const STALE_MS = 10 * 60_000;

export interface FlaggedPerson {
  participantId: number;
  /** Null once the person deleted their data. */
  name: string | null;
  communeCode: string | null;
  agencyCode: string | null;
  phoneVerified: boolean;
  flags: { key: string; evidence: Evidence }[];
  /** The decision in force, if any: without one the person's flags are open. */
  decision: Decision | null;
}

export interface IntegrityReview {
  computedAt: number;
  people: FlaggedPerson[];
  /** Units where many registered people never finished an attempt. */
  padding: PaddingNote[];
}

export interface IntegrityService {
  /** Computes every flag over the stored data now and stores them (the review pages read the stored ones). */
  refresh(): Promise<number>;
  /** The flagged people and their decisions (of one unit, when given), from flags at most 10 minutes old. */
  review(unitCode?: string): Promise<IntegrityReview>;
  /** Records a district official's decision on a person ("hợp lệ" or "loại"); a later decision reverses it. */
  decide(personId: number, decision: IntegrityDecision, reason: string, by: string): Promise<'done' | 'unknown'>;
  /** A person finished registering: excluded again when their identity hash was excluded (deleted and came back). */
  onRegistered(personId: number): Promise<void>;
  /** Keeps the figures rows written before migrations 200 and 201 lack (at start-up; once after the upgrade). */
  keepMissingFigures(): Promise<{ attempts: number; names: number }>;
}

export const integrityOf = (deps: Pick<ServiceDeps, 'campaign'>): IntegritySettings => deps.campaign.integrity ?? DEFAULT_INTEGRITY;

const hashOf = (deps: ServiceDeps, p: { channel: string; externalId: string; identityHash: string | null }) =>
  p.identityHash ?? identityHash(deps.identity.key, p.channel, p.externalId);

/**
 * Keeps what rows written before migrations 200 and 201 lack: the figures (pace, answer sheet) of attempts finished
 * before they were kept as attempts finish, and the folded key of names written before it was written with them. In
 * batches; the first computation after the upgrade does it, once. Returns how many of each.
 */
export async function keepMissingFigures(deps: Pick<ServiceDeps, 'db'>): Promise<{ attempts: number; names: number }> {
  const BATCH = 5000;
  let attempts = 0;
  for (;;) {
    const ids = await unmeasuredAttemptIds(deps.db, BATCH);
    if (ids.length > 0) await inTransaction(deps.db, (tx) => keepAttemptFigures(tx, ids));
    attempts += ids.length;
    if (ids.length < BATCH) break;
  }
  let names = 0;
  for (;;) {
    const keyed = await keyUnkeyedNames(deps.db, BATCH);
    names += keyed;
    if (keyed < BATCH) break;
  }
  return { attempts, names };
}

/** Every flag over the stored data, by the rules of core/integrity.ts. */
export async function computeFlags(deps: ServiceDeps): Promise<Flag[]> {
  const { db } = deps;
  const s = integrityOf(deps);
  await keepMissingFigures(deps);
  const fast = await fastAttempts(db, { medianFloorMs: s.medianSecondsFloor * 1000, perQuestionFloorMs: s.attemptSecondsPerQuestionFloor * 1000, minFresh: s.minFreshQuestions });
  const flags: Flag[] = fast.map((a) => speedFlag(a, s)).filter((f): f is Flag => f !== undefined);
  const groups = await twinCandidateIds(db, s.twinMinSharedWrong);
  const sheets = new Map((await answerSheets(db, groups.flat())).map((x) => [x.attemptId, x]));
  for (const group of groups) flags.push(...twinFlags(group.map((id) => sheets.get(id)!).filter(Boolean), s));
  flags.push(...phoneFlags(await sharedPhones(db, s.phonePeople), s));
  flags.push(...nameFlags(await repeatedNames(db)));
  flags.push(...openedFlags(await openedAttempts(db)));
  const flagged = [...new Set(flags.map((f) => f.participantId))];
  const tz = deps.campaign.timezone;
  flags.push(...burstFlags(await registrationsViaLinksOf(db, flagged), s, (at) => Math.floor(localMinute(at, tz) / 60)));
  return withSecondSignal(flags);
}

/** Computes the flags again when the stored ones are older than 10 minutes or than `since`. */
async function freshFlags(deps: ServiceDeps, since = 0): Promise<number> {
  const at = await flagsComputedAt(deps.db);
  if (at > 0 && at >= since && deps.now() - at < STALE_MS) return at;
  const now = deps.now();
  await storeFlags(deps.db, await computeFlags(deps), now);
  return now;
}

/**
 * How many people flagged in a round (its own flags, and flags of no round on people who took part in it) have no
 * decision yet. Flags are computed again first when stored before the round closed or over 10 minutes ago.
 */
export async function openFlagsInRound(deps: ServiceDeps, roundId: string, closesAt: number): Promise<number> {
  await freshFlags(deps, closesAt);
  const people = await flaggedInRound(deps.db, roundId);
  const decided = await decisionsFor(deps.db, people.map((p) => hashOf(deps, p)));
  return people.filter((p) => !decided.has(hashOf(deps, p))).length;
}

/** A person finished registering: the decision in force on their identity hash applies again (deleted and came back). */
export async function applyDecisionOnRegistration(deps: ServiceDeps, personId: number): Promise<void> {
  const p = await getParticipant(deps.db, personId);
  if (!p) return;
  const hash = hashOf(deps, { channel: p.channel, externalId: p.external_id, identityHash: p.identity_hash });
  const d = (await decisionsFor(deps.db, [hash])).get(hash);
  if (d && (d.decision === 'excluded') !== (p.excluded === 1)) await setExcluded(deps.db, personId, d.decision === 'excluded');
}

export function createIntegrityService(deps: ServiceDeps): IntegrityService {
  const { db } = deps;
  return {
    async refresh() {
      const flags = await computeFlags(deps);
      await storeFlags(db, flags, deps.now());
      return flags.length;
    },
    async review(unitCode) {
      const computedAt = await freshFlags(deps);
      const rows = await storedFlags(db, unitCode);
      const decisions = await decisionsFor(db, rows.map((r) => hashOf(deps, r)));
      const people = new Map<number, FlaggedPerson>();
      for (const r of rows) {
        let p = people.get(r.participantId);
        if (!p) {
          const d = decisions.get(hashOf(deps, r));
          p = { participantId: r.participantId, name: r.name, communeCode: r.communeCode, agencyCode: r.agencyCode, phoneVerified: r.phoneVerified, flags: [], decision: d ? { decision: d.decision, reason: d.reason, decidedBy: d.decidedBy, decidedAt: d.decidedAt } : null };
          people.set(r.participantId, p);
        }
        p.flags.push({ key: r.key, evidence: JSON.parse(r.evidenceJson) as Evidence });
      }
      const padding = paddingNotes(await unitParticipation(db), integrityOf(deps)).filter((n) => !unitCode || n.unitCode === unitCode);
      // Open ones first, then by person.
      const list = [...people.values()].sort((a, b) => Number(a.decision !== null) - Number(b.decision !== null) || a.participantId - b.participantId);
      return { computedAt, people: list, padding };
    },
    async decide(personId, decision, reason, by) {
      const p = await getParticipant(db, personId);
      if (!p) return 'unknown';
      const hash = hashOf(deps, { channel: p.channel, externalId: p.external_id, identityHash: p.identity_hash });
      await recordDecision(db, { identityHash: hash, participantId: personId, decision, reason, decidedBy: by, at: deps.now() });
      deps.log.info({ personId, decision, by }, 'integrity decision');
      return 'done';
    },
    onRegistered: (personId) => applyDecisionOnRegistration(deps, personId),
    keepMissingFigures: () => keepMissingFigures(deps),
  };
}
