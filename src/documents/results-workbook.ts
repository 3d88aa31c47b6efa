import type ExcelJS from 'exceljs';
import { perThousand, type RankedUnit } from '../core/ranking.ts';
import { formatDateTime } from '../core/time.ts';
import type { Campaign } from '../core/types.ts';
import { vi } from '../messages/vi.ts';
import type { ExportedAttempt, ExportedPerson, ExportedQuestion, ResultsExport } from '../services/exports.ts';
import { applyPrintSetupToAll } from './print-setup.ts';

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

function individualsSheet(campaign: Campaign, wb: ExcelJS.Workbook, people: ExportedPerson[]): void {
  const H = vi.exportHeaders(campaign.labels);
  addSheet(
    wb,
    vi.exportSheets(campaign.labels).individuals,
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
      phone: vi.officialPhone(p.phone),
      score: p.score,
      duration: vi.duration(p.durationMs),
      seconds: seconds(p.durationMs),
      attempts: p.finishedAttempts,
      channel: p.channel,
    })),
  );
}

/** A unit's workbook keeps its own row, ranked among all its peers. */
function unitsSheet(campaign: Campaign, wb: ExcelJS.Workbook, kind: 'commune' | 'agency', ranked: RankedUnit[]): void {
  const H = vi.exportHeaders(campaign.labels);
  addSheet(
    wb,
    vi.exportSheets(campaign.labels)[kind === 'commune' ? 'communes' : 'agencies'],
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

function mobilisersSheet(campaign: Campaign, wb: ExcelJS.Workbook, ranked: ResultsExport['mobilisers']): void {
  const H = vi.exportHeaders(campaign.labels);
  addSheet(
    wb,
    vi.exportSheets(campaign.labels).mobilisers,
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

function attemptsSheet(campaign: Campaign, wb: ExcelJS.Workbook, attempts: ExportedAttempt[]): void {
  const H = vi.exportHeaders(campaign.labels);
  const tz = campaign.timezone;
  const roundName = (id: string) => campaign.rounds.find((r) => r.id === id)?.name ?? id;
  addSheet(
    wb,
    vi.exportSheets(campaign.labels).attempts,
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
function questionsSheet(campaign: Campaign, wb: ExcelJS.Workbook, questions: ExportedQuestion[]): void {
  const H = vi.exportHeaders(campaign.labels);
  addSheet(
    wb,
    vi.exportSheets(campaign.labels).questions,
    [
      { header: H.questionId, key: 'id', width: 12 },
      { header: H.topic, key: 'topic', width: 9 },
      { header: H.question, key: 'text', width: 48 },
      { header: H.answer, key: 'answer', width: 34 },
      { header: H.source, key: 'source', width: 30 },
      { header: H.sourceUrl, key: 'url', width: 44 },
    ],
    questions.map((q) => ({ id: q.id, topic: q.topic, text: q.text, answer: q.answer, source: q.source, url: q.sourceUrl ?? '' })),
  ).getColumn('text').alignment = { wrapText: true, vertical: 'top' };
}

/**
 * The officials' workbook for the commendation file (/xuat, the dashboard's download): individuals, communes, agencies,
 * mobilisers, every attempt and the bank's questions with their sources, each sheet with Vietnamese headers, a frozen
 * header row and set widths, printable on A4. `data` is the district's or one unit's (services.exports.results).
 */
export async function buildResultsWorkbook(campaign: Campaign, data: ResultsExport): Promise<Buffer> {
  // exceljs costs some tens of MB once loaded: only a process that exports pays for it.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = campaign.organiser;
  wb.created = new Date(data.exportedAt);
  individualsSheet(campaign, wb, data.individuals);
  if (data.communes) unitsSheet(campaign, wb, 'commune', data.communes);
  if (data.agencies) unitsSheet(campaign, wb, 'agency', data.agencies);
  mobilisersSheet(campaign, wb, data.mobilisers);
  attemptsSheet(campaign, wb, data.attempts);
  questionsSheet(campaign, wb, data.questions);
  applyPrintSetupToAll(wb, { title: campaign.title, exportedAt: data.exportedAt, timezone: campaign.timezone });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
