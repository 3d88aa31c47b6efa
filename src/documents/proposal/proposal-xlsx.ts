import ExcelJS from 'exceljs';
import { viProposal as T } from '../../messages/vi.ts';
import type { AwardProposal } from '../../services/awards.ts';
import { applyPrintSetupToAll } from '../print-setup.ts';
import { basisLines, collectiveRows, individualRows, noteLines, type ProposalRow } from './proposal-rows.ts';

type Column = { header: string; key: keyof ProposalRow | 'text'; width: number };

function addTable(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: Record<string, unknown>[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ ...c, style: { alignment: { wrapText: true, vertical: 'top' } } }));
  ws.addRows(rows);
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
}

const asCells = (rows: ProposalRow[]) => rows.map((r) => ({ ...r, achievements: r.achievements.join('\n') }));

/** The two tables share their columns; collectives add their weighted score. */
function tableColumns(name: string, unit: string, withTotal: boolean): Column[] {
  const H = T.headers;
  return [
    { header: H.no, key: 'no', width: 6 },
    { header: name, key: 'name', width: 30 },
    { header: unit, key: 'unit', width: withTotal ? 22 : 36 },
    ...(withTotal ? [{ header: T.sheetHeaders.total, key: 'total' as const, width: 12 }] : []),
    { header: H.achievements, key: 'achievements', width: 62 },
    { header: H.reward, key: 'reward', width: 30 },
  ];
}

/** The proposal's tables as a workbook (collectives, individuals, notes), printable like every workbook. */
export async function buildProposalXlsx(p: AwardProposal): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = p.campaign.organiser;
  wb.created = new Date(p.generatedAt);
  addTable(wb, T.sheets.collectives, tableColumns(T.headers.collective, T.sheetHeaders.group, true), asCells(collectiveRows(p)));
  addTable(wb, T.sheets.individuals, tableColumns(T.headers.person, T.headers.unit, false), asCells(individualRows(p)));
  addTable(wb, T.sheets.notes, [{ header: T.notesHeading, key: 'text', width: 150 }], [...basisLines(p), ...noteLines(p)].map((text) => ({ text })));
  applyPrintSetupToAll(wb, { title: p.campaign.title, exportedAt: p.generatedAt, timezone: p.campaign.timezone });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
