import { createHash, createHmac, randomBytes } from 'node:crypto';
import { compareIndividuals } from '../core/ranking.ts';
import { buildResultsFile, serialiseResultsFile, type ResultsFilePerson } from '../core/results-file.ts';
import { prizesOf } from '../core/round-results.ts';
import type { Round } from '../core/types.ts';
import { listResultsFiles, resultsFileContent, resultsKey, roundPeople, storeResultsFile, unitsWithRegistered } from '../storage/repos/results-files.ts';
import type { ServiceDeps } from './deps.ts';
import { createRoundsService, eligibilityOf } from './rounds.ts';

/** A final round's published results file: where to get it and the SHA-256 of its bytes. */
export interface PublishedResultsFile {
  round: Round;
  /** 1-based position of the round in the campaign. */
  number: number;
  filename: string;
  sha256: string;
}

export interface ResultsFilesService {
  /**
   * The files of the rounds whose results are final, in round order. A round that became final since the last call
   * gets its file now, made once and then served byte for byte (a later deletion or change never alters it).
   */
  published(): Promise<PublishedResultsFile[]>;
  /** A published file's bytes by its file name, or undefined. */
  file(filename: string): Promise<{ filename: string; content: Buffer; sha256: string } | undefined>;
}

/** `ket-qua-vong-2.json`: the file of the campaign's second round. */
export const resultsFilename = (roundNumber: number) => `ket-qua-vong-${roundNumber}.json`;

export const sha256Hex = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A person's pseudonym in one round's file: HMAC-SHA256 of campaign, round and person, 20 hex digits (80 bits). */
export function pseudonym(key: Buffer, campaignId: string, roundId: string, participantId: number): string {
  return createHmac('sha256', key).update(`${campaignId}\n${roundId}\n${participantId}`).digest('hex').slice(0, 20);
}

export function createResultsFilesService(deps: ServiceDeps): ResultsFilesService {
  const { db, campaign: c } = deps;
  const rounds = createRoundsService(deps);

  async function key(): Promise<Buffer> {
    if (deps.resultsKey) return deps.resultsKey;
    return Buffer.from(await resultsKey(db, c.id, randomBytes(32).toString('base64url'), deps.now()), 'base64url');
  }

  async function make(round: Round, number: number): Promise<void> {
    const [rows, units, eligible, k] = await Promise.all([roundPeople(db, round.id), unitsWithRegistered(db), eligibilityOf(deps), key()]);
    const people: (ResultsFilePerson & { participantId: number; name: string })[] = rows.map((r) => ({
      participantId: r.participantId,
      name: '',
      id: pseudonym(k, c.id, round.id, r.participantId),
      commune: r.communeCode,
      agency: r.agencyCode,
      score: r.score,
      questions: r.questionCount,
      durationMs: r.durationMs,
      finishedAt: r.finishedAt,
      prediction: r.prediction,
      attempts: r.attempts,
      eligible: eligible(r),
    }));
    const actualPerfect = people.filter((p) => p.score === p.questions).length;
    // The ranking's order (stable: equal people stay by participant id, as in the ranking's SQL).
    people.sort((a, b) => compareIndividuals(a, b, actualPerfect));
    const file = buildResultsFile({
      campaign: { id: c.id, title: c.title },
      round: { id: round.id, number, name: round.name, opensAt: round.opensAt, closesAt: round.closesAt },
      generatedAt: deps.now(),
      prizes: prizesOf(c, round),
      units,
      people: people.map(({ participantId: _id, name: _name, ...p }) => p),
    });
    const content = serialiseResultsFile(file);
    await storeResultsFile(db, { campaign_id: c.id, round_id: round.id, filename: resultsFilename(number), content, sha256: sha256Hex(content), created_at: deps.now() });
  }

  return {
    async published() {
      const stored = new Map((await listResultsFiles(db, c.id)).map((f) => [f.roundId, f]));
      const out: PublishedResultsFile[] = [];
      for (const status of await rounds.statuses()) {
        if (!status.final) continue;
        let f = stored.get(status.round.id);
        if (!f) {
          await make(status.round, status.number);
          f = (await listResultsFiles(db, c.id)).find((x) => x.roundId === status.round.id);
        }
        if (f) out.push({ round: status.round, number: status.number, filename: f.filename, sha256: f.sha256 });
      }
      return out;
    },
    async file(filename) {
      const round = c.rounds.find((_r, i) => resultsFilename(i + 1) === filename);
      if (!round) return undefined;
      const row = await resultsFileContent(db, c.id, round.id);
      return row ? { filename: row.filename, content: Buffer.from(row.content, 'utf8'), sha256: row.sha256 } : undefined;
    },
  };
}
