import ExcelJS from 'exceljs';
import type { Cell, Table } from './import-table.ts';
import { GUIDE_SHEET } from './sheet-columns.ts';
import { viOperator } from '../messages/operator.ts';

const T = viOperator.import;

/** Limits far above a real bank (157 questions ≈ 40 KB, 160 rows): a bigger file is a mistake, refused before parsing. */
export const IMPORT_LIMITS = { bytes: 2 * 1024 * 1024, rows: 2000 } as const;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;

export class ImportError extends Error {
  override name = 'ImportError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Refuses a file larger than the import limit, with its size. */
export function checkSize(file: string, bytes: number): void {
  if (bytes > IMPORT_LIMITS.bytes) {
    throw new ImportError([T.tooLarge(file, mb(bytes), mb(IMPORT_LIMITS.bytes))]);
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** One workbook cell as text, or why it cannot be taken as text. */
export function readCell(cell: ExcelJS.Cell): Omit<Cell, 'col'> {
  const v = cell.value;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
      return { text: '' };
    case ExcelJS.ValueType.String:
    case ExcelJS.ValueType.SharedString:
      return { text: String(v) };
    case ExcelJS.ValueType.RichText:
      return { text: (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('') };
    case ExcelJS.ValueType.Hyperlink:
      return { text: String((v as ExcelJS.CellHyperlinkValue).text ?? '') };
    case ExcelJS.ValueType.Number: {
      const n = v as number;
      const fmt = cell.numFmt ?? 'General';
      // A whole number typed into a General or Text cell reads the same as text; "80%" or "0,5" would not.
      if (Number.isInteger(n) && (fmt === 'General' || fmt === '@')) return { text: String(n) };
      return { text: '', refused: T.cellNumber(n, fmt) };
    }
    case ExcelJS.ValueType.Date: {
      const d = v as Date;
      const shown = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
      return { text: '', refused: T.cellDate(shown) };
    }
    case ExcelJS.ValueType.Formula:
      return { text: '', refused: T.cellFormula(String(cell.formula)) };
    case ExcelJS.ValueType.Merge:
      return { text: '', refused: T.cellMerged };
    case ExcelJS.ValueType.Boolean:
      return { text: '', refused: T.cellBoolean(String(v)) };
    case ExcelJS.ValueType.Error:
      return { text: '', refused: T.cellError(String((v as ExcelJS.CellErrorValue).error)) };
    default:
      return { text: '', refused: T.cellUnknown };
  }
}

function readRowCells(row: ExcelJS.Row): Cell[] {
  const cells: Cell[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => cells.push({ col, ...readCell(cell) }));
  return cells;
}

/** Every sheet except the guide, as tables named by sheet. Throws ImportError on size, row count or a broken file. */
export async function readWorkbook(file: string, bytes: number): Promise<{ sheet: string; table: Table }[]> {
  checkSize(file, bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (err) {
    throw new ImportError([T.unreadableXlsx(file, (err as Error).message)]);
  }
  const tables: { sheet: string; table: Table }[] = [];
  const problems: string[] = [];
  workbook.eachSheet((sheet) => {
    if (sheet.name === GUIDE_SHEET || sheet.actualRowCount === 0) return;
    const where = T.sheet(sheet.name);
    if (sheet.actualRowCount > IMPORT_LIMITS.rows + 1) {
      problems.push(T.sheetTooLong(where, sheet.actualRowCount, IMPORT_LIMITS.rows));
      return;
    }
    const header = readRowCells(sheet.getRow(1));
    const rows: Table['rows'] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      if (number > 1) rows.push({ row: number, cells: readRowCells(row) });
    });
    tables.push({ sheet: sheet.name, table: { where, header, rows } });
  });
  if (problems.length) throw new ImportError(problems);
  return tables;
}
