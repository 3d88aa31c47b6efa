import { randomBytes } from 'node:crypto';
import type { Round } from '../core/types.ts';
import { certificateBasis, certificateByCode, finishedRoundIds, insertCertificate, latestCertificate } from '../storage/repos/certificates.ts';
import type { ServiceDeps } from './deps.ts';
import { personById, type Person } from './participants.ts';
import { unitLabel } from './rounds.ts';

/** A stored certificate and what it states. */
export interface Certificate {
  /** 128 random bits, base64url (22 characters): the check page's address. */
  code: string;
  person: Person;
  name: string;
  unit: string;
  /** Null: the whole contest (the score is the sum of the rounds' best scores). */
  round: Round | null;
  score: number;
  maxScore: number;
  /** The day it speaks of (epoch ms): the best attempt's finish, or the person's overall finish. */
  statedAt: number;
}

/** What the check page shows: a standing certificate's name, unit and score, or only that it was revoked. */
export type CertificateCheck = { status: 'valid'; name: string; unit: string; score: number; maxScore: number; round: Round | null } | { status: 'revoked' };

export interface CertificatesService {
  /**
   * The person's certificate — of `roundId` (the campaign gives one per round; default: their latest round with a
   * finished attempt) or of the whole contest (`certificates.per: contest`) — issued on the first ask and again, with
   * a new code, when what it states has changed (a better score, a corrected name); the earlier ones still stand.
   * Undefined when there is nothing to certify.
   */
  issue(personId: number, roundId?: string): Promise<Certificate | undefined>;
  /** The check page's answer for a code; undefined for a code never issued. */
  check(code: string): Promise<CertificateCheck | undefined>;
}

export function createCertificatesService(deps: ServiceDeps): CertificatesService {
  const { db, campaign: c } = deps;
  const per = c.certificates?.per ?? 'round';

  async function scope(personId: number, roundId: string | undefined): Promise<Round | null | undefined> {
    if (per === 'contest') return null;
    const done = await finishedRoundIds(db, personId);
    if (roundId !== undefined) return done.has(roundId) ? c.rounds.find((r) => r.id === roundId) : undefined;
    return c.rounds.filter((r) => done.has(r.id)).at(-1);
  }

  return {
    async issue(personId, roundId) {
      const round = await scope(personId, roundId);
      if (round === undefined) return undefined;
      const [basis, person] = await Promise.all([certificateBasis(db, personId, round?.id ?? null), personById(deps, personId)]);
      if (!basis || !person) return undefined;
      const stated = {
        name: basis.name,
        unit: unitLabel(basis.agencyName, basis.communeName),
        score: basis.score,
        maxScore: basis.questionCount ?? c.rounds.length * c.questionsPerAttempt,
        statedAt: basis.statedAt,
      };
      const last = await latestCertificate(db, c.id, personId, round?.id ?? null);
      const same = last && last.name === stated.name && last.unit === stated.unit && last.score === stated.score && last.maxScore === stated.maxScore && last.statedAt === stated.statedAt;
      let code = last?.code;
      if (!same || !code) {
        code = randomBytes(16).toString('base64url');
        await insertCertificate(db, { code, campaign_id: c.id, participant_id: personId, round_id: round?.id ?? null, name: stated.name, unit: stated.unit, score: stated.score, max_score: stated.maxScore, stated_at: stated.statedAt, issued_at: deps.now() });
      }
      return { code, person, round, ...stated };
    },
    async check(code) {
      if (!/^[A-Za-z0-9_-]{22}$/u.test(code)) return undefined;
      const row = await certificateByCode(db, c.id, code);
      if (!row) return undefined;
      if (row.revoked) return { status: 'revoked' };
      return { status: 'valid', name: row.name ?? '', unit: row.unit ?? '', score: row.score, maxScore: row.maxScore, round: c.rounds.find((r) => r.id === row.roundId) ?? null };
    },
  };
}
