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
 * header row on every page, campaign / sheet / export time in the print header and "Trang x/y" in the footer, rows
 * with wrapped text tall enough for it. Nothing is added to the cells, so a workbook read back sees the same rows.
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
  fitRowHeights(sheet);
  const label = header.label?.(sheet) ?? sheet.name;
  const when = viProposal.print.exportedAt(formatDateTime(header.exportedAt, header.timezone));
  sheet.headerFooter = {
    oddHeader: `&L&B${literal(header.title)}&B&C${literal(label)}&R${literal(when)}`,
    oddFooter: `&C${viProposal.print.page}`,
  };
}

// Points per printed line of 11 pt text; a column's width is about that many average characters.
const LINE_PT = 15;

function linesNeeded(text: string, width: number, bold: boolean): number {
  const perLine = Math.max(1, Math.floor(width * (bold ? 0.85 : 1)) - 1);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
}

/**
 * Spreadsheet files store no automatic row height: LibreOffice prints a wrapped cell on one line's height, its lines
 * over each other. Rows with wrapped cells and no height of their own get one from an estimate of their lines.
 */
export function fitRowHeights(sheet: ExcelJS.Worksheet): void {
  sheet.eachRow((row) => {
    if (row.height) return;
    let lines = 1;
    row.eachCell((cell, col) => {
      if (!cell.alignment?.wrapText) return;
      lines = Math.max(lines, linesNeeded(cell.text ?? '', sheet.getColumn(col).width ?? 9, cell.font?.bold === true));
    });
    if (lines > 1) row.height = Math.min(409, lines * LINE_PT);
  });
}

/** applyPrintSetup on every sheet of a workbook. */
export function applyPrintSetupToAll(workbook: ExcelJS.Workbook, header: PrintHeader): void {
  for (const sheet of workbook.worksheets) applyPrintSetup(sheet, header);
}
