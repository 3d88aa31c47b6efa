import type ExcelJS from 'exceljs';
import { formatDateTime } from '../core/time.ts';
import { viProposal } from '../messages/vi.ts';

export interface PrintHeader {
  /** Left of the print header: the campaign (or what the workbook is). */
  title: string;
  exportedAt: number;
  timezone: string;
  /** Centre of the print header for a sheet; its name when absent. */
  label?: (sheet: ExcelJS.Worksheet) => string;
}

/** Header/footer codes treat "&" as a command: a literal ampersand is written twice. */
const literal = (s: string) => s.replace(/&/gu, '&&');

/**
 * Page setup for a sheet offices print and sign: A4 landscape, one page wide (as many pages down as needed), the
 * header row on every page, campaign / sheet / export time in the print header and "Trang x/y" in the footer.
 * Nothing is added to the cells, so a workbook read back sees the same rows.
 */
export function applyPrintSetup(sheet: ExcelJS.Worksheet, header: PrintHeader): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.75, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  const label = header.label?.(sheet) ?? sheet.name;
  const when = viProposal.print.exportedAt(formatDateTime(header.exportedAt, header.timezone));
  sheet.headerFooter = {
    oddHeader: `&L&B${literal(header.title)}&B&C${literal(label)}&R${literal(when)}`,
    oddFooter: `&C${viProposal.print.page}`,
  };
}

/** applyPrintSetup on every sheet of a workbook. */
export function applyPrintSetupToAll(workbook: ExcelJS.Workbook, header: PrintHeader): void {
  for (const sheet of workbook.worksheets) applyPrintSetup(sheet, header);
}
