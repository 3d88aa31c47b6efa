/**
 * `npm run results:verify -- <file> [--hash <sha256> | --url <page>]`: rechecks a final round's published results
 * file — its SHA-256 against the one published (given, or read from the page that offers the file), then the winners
 * and the unit rankings recomputed from the file's data with the rules of src/core. Prints "khớp" or the first
 * difference; exit code 0 when everything matches, 1 on a difference, 2 when it cannot check.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { RESULTS_FILE_FORMAT, recheckResultsFile, type ResultsDifference, type ResultsFile, type ResultsFileUnitRank, type ResultsFileWinner } from '../core/results-file.ts';
import { viResultsVerify as T } from '../messages/results-verify.ts';

const int = z.number().int();
const unitRank = z.object({ rank: int.min(1).nullable(), code: z.string() });
const schema = z.object({
  format: z.literal(RESULTS_FILE_FORMAT),
  campaign: z.object({ id: z.string(), title: z.string() }),
  round: z.object({ id: z.string(), number: int.min(1), name: z.string(), opensAt: int, closesAt: int }),
  generatedAt: int,
  prizes: z.array(z.object({ name: z.string(), count: int.min(1) })),
  actualPerfect: int.min(0),
  winners: z.array(z.object({ rank: int.min(1), prize: z.string(), id: z.string() })),
  communes: z.array(unitRank),
  agencies: z.array(unitRank),
  units: z.array(z.object({ code: z.string(), kind: z.enum(['commune', 'agency']), name: z.string(), population: int.min(0).nullable(), registered: int.min(0) })),
  people: z.array(
    z.object({
      id: z.string(),
      commune: z.string().nullable(),
      agency: z.string().nullable(),
      score: z.number().min(0),
      questions: int.min(1),
      durationMs: int.min(0),
      finishedAt: int,
      prediction: int.min(0).nullable(),
      attempts: int.min(1),
      eligible: z.boolean(),
    }),
  ),
});

export interface VerifyOutcome {
  ok: boolean;
  /** What to print, line by line; the last is "khớp" when ok. */
  lines: string[];
}

const winnerLine = (w: ResultsFileWinner | null) => (w ? T.winnerLine(w.prize, w.rank, w.id) : T.nothing);
const unitLine = (u: ResultsFileUnitRank | null) => (u ? T.unitLine(u.code, u.rank) : T.nothing);

export function describeDifference(d: ResultsDifference): string {
  switch (d.kind) {
    case 'perfect':
      return T.perfect(d.stated, d.computed);
    case 'winner':
      return T.winner(d.position, winnerLine(d.stated), winnerLine(d.computed));
    case 'unit':
      return T.unit(d.unitKind, d.position, unitLine(d.stated), unitLine(d.computed));
  }
}

/** The SHA-256 the page publishes for the file named `filename` (the home page's `<code data-file="…">`). */
export function hashOnPage(page: string, filename: string): string | undefined {
  const name = filename.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  return new RegExp(`data-file="${name}">([0-9a-f]{64})<`, 'u').exec(page)?.[1];
}

/** Checks a results file's bytes against a published hash (when given) and recomputes what it states. */
export function verifyResultsFile(bytes: Buffer, published: string | undefined): VerifyOutcome {
  const actual = createHash('sha256').update(bytes).digest('hex');
  const lines = [T.sha256(actual)];
  if (published === undefined) lines.push(T.noPublishedHash);
  else if (published.toLowerCase() !== actual) return { ok: false, lines: [...lines, T.hashDiffers(published.toLowerCase(), actual)] };
  else lines.push(T.hashMatches);
  let file: ResultsFile;
  try {
    const parsed = schema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!parsed.success) return { ok: false, lines: [...lines, T.notAResultsFile(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 3).join('; '))] };
    file = parsed.data as ResultsFile;
  } catch (err) {
    return { ok: false, lines: [...lines, T.notAResultsFile(err instanceof Error ? err.message : String(err))] };
  }
  const difference = recheckResultsFile(file);
  if (difference) return { ok: false, lines: [...lines, describeDifference(difference)] };
  return { ok: true, lines: [...lines, T.summary(file.round.name, file.people.length, file.winners.length), T.match] };
}

/** The published hash: `--hash`, or read from the page at `--url` for the file's round. */
async function publishedHash(values: { hash?: string; url?: string }, bytes: Buffer): Promise<string | undefined> {
  if (values.hash !== undefined) {
    if (!/^[0-9a-fA-F]{64}$/u.test(values.hash)) throw new UsageError(T.badHash);
    return values.hash;
  }
  if (values.url === undefined) return undefined;
  let number: number;
  try {
    number = z.object({ round: z.object({ number: int }) }).parse(JSON.parse(bytes.toString('utf8'))).round.number;
  } catch {
    throw new UsageError(T.notAResultsFile('round.number'));
  }
  const filename = `ket-qua-vong-${number}.json`;
  let page: string;
  try {
    const res = await fetch(values.url, { signal: AbortSignal.timeout(20_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    page = await res.text();
  } catch (err) {
    throw new UsageError(T.pageUnreachable(values.url, err instanceof Error ? err.message : String(err)));
  }
  const hash = hashOnPage(page, filename);
  if (!hash) throw new UsageError(T.hashNotOnPage(filename, values.url));
  return hash;
}

class UsageError extends Error {}

export async function runResultsVerify(argv: string[], out: (line: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { hash: { type: 'string' }, url: { type: 'string' } } });
  } catch {
    out(T.usage);
    return 2;
  }
  const [path] = parsed.positionals;
  if (!path || parsed.positionals.length > 1 || (parsed.values.hash !== undefined && parsed.values.url !== undefined)) {
    out(T.usage);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    out(T.unreadable(path, err instanceof Error ? err.message : String(err)));
    return 2;
  }
  try {
    const outcome = verifyResultsFile(bytes, await publishedHash(parsed.values, bytes));
    outcome.lines.forEach((l) => out(l));
    return outcome.ok ? 0 : 1;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    out(err.message);
    return 2;
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  runResultsVerify(process.argv.slice(2), (line) => console.log(line)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(2);
    },
  );
}
