import type ExcelJS from 'exceljs';
import { perThousand, rankMobilisers, rankUnits } from '../core/ranking.ts';
import { hasOfficials } from './officials.ts';
import { phoneForOfficials } from './phones.ts';
import { formatDateTime } from '../core/time.ts';
import { vi } from '../messages/vi.ts';
import { applyPrintSetupToAll } from '../documents/print-setup.ts';
import type { ServiceDeps } from './deps.ts';
import { listAttemptsForExport, type AttemptExportRow } from '../storage/repos/exports.ts';
import { mobiliserResults, topIndividuals, unitResults } from '../storage/repos/leaderboards.ts';

type Column = { header: string; key: string; width: number };

/** A sheet with a bold, frozen, filterable header row and fixed widths. */
function addSheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: Record<string, unknown>[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns;
  ws.addRows(rows);
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));

async function individualsSheet(deps: ServiceDeps, wb: ExcelJS.Workbook, attempts: AttemptExportRow[], unitCode?: string): Promise<void> {
  const finishedBy = new Map<number, number>();
  for (const a of attempts) if (a.finishedAt !== null) finishedBy.set(a.participantId, (finishedBy.get(a.participantId) ?? 0) + 1);
  const people = await topIndividuals(deps.db, { limit: 1_000_000, ...(unitCode ? { unitCode } : {}) });
  const H = vi.exportHeaders(deps.campaign.labels);
  addSheet(
    wb,
    vi.exportSheets(deps.campaign.labels).individuals,
    [
      { header: H.rank, key: 'rank', width: 7 },
      { header: H.name, key: 'name', width: 28 },
      { header: H.commune, key: 'commune', width: 24 },
      { header: H.agency, key: 'agency', width: 34 },
      { header: H.phone, key: 'phone', width: 15 },
      { header: H.score, key: 'score', width: 8 },
      { header: H.duration, key: 'duration', width: 16 },
      { header: H.durationSeconds, key: 'seconds', width: 10 },
      { header: H.attempts, key: 'attempts', width: 10 },
      { header: H.channel, key: 'channel', width: 10 },
    ],
    people.map((p, i) => ({
      rank: i + 1,
      name: p.name,
      commune: p.communeName ?? '',
      agency: p.agencyName ?? '',
      phone: phoneForOfficials(p, deps.campaign.privacy) ?? '',
      score: p.score,
      duration: vi.duration(p.durationMs),
      seconds: seconds(p.durationMs),
      attempts: finishedBy.get(p.participantId) ?? 0,
      channel: p.channel,
    })),
  );
}

/** A unit's workbook keeps its own row, ranked among all its peers. */
async function unitsSheet(deps: ServiceDeps, wb: ExcelJS.Workbook, kind: 'commune' | 'agency', unitCode?: string): Promise<void> {
  const H = vi.exportHeaders(deps.campaign.labels);
  const ranked = rankUnits(await unitResults(deps.db, kind)).filter((r) => !unitCode || r.entry.code === unitCode);
  addSheet(
    wb,
    vi.exportSheets(deps.campaign.labels)[kind === 'commune' ? 'communes' : 'agencies'],
    [
      { header: H.rank, key: 'rank', width: 7 },
      { header: H.unit, key: 'name', width: 34 },
      { header: H.participants, key: 'participants', width: 12 },
      { header: H.registered, key: 'registered', width: 12 },
      { header: H.attempts, key: 'attempts', width: 10 },
      { header: H.population, key: 'population', width: 10 },
      { header: H.perThousand, key: 'perThousand', width: 14 },
      { header: H.average, key: 'average', width: 12 },
      { header: H.best, key: 'best', width: 30 },
    ],
    ranked.map(({ rank, entry: u }) => {
      const per = perThousand(u);
      return {
        rank: rank ?? vi.exportUnranked,
        name: u.name,
        participants: u.participants,
        registered: u.registered,
        attempts: u.attempts,
        population: u.population,
        perThousand: per === null ? null : Math.round(per * 100) / 100,
        average: Math.round(u.averageBestScore * 100) / 100,
        best: u.bestIndividual ? `${u.bestIndividual.name} (${u.bestIndividual.score})` : '',
      };
    }),
  );
}

async function mobilisersSheet(deps: ServiceDeps, wb: ExcelJS.Workbook, unitCode?: string): Promise<void> {
  const H = vi.exportHeaders(deps.campaign.labels);
  const ranked = rankMobilisers(await mobiliserResults(deps.db, 1_000_000, unitCode));
  addSheet(
    wb,
    vi.exportSheets(deps.campaign.labels).mobilisers,
    [
      { header: H.rank, key: 'rank', width: 7 },
      { header: H.name, key: 'name', width: 28 },
      { header: H.commune, key: 'commune', width: 24 },
      { header: H.invitedFinished, key: 'finished', width: 14 },
      { header: H.invitedTotal, key: 'total', width: 14 },
    ],
    ranked.map(({ rank, entry: m }) => ({ rank, name: m.name, commune: m.communeName, finished: m.invitedFinished, total: m.invitedTotal })),
  );
}

function attemptsSheet(deps: ServiceDeps, wb: ExcelJS.Workbook, attempts: AttemptExportRow[]): void {
  const H = vi.exportHeaders(deps.campaign.labels);
  const tz = deps.campaign.timezone;
  const roundName = (id: string) => deps.campaign.rounds.find((r) => r.id === id)?.name ?? id;
  addSheet(
    wb,
    vi.exportSheets(deps.campaign.labels).attempts,
    [
      { header: H.attemptId, key: 'id', width: 9 },
      { header: H.name, key: 'name', width: 28 },
      { header: H.commune, key: 'commune', width: 24 },
      { header: H.agency, key: 'agency', width: 34 },
      { header: H.round, key: 'round', width: 10 },
      { header: H.startedAt, key: 'started', width: 17 },
      { header: H.finishedAt, key: 'finished', width: 17 },
      { header: H.score, key: 'score', width: 8 },
      { header: H.questions, key: 'questions', width: 8 },
      { header: H.durationSeconds, key: 'seconds', width: 10 },
      { header: H.channel, key: 'channel', width: 10 },
    ],
    attempts.map((a) => ({
      id: a.attemptId,
      name: a.name ?? vi.exportDeleted,
      commune: a.communeName ?? '',
      agency: a.agencyName ?? '',
      round: roundName(a.roundId),
      started: formatDateTime(a.startedAt, tz),
      finished: a.finishedAt === null ? vi.exportUnfinished : formatDateTime(a.finishedAt, tz),
      score: a.score,
      questions: a.questionCount,
      seconds: seconds(a.durationMs),
      channel: a.channel,
    })),
  );
}

/** The bank's questions with their answers and sources, so officials can show where each fact comes from. */
function questionsSheet(deps: ServiceDeps, wb: ExcelJS.Workbook): void {
  const H = vi.exportHeaders(deps.campaign.labels);
  addSheet(
    wb,
    vi.exportSheets(deps.campaign.labels).questions,
    [
      { header: H.questionId, key: 'id', width: 12 },
      { header: H.topic, key: 'topic', width: 9 },
      { header: H.question, key: 'text', width: 48 },
      { header: H.answer, key: 'answer', width: 34 },
      { header: H.source, key: 'source', width: 30 },
      { header: H.sourceUrl, key: 'url', width: 44 },
    ],
    deps.questions.map((q) => ({ id: q.id, topic: q.topic, text: q.text, answer: q.options[q.correct], source: q.source, url: q.sourceUrl ?? '' })),
  ).getColumn('text').alignment = { wrapText: true, vertical: 'top' };
}

/**
 * The officials' workbook for the commendation file: individuals, communes, agencies, mobilisers, every attempt and
 * the bank's questions with their sources, each sheet with Vietnamese headers, a frozen header row and set widths.
 * Reads everything once; costs a few seconds and some tens of MB at 100,000 participants. With `unitCode`: the same
 * workbook with only that unit's rows (and only its own kind's units sheet).
 */
export async function buildResultsWorkbook(deps: ServiceDeps, unitCode?: string): Promise<Buffer> {
  // exceljs costs some tens of MB once loaded: only a process that exports pays for it.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = deps.campaign.organiser;
  wb.created = new Date(deps.now());
  const kind = unitCode ? deps.units.find((u) => u.code === unitCode)?.kind : undefined;
  const attempts = await listAttemptsForExport(deps.db, unitCode);
  await individualsSheet(deps, wb, attempts, unitCode);
  if (kind !== 'agency') await unitsSheet(deps, wb, 'commune', unitCode);
  if (kind !== 'commune') await unitsSheet(deps, wb, 'agency', unitCode);
  await mobilisersSheet(deps, wb, unitCode);
  attemptsSheet(deps, wb, attempts);
  questionsSheet(deps, wb);
  applyPrintSetupToAll(wb, { title: deps.campaign.title, exportedAt: deps.now(), timezone: deps.campaign.timezone });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ExportsService {
  /**
   * The results workbook (.xlsx) as bytes; one unit's rows only when `unitCode` is given, and then it must be a
   * commune's or an agency's code: anything else (an empty string) is refused, never read as the whole district.
   */
  resultsWorkbook(unitCode?: string): Promise<Buffer>;
}

export function createExportsService(deps: ServiceDeps): ExportsService {
  return {
    resultsWorkbook: async (unitCode) => {
      if (unitCode !== undefined && !deps.units.some((u) => hasOfficials(u) && u.code === unitCode)) throw new Error(`results workbook of an unknown unit: "${unitCode}"`);
      return buildResultsWorkbook(deps, unitCode);
    },
  };
}
