/** The question-bank workbook officials edit and import back (src/bank/xlsx-import.ts): a guide sheet, then one sheet per topic. */
import ExcelJS from 'exceljs';
import { viQuestionBank as T } from '../messages/question-bank.ts';
import { viProposal } from '../messages/vi.ts';
import { applyPrintSetup } from './print-setup.ts';
import type { QuestionBank } from '../bank/questions.ts';
import { COLUMNS, DIFFICULTY_LABELS, GUIDE_SHEET, OPTION_KEYS } from '../bank/sheet-columns.ts';

// Rows below the last question that still get the drop-down lists, so officials can add questions.
const SPARE_ROWS = 100;

function addGuide(workbook: ExcelJS.Workbook, bank: QuestionBank): void {
  const sheet = workbook.addWorksheet(GUIDE_SHEET, { properties: { tabColor: { argb: 'FF1F6F43' } } });
  sheet.columns = [{ width: 12 }, { width: 70 }, { width: 60 }, { width: 10 }];
  sheet.addRow([T.guideTitle]).font = { bold: true, size: 14 };
  for (const line of T.guide) sheet.addRow(['', line]);
  sheet.addRow([]);
  sheet.addRow([...T.topicsHeader]).font = { bold: true };
  for (const t of bank.topics) sheet.addRow([t.id, t.name, t.document, bank.questions.filter((q) => q.topic === t.id).length]);
  sheet.eachRow((row) => row.eachCell((cell) => (cell.alignment = { wrapText: true, vertical: 'top' })));
}

function formatTopicSheet(sheet: ExcelJS.Worksheet): void {
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1, activeCell: 'B2' }];
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F6F43' } };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
}

function addDropDowns(sheet: ExcelJS.Worksheet, lastRow: number): void {
  const correctCol = COLUMNS.findIndex((c) => c.key === 'correct') + 1;
  const difficultyCol = COLUMNS.findIndex((c) => c.key === 'difficulty') + 1;
  for (let r = 2; r <= lastRow; r++) {
    sheet.getCell(r, correctCol).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${OPTION_KEYS.join(',')}"`], showErrorMessage: true, error: T.correctError };
    sheet.getCell(r, difficultyCol).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${Object.values(DIFFICULTY_LABELS).join(',')}"`],
      showErrorMessage: true,
      error: T.difficultyError,
    };
  }
}

/** The whole bank as one workbook: a guide sheet, then one sheet per topic formatted for reading and printing. */
export function buildWorkbook(bank: QuestionBank, exportedAt = Date.now()): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cds-quizbot';
  addGuide(workbook, bank);
  for (const topic of bank.topics) {
    const sheet = workbook.addWorksheet(topic.id);
    // Text format ("@") on every column: Excel then keeps "03/6/2020" or "80%" typed by an official as text.
    sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@', alignment: { wrapText: true, vertical: 'top' } } }));
    for (const q of bank.questions.filter((x) => x.topic === topic.id)) {
      const options = Object.fromEntries(OPTION_KEYS.map((k, i) => [k, q.options[i] ?? null]));
      sheet.addRow({
        id: q.id,
        text: q.text,
        ...options,
        correct: OPTION_KEYS[q.correct],
        explanation: q.explanation,
        source: q.source,
        difficulty: DIFFICULTY_LABELS[q.difficulty],
        source_url: q.sourceUrl ?? null,
        longest_ok: q.longestOk ?? null,
      });
    }
    formatTopicSheet(sheet);
    addDropDowns(sheet, sheet.rowCount + SPARE_ROWS);
  }
  const topicName = new Map(bank.topics.map((t) => [t.id, `${t.id} — ${t.name}`]));
  // The bank belongs to no campaign (nor time zone): its print header names the bank, times in Vietnam.
  const print = { title: viProposal.print.bankTitle, exportedAt, timezone: 'Asia/Ho_Chi_Minh', label: (s: ExcelJS.Worksheet) => topicName.get(s.name) ?? s.name };
  for (const sheet of workbook.worksheets) applyPrintSetup(sheet, print);
  return workbook;
}

/** Writes the workbook to `file` (.xlsx). */
export async function exportWorkbook(bank: QuestionBank, file: string): Promise<void> {
  await buildWorkbook(bank).xlsx.writeFile(file);
}
